from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.attachment_microversion import (
    AttachmentMicroversion,
)
from ...models.attachment_response import AttachmentResponse
from ...models.attachment_update_request import AttachmentUpdateRequest
from ...models.fault import Fault
from ...models.keystone_error import KeystoneError
from ...types import Response


def _get_kwargs(
    attachment_id: UUID,
    *,
    body: AttachmentUpdateRequest,
    open_stack_api_version: AttachmentMicroversion = "volume 3.27",
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["OpenStack-API-Version"] = str(open_stack_api_version)

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/attachments/{attachment_id}".format(
            attachment_id=quote(str(attachment_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AttachmentResponse | Fault | KeystoneError | None:
    if response.status_code == 200:
        response_200 = AttachmentResponse.from_dict(response.json())

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
) -> Response[AttachmentResponse | Fault | KeystoneError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    attachment_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: AttachmentUpdateRequest,
    open_stack_api_version: AttachmentMicroversion = "volume 3.27",
) -> Response[AttachmentResponse | Fault | KeystoneError]:
    """Update an attachment with a connector

     Give a reserved attachment its connector; the backend initialises the
    connection and the answer carries `connection_info`. The connector needs at
    least one key (an empty one is a 400), and the backend may refuse it (500,
    e.g. iSCSI without `initiator`). The answer still shows status `reserved`; a
    later GET shows `attaching`.

    Needs microversion `volume 3.27` (any later version up to the cloud's maximum
    works too).

    Args:
        attachment_id (UUID):
        open_stack_api_version (AttachmentMicroversion): Microversions the list/show/update/delete
            operations are described for (all behave alike from 3.27 on). Default: 'volume 3.27'.
        body (AttachmentUpdateRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AttachmentResponse | Fault | KeystoneError]
    """

    kwargs = _get_kwargs(
        attachment_id=attachment_id,
        body=body,
        open_stack_api_version=open_stack_api_version,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    attachment_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: AttachmentUpdateRequest,
    open_stack_api_version: AttachmentMicroversion = "volume 3.27",
) -> AttachmentResponse | Fault | KeystoneError | None:
    """Update an attachment with a connector

     Give a reserved attachment its connector; the backend initialises the
    connection and the answer carries `connection_info`. The connector needs at
    least one key (an empty one is a 400), and the backend may refuse it (500,
    e.g. iSCSI without `initiator`). The answer still shows status `reserved`; a
    later GET shows `attaching`.

    Needs microversion `volume 3.27` (any later version up to the cloud's maximum
    works too).

    Args:
        attachment_id (UUID):
        open_stack_api_version (AttachmentMicroversion): Microversions the list/show/update/delete
            operations are described for (all behave alike from 3.27 on). Default: 'volume 3.27'.
        body (AttachmentUpdateRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AttachmentResponse | Fault | KeystoneError
    """

    return sync_detailed(
        attachment_id=attachment_id,
        client=client,
        body=body,
        open_stack_api_version=open_stack_api_version,
    ).parsed


async def asyncio_detailed(
    attachment_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: AttachmentUpdateRequest,
    open_stack_api_version: AttachmentMicroversion = "volume 3.27",
) -> Response[AttachmentResponse | Fault | KeystoneError]:
    """Update an attachment with a connector

     Give a reserved attachment its connector; the backend initialises the
    connection and the answer carries `connection_info`. The connector needs at
    least one key (an empty one is a 400), and the backend may refuse it (500,
    e.g. iSCSI without `initiator`). The answer still shows status `reserved`; a
    later GET shows `attaching`.

    Needs microversion `volume 3.27` (any later version up to the cloud's maximum
    works too).

    Args:
        attachment_id (UUID):
        open_stack_api_version (AttachmentMicroversion): Microversions the list/show/update/delete
            operations are described for (all behave alike from 3.27 on). Default: 'volume 3.27'.
        body (AttachmentUpdateRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AttachmentResponse | Fault | KeystoneError]
    """

    kwargs = _get_kwargs(
        attachment_id=attachment_id,
        body=body,
        open_stack_api_version=open_stack_api_version,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    attachment_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: AttachmentUpdateRequest,
    open_stack_api_version: AttachmentMicroversion = "volume 3.27",
) -> AttachmentResponse | Fault | KeystoneError | None:
    """Update an attachment with a connector

     Give a reserved attachment its connector; the backend initialises the
    connection and the answer carries `connection_info`. The connector needs at
    least one key (an empty one is a 400), and the backend may refuse it (500,
    e.g. iSCSI without `initiator`). The answer still shows status `reserved`; a
    later GET shows `attaching`.

    Needs microversion `volume 3.27` (any later version up to the cloud's maximum
    works too).

    Args:
        attachment_id (UUID):
        open_stack_api_version (AttachmentMicroversion): Microversions the list/show/update/delete
            operations are described for (all behave alike from 3.27 on). Default: 'volume 3.27'.
        body (AttachmentUpdateRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AttachmentResponse | Fault | KeystoneError
    """

    return (
        await asyncio_detailed(
            attachment_id=attachment_id,
            client=client,
            body=body,
            open_stack_api_version=open_stack_api_version,
        )
    ).parsed
