from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.compute_microversion import (
    ComputeMicroversion,
)
from ...models.fault import Fault
from ...models.keystone_error import KeystoneError
from ...models.server_response import ServerResponse
from ...types import Response


def _get_kwargs(
    server_id: UUID,
    *,
    open_stack_api_version: ComputeMicroversion = "compute 2.89",
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["OpenStack-API-Version"] = str(open_stack_api_version)

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/servers/{server_id}".format(
            server_id=quote(str(server_id), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Fault | KeystoneError | ServerResponse | None:
    if response.status_code == 200:
        response_200 = ServerResponse.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = KeystoneError.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Fault.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Fault.from_dict(response.json())

        return response_404

    if response.status_code == 500:
        response_500 = Fault.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Fault | KeystoneError | ServerResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    server_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    open_stack_api_version: ComputeMicroversion = "compute 2.89",
) -> Response[Fault | KeystoneError | ServerResponse]:
    """Show a server (Nova)

     The server's `status` and `OS-EXT-STS:task_state` (both tell a migrating or
    resizing server). 404 `itemNotFound` when no such server exists (or the
    caller's project cannot see it). Described for `compute 2.89`.

    Args:
        server_id (UUID):
        open_stack_api_version (ComputeMicroversion): Microversions the compute operations are
            described for. Default: 'compute 2.89'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Fault | KeystoneError | ServerResponse]
    """

    kwargs = _get_kwargs(
        server_id=server_id,
        open_stack_api_version=open_stack_api_version,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    server_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    open_stack_api_version: ComputeMicroversion = "compute 2.89",
) -> Fault | KeystoneError | ServerResponse | None:
    """Show a server (Nova)

     The server's `status` and `OS-EXT-STS:task_state` (both tell a migrating or
    resizing server). 404 `itemNotFound` when no such server exists (or the
    caller's project cannot see it). Described for `compute 2.89`.

    Args:
        server_id (UUID):
        open_stack_api_version (ComputeMicroversion): Microversions the compute operations are
            described for. Default: 'compute 2.89'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Fault | KeystoneError | ServerResponse
    """

    return sync_detailed(
        server_id=server_id,
        client=client,
        open_stack_api_version=open_stack_api_version,
    ).parsed


async def asyncio_detailed(
    server_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    open_stack_api_version: ComputeMicroversion = "compute 2.89",
) -> Response[Fault | KeystoneError | ServerResponse]:
    """Show a server (Nova)

     The server's `status` and `OS-EXT-STS:task_state` (both tell a migrating or
    resizing server). 404 `itemNotFound` when no such server exists (or the
    caller's project cannot see it). Described for `compute 2.89`.

    Args:
        server_id (UUID):
        open_stack_api_version (ComputeMicroversion): Microversions the compute operations are
            described for. Default: 'compute 2.89'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Fault | KeystoneError | ServerResponse]
    """

    kwargs = _get_kwargs(
        server_id=server_id,
        open_stack_api_version=open_stack_api_version,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    server_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    open_stack_api_version: ComputeMicroversion = "compute 2.89",
) -> Fault | KeystoneError | ServerResponse | None:
    """Show a server (Nova)

     The server's `status` and `OS-EXT-STS:task_state` (both tell a migrating or
    resizing server). 404 `itemNotFound` when no such server exists (or the
    caller's project cannot see it). Described for `compute 2.89`.

    Args:
        server_id (UUID):
        open_stack_api_version (ComputeMicroversion): Microversions the compute operations are
            described for. Default: 'compute 2.89'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Fault | KeystoneError | ServerResponse
    """

    return (
        await asyncio_detailed(
            server_id=server_id,
            client=client,
            open_stack_api_version=open_stack_api_version,
        )
    ).parsed
