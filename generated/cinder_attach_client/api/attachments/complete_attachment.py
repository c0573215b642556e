from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.attachment_complete_request import AttachmentCompleteRequest
from ...models.complete_attachment_microversion import (
    CompleteAttachmentMicroversion,
)
from ...models.fault import Fault
from ...models.keystone_error import KeystoneError
from ...types import Response


def _get_kwargs(
    attachment_id: UUID,
    *,
    body: AttachmentCompleteRequest,
    open_stack_api_version: CompleteAttachmentMicroversion = "volume 3.44",
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["OpenStack-API-Version"] = str(open_stack_api_version)

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/attachments/{attachment_id}/action".format(
            attachment_id=quote(str(attachment_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Fault | KeystoneError | None:
    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

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
) -> Response[Any | Fault | KeystoneError]:
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
    body: AttachmentCompleteRequest,
    open_stack_api_version: CompleteAttachmentMicroversion = "volume 3.44",
) -> Response[Any | Fault | KeystoneError]:
    """Complete an attachment (os-complete)

     Mark the attachment `attached` and its volume `in-use`. The body is exactly
    `{"os-complete": null}`.

    Needs microversion `volume 3.44` (any later version up to the cloud's maximum
    works too). Answers 204 with no body.

    Args:
        attachment_id (UUID):
        open_stack_api_version (CompleteAttachmentMicroversion): Microversions complete_attachment
            is described for. Default: 'volume 3.44'.
        body (AttachmentCompleteRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Fault | KeystoneError]
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
    body: AttachmentCompleteRequest,
    open_stack_api_version: CompleteAttachmentMicroversion = "volume 3.44",
) -> Any | Fault | KeystoneError | None:
    """Complete an attachment (os-complete)

     Mark the attachment `attached` and its volume `in-use`. The body is exactly
    `{"os-complete": null}`.

    Needs microversion `volume 3.44` (any later version up to the cloud's maximum
    works too). Answers 204 with no body.

    Args:
        attachment_id (UUID):
        open_stack_api_version (CompleteAttachmentMicroversion): Microversions complete_attachment
            is described for. Default: 'volume 3.44'.
        body (AttachmentCompleteRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Fault | KeystoneError
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
    body: AttachmentCompleteRequest,
    open_stack_api_version: CompleteAttachmentMicroversion = "volume 3.44",
) -> Response[Any | Fault | KeystoneError]:
    """Complete an attachment (os-complete)

     Mark the attachment `attached` and its volume `in-use`. The body is exactly
    `{"os-complete": null}`.

    Needs microversion `volume 3.44` (any later version up to the cloud's maximum
    works too). Answers 204 with no body.

    Args:
        attachment_id (UUID):
        open_stack_api_version (CompleteAttachmentMicroversion): Microversions complete_attachment
            is described for. Default: 'volume 3.44'.
        body (AttachmentCompleteRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Fault | KeystoneError]
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
    body: AttachmentCompleteRequest,
    open_stack_api_version: CompleteAttachmentMicroversion = "volume 3.44",
) -> Any | Fault | KeystoneError | None:
    """Complete an attachment (os-complete)

     Mark the attachment `attached` and its volume `in-use`. The body is exactly
    `{"os-complete": null}`.

    Needs microversion `volume 3.44` (any later version up to the cloud's maximum
    works too). Answers 204 with no body.

    Args:
        attachment_id (UUID):
        open_stack_api_version (CompleteAttachmentMicroversion): Microversions complete_attachment
            is described for. Default: 'volume 3.44'.
        body (AttachmentCompleteRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Fault | KeystoneError
    """

    return (
        await asyncio_detailed(
            attachment_id=attachment_id,
            client=client,
            body=body,
            open_stack_api_version=open_stack_api_version,
        )
    ).parsed
