from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.fault import Fault
from ...models.keystone_error import KeystoneError
from ...models.volume_detail_list import VolumeDetailList
from ...models.volume_microversion import VolumeMicroversion
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    name: str | Unset = UNSET,
    open_stack_api_version: VolumeMicroversion = "volume 3.27",
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["OpenStack-API-Version"] = str(open_stack_api_version)

    params: dict[str, Any] = {}

    params["name"] = name

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/volumes/detail",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Fault | KeystoneError | VolumeDetailList | None:
    if response.status_code == 200:
        response_200 = VolumeDetailList.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Fault.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = KeystoneError.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Fault.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Fault.from_dict(response.json())

        return response_404

    if response.status_code == 406:
        response_406 = Fault.from_dict(response.json())

        return response_406

    if response.status_code == 409:
        response_409 = Fault.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = Fault.from_dict(response.json())

        return response_413

    if response.status_code == 500:
        response_500 = Fault.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Fault | KeystoneError | VolumeDetailList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    name: str | Unset = UNSET,
    open_stack_api_version: VolumeMicroversion = "volume 3.27",
) -> Response[Fault | KeystoneError | VolumeDetailList]:
    """List volumes (detail view), to find one by name

     List the project's volumes with every field of the detail view, including
    `status`. With `name`, only the volumes of exactly that name: on Cinder 29
    with SQLite the match is exact and case-sensitive, but a MySQL database
    compares case-insensitively, so a client that wants an exact match filters
    the answer again.

    Needs no microversion; it is described for `volume 3.27`, the first version
    of the attachments API, so that it works on every cloud the attachments API
    works on. From 3.33 on, a query parameter Cinder does not know is refused
    with 400 (`Invalid filters ... are found in query options.`), and the
    inexact `name~` filter is refused too unless the cloud's
    `resource_filters.json` enables it.

    Args:
        name (str | Unset):
        open_stack_api_version (VolumeMicroversion): Microversions list_volumes_detail is
            described for. Default: 'volume 3.27'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Fault | KeystoneError | VolumeDetailList]
    """

    kwargs = _get_kwargs(
        name=name,
        open_stack_api_version=open_stack_api_version,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    name: str | Unset = UNSET,
    open_stack_api_version: VolumeMicroversion = "volume 3.27",
) -> Fault | KeystoneError | VolumeDetailList | None:
    """List volumes (detail view), to find one by name

     List the project's volumes with every field of the detail view, including
    `status`. With `name`, only the volumes of exactly that name: on Cinder 29
    with SQLite the match is exact and case-sensitive, but a MySQL database
    compares case-insensitively, so a client that wants an exact match filters
    the answer again.

    Needs no microversion; it is described for `volume 3.27`, the first version
    of the attachments API, so that it works on every cloud the attachments API
    works on. From 3.33 on, a query parameter Cinder does not know is refused
    with 400 (`Invalid filters ... are found in query options.`), and the
    inexact `name~` filter is refused too unless the cloud's
    `resource_filters.json` enables it.

    Args:
        name (str | Unset):
        open_stack_api_version (VolumeMicroversion): Microversions list_volumes_detail is
            described for. Default: 'volume 3.27'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Fault | KeystoneError | VolumeDetailList
    """

    return sync_detailed(
        client=client,
        name=name,
        open_stack_api_version=open_stack_api_version,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    name: str | Unset = UNSET,
    open_stack_api_version: VolumeMicroversion = "volume 3.27",
) -> Response[Fault | KeystoneError | VolumeDetailList]:
    """List volumes (detail view), to find one by name

     List the project's volumes with every field of the detail view, including
    `status`. With `name`, only the volumes of exactly that name: on Cinder 29
    with SQLite the match is exact and case-sensitive, but a MySQL database
    compares case-insensitively, so a client that wants an exact match filters
    the answer again.

    Needs no microversion; it is described for `volume 3.27`, the first version
    of the attachments API, so that it works on every cloud the attachments API
    works on. From 3.33 on, a query parameter Cinder does not know is refused
    with 400 (`Invalid filters ... are found in query options.`), and the
    inexact `name~` filter is refused too unless the cloud's
    `resource_filters.json` enables it.

    Args:
        name (str | Unset):
        open_stack_api_version (VolumeMicroversion): Microversions list_volumes_detail is
            described for. Default: 'volume 3.27'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Fault | KeystoneError | VolumeDetailList]
    """

    kwargs = _get_kwargs(
        name=name,
        open_stack_api_version=open_stack_api_version,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    name: str | Unset = UNSET,
    open_stack_api_version: VolumeMicroversion = "volume 3.27",
) -> Fault | KeystoneError | VolumeDetailList | None:
    """List volumes (detail view), to find one by name

     List the project's volumes with every field of the detail view, including
    `status`. With `name`, only the volumes of exactly that name: on Cinder 29
    with SQLite the match is exact and case-sensitive, but a MySQL database
    compares case-insensitively, so a client that wants an exact match filters
    the answer again.

    Needs no microversion; it is described for `volume 3.27`, the first version
    of the attachments API, so that it works on every cloud the attachments API
    works on. From 3.33 on, a query parameter Cinder does not know is refused
    with 400 (`Invalid filters ... are found in query options.`), and the
    inexact `name~` filter is refused too unless the cloud's
    `resource_filters.json` enables it.

    Args:
        name (str | Unset):
        open_stack_api_version (VolumeMicroversion): Microversions list_volumes_detail is
            described for. Default: 'volume 3.27'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Fault | KeystoneError | VolumeDetailList
    """

    return (
        await asyncio_detailed(
            client=client,
            name=name,
            open_stack_api_version=open_stack_api_version,
        )
    ).parsed
