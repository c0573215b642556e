from http import HTTPStatus
from typing import Any
from urllib.parse import quote
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
    attachment_id: UUID,
    *,
    open_stack_api_version: AttachmentMicroversion = "volume 3.27",
    x_service_token: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["OpenStack-API-Version"] = str(open_stack_api_version)

    if not isinstance(x_service_token, Unset):
        headers["X-Service-Token"] = x_service_token

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/attachments/{attachment_id}".format(
            attachment_id=quote(str(attachment_id), safe=""),
        ),
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
    attachment_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    open_stack_api_version: AttachmentMicroversion = "volume 3.27",
    x_service_token: str | Unset = UNSET,
) -> Response[AttachmentList | Fault | KeystoneError]:
    """Delete an attachment

     Disconnect and delete an attachment. Answers 200 with the attachments that
    remain on the same backend connection (summary view), often an empty list.

    Needs microversion `volume 3.27` (any later version up to the cloud's maximum
    works too). Deleting an attachment that has both an instance and
    `connection_info` needs a service token (`X-Service-Token`, for a user with
    the `service` role) and makes Cinder ask Nova (409 while Nova still uses it;
    500 on a cloud without Nova). Deleting a reserved attachment needs neither.

    Args:
        attachment_id (UUID):
        open_stack_api_version (AttachmentMicroversion): Microversions the list/show/update/delete
            operations are described for (all behave alike from 3.27 on). Default: 'volume 3.27'.
        x_service_token (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AttachmentList | Fault | KeystoneError]
    """

    kwargs = _get_kwargs(
        attachment_id=attachment_id,
        open_stack_api_version=open_stack_api_version,
        x_service_token=x_service_token,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    attachment_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    open_stack_api_version: AttachmentMicroversion = "volume 3.27",
    x_service_token: str | Unset = UNSET,
) -> AttachmentList | Fault | KeystoneError | None:
    """Delete an attachment

     Disconnect and delete an attachment. Answers 200 with the attachments that
    remain on the same backend connection (summary view), often an empty list.

    Needs microversion `volume 3.27` (any later version up to the cloud's maximum
    works too). Deleting an attachment that has both an instance and
    `connection_info` needs a service token (`X-Service-Token`, for a user with
    the `service` role) and makes Cinder ask Nova (409 while Nova still uses it;
    500 on a cloud without Nova). Deleting a reserved attachment needs neither.

    Args:
        attachment_id (UUID):
        open_stack_api_version (AttachmentMicroversion): Microversions the list/show/update/delete
            operations are described for (all behave alike from 3.27 on). Default: 'volume 3.27'.
        x_service_token (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AttachmentList | Fault | KeystoneError
    """

    return sync_detailed(
        attachment_id=attachment_id,
        client=client,
        open_stack_api_version=open_stack_api_version,
        x_service_token=x_service_token,
    ).parsed


async def asyncio_detailed(
    attachment_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    open_stack_api_version: AttachmentMicroversion = "volume 3.27",
    x_service_token: str | Unset = UNSET,
) -> Response[AttachmentList | Fault | KeystoneError]:
    """Delete an attachment

     Disconnect and delete an attachment. Answers 200 with the attachments that
    remain on the same backend connection (summary view), often an empty list.

    Needs microversion `volume 3.27` (any later version up to the cloud's maximum
    works too). Deleting an attachment that has both an instance and
    `connection_info` needs a service token (`X-Service-Token`, for a user with
    the `service` role) and makes Cinder ask Nova (409 while Nova still uses it;
    500 on a cloud without Nova). Deleting a reserved attachment needs neither.

    Args:
        attachment_id (UUID):
        open_stack_api_version (AttachmentMicroversion): Microversions the list/show/update/delete
            operations are described for (all behave alike from 3.27 on). Default: 'volume 3.27'.
        x_service_token (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AttachmentList | Fault | KeystoneError]
    """

    kwargs = _get_kwargs(
        attachment_id=attachment_id,
        open_stack_api_version=open_stack_api_version,
        x_service_token=x_service_token,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    attachment_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    open_stack_api_version: AttachmentMicroversion = "volume 3.27",
    x_service_token: str | Unset = UNSET,
) -> AttachmentList | Fault | KeystoneError | None:
    """Delete an attachment

     Disconnect and delete an attachment. Answers 200 with the attachments that
    remain on the same backend connection (summary view), often an empty list.

    Needs microversion `volume 3.27` (any later version up to the cloud's maximum
    works too). Deleting an attachment that has both an instance and
    `connection_info` needs a service token (`X-Service-Token`, for a user with
    the `service` role) and makes Cinder ask Nova (409 while Nova still uses it;
    500 on a cloud without Nova). Deleting a reserved attachment needs neither.

    Args:
        attachment_id (UUID):
        open_stack_api_version (AttachmentMicroversion): Microversions the list/show/update/delete
            operations are described for (all behave alike from 3.27 on). Default: 'volume 3.27'.
        x_service_token (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AttachmentList | Fault | KeystoneError
    """

    return (
        await asyncio_detailed(
            attachment_id=attachment_id,
            client=client,
            open_stack_api_version=open_stack_api_version,
            x_service_token=x_service_token,
        )
    ).parsed
