from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.fault import Fault
from ...models.keystone_error import KeystoneError
from ...models.show_volume_microversion import (
    ShowVolumeMicroversion,
)
from ...models.volume_response import VolumeResponse
from ...types import Response


def _get_kwargs(
    volume_id: UUID,
    *,
    open_stack_api_version: ShowVolumeMicroversion = "volume 3.27",
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["OpenStack-API-Version"] = str(open_stack_api_version)

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/volumes/{volume_id}".format(
            volume_id=quote(str(volume_id), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Fault | KeystoneError | VolumeResponse | None:
    if response.status_code == 200:
        response_200 = VolumeResponse.from_dict(response.json())

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
) -> Response[Fault | KeystoneError | VolumeResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    volume_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    open_stack_api_version: ShowVolumeMicroversion = "volume 3.27",
) -> Response[Fault | KeystoneError | VolumeResponse]:
    """Show one volume

     One volume's detail view: its `status` (a create waits on it), whether it
    is `multiattach`, its `attachments`, and from `volume 3.48` on
    `shared_targets` and `service_uuid` (what a host-side connect needs to
    decide on locking). From `volume 3.69` on `shared_targets` may be null
    (the backend does not know), before that it is a plain boolean.

    Any microversion works; it is described for `volume 3.27` (the first
    version of the attachments API), `volume 3.48` and `volume 3.69`. Fields
    a newer microversion adds are absent at an older one, and Cinder sends
    many more fields than described here (all kept).

    Args:
        volume_id (UUID):
        open_stack_api_version (ShowVolumeMicroversion): Microversions show_volume is described
            for. Default: 'volume 3.27'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Fault | KeystoneError | VolumeResponse]
    """

    kwargs = _get_kwargs(
        volume_id=volume_id,
        open_stack_api_version=open_stack_api_version,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    volume_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    open_stack_api_version: ShowVolumeMicroversion = "volume 3.27",
) -> Fault | KeystoneError | VolumeResponse | None:
    """Show one volume

     One volume's detail view: its `status` (a create waits on it), whether it
    is `multiattach`, its `attachments`, and from `volume 3.48` on
    `shared_targets` and `service_uuid` (what a host-side connect needs to
    decide on locking). From `volume 3.69` on `shared_targets` may be null
    (the backend does not know), before that it is a plain boolean.

    Any microversion works; it is described for `volume 3.27` (the first
    version of the attachments API), `volume 3.48` and `volume 3.69`. Fields
    a newer microversion adds are absent at an older one, and Cinder sends
    many more fields than described here (all kept).

    Args:
        volume_id (UUID):
        open_stack_api_version (ShowVolumeMicroversion): Microversions show_volume is described
            for. Default: 'volume 3.27'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Fault | KeystoneError | VolumeResponse
    """

    return sync_detailed(
        volume_id=volume_id,
        client=client,
        open_stack_api_version=open_stack_api_version,
    ).parsed


async def asyncio_detailed(
    volume_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    open_stack_api_version: ShowVolumeMicroversion = "volume 3.27",
) -> Response[Fault | KeystoneError | VolumeResponse]:
    """Show one volume

     One volume's detail view: its `status` (a create waits on it), whether it
    is `multiattach`, its `attachments`, and from `volume 3.48` on
    `shared_targets` and `service_uuid` (what a host-side connect needs to
    decide on locking). From `volume 3.69` on `shared_targets` may be null
    (the backend does not know), before that it is a plain boolean.

    Any microversion works; it is described for `volume 3.27` (the first
    version of the attachments API), `volume 3.48` and `volume 3.69`. Fields
    a newer microversion adds are absent at an older one, and Cinder sends
    many more fields than described here (all kept).

    Args:
        volume_id (UUID):
        open_stack_api_version (ShowVolumeMicroversion): Microversions show_volume is described
            for. Default: 'volume 3.27'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Fault | KeystoneError | VolumeResponse]
    """

    kwargs = _get_kwargs(
        volume_id=volume_id,
        open_stack_api_version=open_stack_api_version,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    volume_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    open_stack_api_version: ShowVolumeMicroversion = "volume 3.27",
) -> Fault | KeystoneError | VolumeResponse | None:
    """Show one volume

     One volume's detail view: its `status` (a create waits on it), whether it
    is `multiattach`, its `attachments`, and from `volume 3.48` on
    `shared_targets` and `service_uuid` (what a host-side connect needs to
    decide on locking). From `volume 3.69` on `shared_targets` may be null
    (the backend does not know), before that it is a plain boolean.

    Any microversion works; it is described for `volume 3.27` (the first
    version of the attachments API), `volume 3.48` and `volume 3.69`. Fields
    a newer microversion adds are absent at an older one, and Cinder sends
    many more fields than described here (all kept).

    Args:
        volume_id (UUID):
        open_stack_api_version (ShowVolumeMicroversion): Microversions show_volume is described
            for. Default: 'volume 3.27'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Fault | KeystoneError | VolumeResponse
    """

    return (
        await asyncio_detailed(
            volume_id=volume_id,
            client=client,
            open_stack_api_version=open_stack_api_version,
        )
    ).parsed
