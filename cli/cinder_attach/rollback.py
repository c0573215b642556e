"""What happens after a failed create: find the reservation it may have left, and delete it when that is safe.

- A create that may still be running (timeout, dropped connection, a gateway's 502/503/504, an
  unreadable 200) is never cleaned up: the check only names what it finds, pending (reserved or
  attaching) attachments of the volume and instance, so the user can look.
- A create with a connector that Cinder refused after reserving (:func:`faults.may_have_reserved`) is
  checked with one ``GET /attachments?volume_id=…[&instance_id=…]&attach_status=reserved``. Exactly one
  match, with the same instance (or none, if none was given), is the reservation it left, and is
  deleted unless ``rollback`` is False; with several, none is deleted and all are named.

What was found and done is recorded on the error: the ids in ``exc.leftovers``, the deleted one in
``exc.deleted``, and a note each (``…; the reservation X it left was deleted.``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from .errors import AttachError
from .faults import gateway_answer, may_have_reserved

# The check for what a failed create left reads at most this many of the newest matches.
LEFTOVER_CHECK_LIMIT = 25
# Lists attachments (AttachmentClient.list's filters) and deletes one: what the check needs of the client.
Find = Callable[..., Iterable[Any]]
Delete = Callable[[str], None]


def after_failed_create(exc: AttachError, fields: dict[str, Any], rollback: bool, find: Find, delete: Delete) -> None:
    """Find (and, if safe, delete) the reservation a failed create left, and record it on ``exc``."""
    if gateway_answer(exc):
        exc.may_have_created = True
        exc.add_note("the attachment may have been created")
    if exc.may_have_created:
        found = _pending(exc, fields, ("reserved", "attaching"), find)
        if found is not None:
            exc.leftovers = found
            exc.add_note(f"pending attachments found right after: {', '.join(found) or 'none yet'}")
        return
    if "connector" not in fields or not may_have_reserved(exc):
        return
    found = _pending(exc, fields, ("reserved",), find)
    if found is None:
        return
    exc.leftovers = found
    if not found:
        exc.add_note("it left no reservation")
    elif len(found) > 1:
        exc.add_note(f"several reservations match it ({', '.join(found)}), so none was deleted")
    elif not rollback:
        exc.add_note(f"the reservation {found[0]} it left was kept")
    else:
        _delete_leftover(exc, found[0], delete)


def _pending(exc: AttachError, fields: dict[str, Any], statuses: tuple[str, ...], find: Find) -> tuple[str, ...] | None:
    """Ids of the volume's attachments in ``statuses`` with the create's instance; None if the check failed."""
    instance = fields.get("instance_uuid")
    try:
        rows = find(
            volume_id=fields["volume_uuid"],
            instance_id=instance,
            status=statuses[0] if len(statuses) == 1 else None,
            sort="created_at:desc",
            limit=LEFTOVER_CHECK_LIMIT,
        )
        want = str(instance) if instance is not None else None
        return tuple(row.id for row in rows if row.status in statuses and row.instance == want)
    except AttachError as check:
        exc.add_note(f"the check for what it left failed ({check.message.rstrip('.')})")
        return None


def _delete_leftover(exc: AttachError, leftover: str, delete: Delete) -> None:
    try:
        delete(leftover)  # a reserved attachment needs no service token
    except AttachError as failed:
        exc.add_note(f"the reservation {leftover} it left could not be deleted ({failed.message.rstrip('.')})")
        return
    exc.leftovers, exc.deleted = (), leftover
    exc.add_note(f"the reservation {leftover} it left was deleted")
