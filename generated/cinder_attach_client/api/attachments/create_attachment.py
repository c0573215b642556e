from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.attachment_create_327_request import AttachmentCreate327Request
from ...models.attachment_create_354_request import AttachmentCreate354Request
from ...models.attachment_response import AttachmentResponse
from ...models.create_attachment_microversion import (
    CreateAttachmentMicroversion,
)
from ...models.fault import Fault
from ...models.keystone_error import KeystoneError
from ...types import Response


def _get_kwargs(
    *,
    body: AttachmentCreate327Request | AttachmentCreate354Request,
    open_stack_api_version: CreateAttachmentMicroversion = "volume 3.54",
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["OpenStack-API-Version"] = str(open_stack_api_version)

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/attachments",
    }

    if isinstance(body, AttachmentCreate354Request):
        _kwargs["json"] = body.to_dict()
    else:
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
    *,
    client: AuthenticatedClient | Client,
    body: AttachmentCreate327Request | AttachmentCreate354Request,
    open_stack_api_version: CreateAttachmentMicroversion = "volume 3.54",
) -> Response[AttachmentResponse | Fault | KeystoneError]:
    """Create an attachment

     Reserve a volume for an instance (no connector, or `connector: {}`), or reserve
    and initialise the connection in one call (connector given).

    Needs microversion `volume 3.27`; the `mode` field needs `volume 3.54`. Send an
    `AttachmentCreate354Request` with `volume 3.54` and an
    `AttachmentCreate327Request` with `volume 3.27`.

    Answers 200 (not 201/202) with the attachment in status `reserved`, even when
    a connector was given. Leave optional fields out rather than sending `null`:
    `instance_uuid: null` and `mode: null` are rejected with 400. A connector the
    backend cannot use (e.g. iSCSI without `initiator`) gives 500.

    Args:
        open_stack_api_version (CreateAttachmentMicroversion): Microversions create_attachment is
            described for. Default: 'volume 3.54'.
        body (AttachmentCreate327Request | AttachmentCreate354Request):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AttachmentResponse | Fault | KeystoneError]
    """

    kwargs = _get_kwargs(
        body=body,
        open_stack_api_version=open_stack_api_version,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: AttachmentCreate327Request | AttachmentCreate354Request,
    open_stack_api_version: CreateAttachmentMicroversion = "volume 3.54",
) -> AttachmentResponse | Fault | KeystoneError | None:
    """Create an attachment

     Reserve a volume for an instance (no connector, or `connector: {}`), or reserve
    and initialise the connection in one call (connector given).

    Needs microversion `volume 3.27`; the `mode` field needs `volume 3.54`. Send an
    `AttachmentCreate354Request` with `volume 3.54` and an
    `AttachmentCreate327Request` with `volume 3.27`.

    Answers 200 (not 201/202) with the attachment in status `reserved`, even when
    a connector was given. Leave optional fields out rather than sending `null`:
    `instance_uuid: null` and `mode: null` are rejected with 400. A connector the
    backend cannot use (e.g. iSCSI without `initiator`) gives 500.

    Args:
        open_stack_api_version (CreateAttachmentMicroversion): Microversions create_attachment is
            described for. Default: 'volume 3.54'.
        body (AttachmentCreate327Request | AttachmentCreate354Request):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AttachmentResponse | Fault | KeystoneError
    """

    return sync_detailed(
        client=client,
        body=body,
        open_stack_api_version=open_stack_api_version,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: AttachmentCreate327Request | AttachmentCreate354Request,
    open_stack_api_version: CreateAttachmentMicroversion = "volume 3.54",
) -> Response[AttachmentResponse | Fault | KeystoneError]:
    """Create an attachment

     Reserve a volume for an instance (no connector, or `connector: {}`), or reserve
    and initialise the connection in one call (connector given).

    Needs microversion `volume 3.27`; the `mode` field needs `volume 3.54`. Send an
    `AttachmentCreate354Request` with `volume 3.54` and an
    `AttachmentCreate327Request` with `volume 3.27`.

    Answers 200 (not 201/202) with the attachment in status `reserved`, even when
    a connector was given. Leave optional fields out rather than sending `null`:
    `instance_uuid: null` and `mode: null` are rejected with 400. A connector the
    backend cannot use (e.g. iSCSI without `initiator`) gives 500.

    Args:
        open_stack_api_version (CreateAttachmentMicroversion): Microversions create_attachment is
            described for. Default: 'volume 3.54'.
        body (AttachmentCreate327Request | AttachmentCreate354Request):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AttachmentResponse | Fault | KeystoneError]
    """

    kwargs = _get_kwargs(
        body=body,
        open_stack_api_version=open_stack_api_version,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: AttachmentCreate327Request | AttachmentCreate354Request,
    open_stack_api_version: CreateAttachmentMicroversion = "volume 3.54",
) -> AttachmentResponse | Fault | KeystoneError | None:
    """Create an attachment

     Reserve a volume for an instance (no connector, or `connector: {}`), or reserve
    and initialise the connection in one call (connector given).

    Needs microversion `volume 3.27`; the `mode` field needs `volume 3.54`. Send an
    `AttachmentCreate354Request` with `volume 3.54` and an
    `AttachmentCreate327Request` with `volume 3.27`.

    Answers 200 (not 201/202) with the attachment in status `reserved`, even when
    a connector was given. Leave optional fields out rather than sending `null`:
    `instance_uuid: null` and `mode: null` are rejected with 400. A connector the
    backend cannot use (e.g. iSCSI without `initiator`) gives 500.

    Args:
        open_stack_api_version (CreateAttachmentMicroversion): Microversions create_attachment is
            described for. Default: 'volume 3.54'.
        body (AttachmentCreate327Request | AttachmentCreate354Request):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AttachmentResponse | Fault | KeystoneError
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            open_stack_api_version=open_stack_api_version,
        )
    ).parsed
