"""Deletes that scripts can repeat: an attachment already gone may count as deleted, and a server's
attachment of a volume can be deleted without knowing its id.

- ``ignore_missing`` (openstacksdk's name for it; Nova treats a 404 on this delete as success): Cinder's
  404 for the attachment (``Volume attachment could not be found …``) is logged (INFO, reason
  ``attachment_missing``) and the delete counts as done. Any other 404, such as an endpoint without the
  attachments API (``The resource could not be found.``), stays an error.
- By volume and server: one ``GET /attachments?volume_id=V&instance_id=I`` (the first page: up to the
  server's page cap, 1000 unless it was lowered), then the delete. No match is an error (or, with
  ``ignore_missing``, a logged note); several are :class:`~cinder_attach.errors.AmbiguousAttachment`,
  naming each, and none is deleted.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TypedDict
from uuid import UUID

from .errors import AmbiguousAttachment, APIError, AttachError

if TYPE_CHECKING:
    from .connection import Connection

logger = logging.getLogger(__name__)
DELETE = "3.27"
Token = Callable[[], "str | None"]  # the service token, asked for only when a delete is sent
Find = Callable[..., Iterable[Any]]  # lists attachments (AttachmentClient.list's filters), one page


class DeleteOptions(TypedDict, total=False):
    """A delete's options: ``service_token`` (else the client's service cloud's, if any; a connected
    attachment on a cloud without Nova needs one) and ``ignore_missing`` (one already gone is no error)."""

    service_token: str | None
    ignore_missing: bool
GENERIC_404 = "The resource could not be found."  # no attachments API here, not a missing attachment


def is_missing(exc: AttachError) -> bool:
    """Cinder's answer that the attachment does not exist (not a 404 for the endpoint or microversion)."""
    return isinstance(exc, APIError) and exc.status == 404 and exc.message.rstrip() != GENERIC_404


def delete_attachment(connection: Connection, attachment_id: UUID | str, service_token: str | None) -> None:
    """``DELETE /attachments/{id}``, with the service token when there is one."""
    from cinder_attach_client.api.attachments import delete_attachment as call
    from cinder_attach_client.types import UNSET

    ident = attachment_id if isinstance(attachment_id, UUID) else UUID(attachment_id)
    token = service_token or UNSET
    connection.send(call.sync_detailed, microversion=DELETE, attachment_id=ident, x_service_token=token)


def delete_one(connection: Connection, attachment_id: UUID, token: Token, options: DeleteOptions) -> bool:
    """Delete it; False when it was already gone and ``ignore_missing`` said that is fine."""
    try:
        delete_attachment(connection, attachment_id, token())
    except AttachError as exc:
        if not (options.get("ignore_missing") and is_missing(exc)):
            raise
        logger.info(
            "attachment %s was already gone (ignored).",
            attachment_id,
            extra={"reason": "attachment_missing", "attachment_id": str(attachment_id)},
        )
        return False
    return True


def delete_for(
    connection: Connection, volume: UUID, instance: UUID, token: Token, options: DeleteOptions, find: Find
) -> str | None:
    """Delete the one attachment of ``volume`` for ``instance`` (``find``: one GET); its id, or None when there
    was none and ``ignore_missing``. Several matches raise AmbiguousAttachment, and none is deleted."""
    rows = find(volume_id=volume, instance_id=instance)
    found = the_attachment(rows, str(volume), str(instance), bool(options.get("ignore_missing")))
    if found is None or not delete_one(connection, UUID(found), token, options):
        return None
    return found


def the_attachment(rows: Iterable[Any], volume_id: str, instance_id: str, ignore_missing: bool) -> str | None:
    """The id of the one attachment of ``volume_id`` for ``instance_id`` among ``rows`` (one GET's page)."""
    found = [str(row.id) for row in rows if str(row.volume_id) == volume_id and str(row.instance) == instance_id]
    if len(found) > 1:
        raise AmbiguousAttachment(
            f"{len(found)} attachments of volume {volume_id} are for instance {instance_id}: {', '.join(found)}; "
            "none was deleted.",
            matches=tuple(found),
        )
    if found:
        return found[0]
    message = f"no attachment of volume {volume_id} is for instance {instance_id}"
    if not ignore_missing:
        raise AttachError(f"{message}; nothing was deleted.", reason="attachment_not_found")
    details = {"reason": "attachment_none", "volume_id": volume_id, "instance_id": instance_id}
    logger.info("%s (ignored).", message, extra=details)
    return None
