from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.attachment_list import AttachmentList
from ...models.attachment_microversion import (
    AttachmentMicroversion,
)
from ...models.fault import Fault
from ...models.keystone_error import KeystoneError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    volume_id: UUID | Unset = UNSET,
    instance_id: UUID | Unset = UNSET,
    status: str | Unset = UNSET,
    attach_status: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    marker: UUID | Unset = UNSET,
    offset: int | Unset = UNSET,
    sort: str | Unset = UNSET,
    all_tenants: int | Unset = UNSET,
    project_id: str | Unset = UNSET,
    open_stack_api_version: AttachmentMicroversion = "volume 3.27",
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["OpenStack-API-Version"] = str(open_stack_api_version)

    params: dict[str, Any] = {}

    json_volume_id: str | Unset = UNSET
    if not isinstance(volume_id, Unset):
        json_volume_id = str(volume_id)
    params["volume_id"] = json_volume_id

    json_instance_id: str | Unset = UNSET
    if not isinstance(instance_id, Unset):
        json_instance_id = str(instance_id)
    params["instance_id"] = json_instance_id

    params["status"] = status

    params["attach_status"] = attach_status

    params["limit"] = limit

    json_marker: str | Unset = UNSET
    if not isinstance(marker, Unset):
        json_marker = str(marker)
    params["marker"] = json_marker

    params["offset"] = offset

    params["sort"] = sort

    params["all_tenants"] = all_tenants

    params["project_id"] = project_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/attachments",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AttachmentList | Fault | KeystoneError | None:
    if response.status_code == 200:
        response_200 = AttachmentList.from_dict(response.json())

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
) -> Response[AttachmentList | Fault | KeystoneError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    volume_id: UUID | Unset = UNSET,
    instance_id: UUID | Unset = UNSET,
    status: str | Unset = UNSET,
    attach_status: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    marker: UUID | Unset = UNSET,
    offset: int | Unset = UNSET,
    sort: str | Unset = UNSET,
    all_tenants: int | Unset = UNSET,
    project_id: str | Unset = UNSET,
    open_stack_api_version: AttachmentMicroversion = "volume 3.27",
) -> Response[AttachmentList | Fault | KeystoneError]:
    """List attachments (summary view)

     List the project's attachments with `id`, `status`, `instance` and `volume_id`.

    Needs microversion `volume 3.27` (any later version up to the cloud's maximum
    works too). From 3.33 on, a query parameter Cinder does not know is refused
    with 400 (`Invalid filters ... are found in query options.`); below 3.33 it is
    ignored. Cinder 29 sends no `attachments_links`, even when `limit` cut the list.

    Args:
        volume_id (UUID | Unset):
        instance_id (UUID | Unset):
        status (str | Unset):
        attach_status (str | Unset):
        limit (int | Unset):
        marker (UUID | Unset):
        offset (int | Unset):
        sort (str | Unset):
        all_tenants (int | Unset):
        project_id (str | Unset):
        open_stack_api_version (AttachmentMicroversion): Microversions the list/show/update/delete
            operations are described for (all behave alike from 3.27 on). Default: 'volume 3.27'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AttachmentList | Fault | KeystoneError]
    """

    kwargs = _get_kwargs(
        volume_id=volume_id,
        instance_id=instance_id,
        status=status,
        attach_status=attach_status,
        limit=limit,
        marker=marker,
        offset=offset,
        sort=sort,
        all_tenants=all_tenants,
        project_id=project_id,
        open_stack_api_version=open_stack_api_version,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    volume_id: UUID | Unset = UNSET,
    instance_id: UUID | Unset = UNSET,
    status: str | Unset = UNSET,
    attach_status: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    marker: UUID | Unset = UNSET,
    offset: int | Unset = UNSET,
    sort: str | Unset = UNSET,
    all_tenants: int | Unset = UNSET,
    project_id: str | Unset = UNSET,
    open_stack_api_version: AttachmentMicroversion = "volume 3.27",
) -> AttachmentList | Fault | KeystoneError | None:
    """List attachments (summary view)

     List the project's attachments with `id`, `status`, `instance` and `volume_id`.

    Needs microversion `volume 3.27` (any later version up to the cloud's maximum
    works too). From 3.33 on, a query parameter Cinder does not know is refused
    with 400 (`Invalid filters ... are found in query options.`); below 3.33 it is
    ignored. Cinder 29 sends no `attachments_links`, even when `limit` cut the list.

    Args:
        volume_id (UUID | Unset):
        instance_id (UUID | Unset):
        status (str | Unset):
        attach_status (str | Unset):
        limit (int | Unset):
        marker (UUID | Unset):
        offset (int | Unset):
        sort (str | Unset):
        all_tenants (int | Unset):
        project_id (str | Unset):
        open_stack_api_version (AttachmentMicroversion): Microversions the list/show/update/delete
            operations are described for (all behave alike from 3.27 on). Default: 'volume 3.27'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AttachmentList | Fault | KeystoneError
    """

    return sync_detailed(
        client=client,
        volume_id=volume_id,
        instance_id=instance_id,
        status=status,
        attach_status=attach_status,
        limit=limit,
        marker=marker,
        offset=offset,
        sort=sort,
        all_tenants=all_tenants,
        project_id=project_id,
        open_stack_api_version=open_stack_api_version,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    volume_id: UUID | Unset = UNSET,
    instance_id: UUID | Unset = UNSET,
    status: str | Unset = UNSET,
    attach_status: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    marker: UUID | Unset = UNSET,
    offset: int | Unset = UNSET,
    sort: str | Unset = UNSET,
    all_tenants: int | Unset = UNSET,
    project_id: str | Unset = UNSET,
    open_stack_api_version: AttachmentMicroversion = "volume 3.27",
) -> Response[AttachmentList | Fault | KeystoneError]:
    """List attachments (summary view)

     List the project's attachments with `id`, `status`, `instance` and `volume_id`.

    Needs microversion `volume 3.27` (any later version up to the cloud's maximum
    works too). From 3.33 on, a query parameter Cinder does not know is refused
    with 400 (`Invalid filters ... are found in query options.`); below 3.33 it is
    ignored. Cinder 29 sends no `attachments_links`, even when `limit` cut the list.

    Args:
        volume_id (UUID | Unset):
        instance_id (UUID | Unset):
        status (str | Unset):
        attach_status (str | Unset):
        limit (int | Unset):
        marker (UUID | Unset):
        offset (int | Unset):
        sort (str | Unset):
        all_tenants (int | Unset):
        project_id (str | Unset):
        open_stack_api_version (AttachmentMicroversion): Microversions the list/show/update/delete
            operations are described for (all behave alike from 3.27 on). Default: 'volume 3.27'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AttachmentList | Fault | KeystoneError]
    """

    kwargs = _get_kwargs(
        volume_id=volume_id,
        instance_id=instance_id,
        status=status,
        attach_status=attach_status,
        limit=limit,
        marker=marker,
        offset=offset,
        sort=sort,
        all_tenants=all_tenants,
        project_id=project_id,
        open_stack_api_version=open_stack_api_version,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    volume_id: UUID | Unset = UNSET,
    instance_id: UUID | Unset = UNSET,
    status: str | Unset = UNSET,
    attach_status: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    marker: UUID | Unset = UNSET,
    offset: int | Unset = UNSET,
    sort: str | Unset = UNSET,
    all_tenants: int | Unset = UNSET,
    project_id: str | Unset = UNSET,
    open_stack_api_version: AttachmentMicroversion = "volume 3.27",
) -> AttachmentList | Fault | KeystoneError | None:
    """List attachments (summary view)

     List the project's attachments with `id`, `status`, `instance` and `volume_id`.

    Needs microversion `volume 3.27` (any later version up to the cloud's maximum
    works too). From 3.33 on, a query parameter Cinder does not know is refused
    with 400 (`Invalid filters ... are found in query options.`); below 3.33 it is
    ignored. Cinder 29 sends no `attachments_links`, even when `limit` cut the list.

    Args:
        volume_id (UUID | Unset):
        instance_id (UUID | Unset):
        status (str | Unset):
        attach_status (str | Unset):
        limit (int | Unset):
        marker (UUID | Unset):
        offset (int | Unset):
        sort (str | Unset):
        all_tenants (int | Unset):
        project_id (str | Unset):
        open_stack_api_version (AttachmentMicroversion): Microversions the list/show/update/delete
            operations are described for (all behave alike from 3.27 on). Default: 'volume 3.27'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AttachmentList | Fault | KeystoneError
    """

    return (
        await asyncio_detailed(
            client=client,
            volume_id=volume_id,
            instance_id=instance_id,
            status=status,
            attach_status=attach_status,
            limit=limit,
            marker=marker,
            offset=offset,
            sort=sort,
            all_tenants=all_tenants,
            project_id=project_id,
            open_stack_api_version=open_stack_api_version,
        )
    ).parsed
