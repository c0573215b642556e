"""Local detach: undo a local attach, and never delete an attachment whose device may still be on this host.

1. The attachment: the one given, else this host's record of the volume (:mod:`local_state`), else the volume's one
   attachment (several: a usage error that lists them; none: nothing to do).
2. Read it; a 404 means it is already gone: the record is cleaned, and that is success.
3. Under os-brick's guard: on a multiattach volume with another attachment on this host, the device is shared and
   stays; otherwise ``disconnect_volume`` (``force`` as asked). A device os-brick cannot find is disconnected
   already; any other failure stops here and keeps the attachment ("retry, or --force").
4. Delete the attachment (a 404 is success; a 409 means Nova owns it), then forget the record.
"""

from __future__ import annotations

import logging
import socket
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypedDict, Unpack

from . import local_state
from .errors import APIError, AttachError, UsageError
from .local_attach import Cinder, HostSide, read_volume

if TYPE_CHECKING:
    import os
    from uuid import UUID

log = logging.getLogger(__name__)

NOVA_HINT = "Nova uses this attachment: detach it through Nova (remove the volume from the server)."


class LocalDetachment(NamedTuple):
    """What a local detach did."""

    attachment_id: str | None
    volume_id: str
    device_path: str | None
    result: str  # detached | already gone | nothing attached
    disconnected: bool  # os-brick disconnected the device (False: shared with another attachment here, or gone)


class LocalDetachError(AttachError):
    """A local detach stopped; the attachment was kept (exit 1)."""


def _one_attachment(client: Cinder, volume_id: str, directory: Path) -> str | None:
    records = local_state.of_volume(volume_id, directory)
    if len(records) == 1:
        return records[0].attachment_id
    ids = [r.attachment_id for r in records] or [a.id for a in client.list(volume_id=volume_id)]
    if len(ids) > 1:
        where = "this host has" if records else "the volume has"
        raise UsageError(f"{where} {len(ids)} attachments of volume {volume_id}: {', '.join(ids)}.",
                         hint="Name one with --attachment ID.", reason="several_attachments")  # fmt: skip
    return ids[0] if ids else None


def _shared_here(volume: dict[str, Any], attachment_id: str, host: str) -> list[str]:
    """Other attachments of a multiattach volume on this host: they share its device."""
    if not volume.get("multiattach"):
        return []
    return [
        str(a.get("attachment_id"))
        for a in volume.get("attachments") or []
        if a.get("attachment_id") != attachment_id and a.get("host_name") == host
    ]


def detach(
    client: Cinder,
    host_side: Callable[[], HostSide],
    volume_id: str,
    *,
    attachment_id: str | None = None,
    force: bool = False,
    state_dir: Path | None = None,
    service_token: str | None = None,
) -> LocalDetachment:
    """The detach flow (module docstring). ``host_side`` is called only when a disconnect is needed."""
    directory = local_state.state_dir(state_dir)
    chosen = attachment_id or _one_attachment(client, volume_id, directory)
    if chosen is None:
        log.info("volume %s has no attachment: nothing to detach", volume_id)
        return LocalDetachment(None, volume_id, None, "nothing attached", False)
    record = local_state.load(chosen, directory)
    try:
        found = client.show(chosen)
    except APIError as exc:
        if exc.status != 404:
            raise
        local_state.remove(chosen, directory)
        log.info("attachment %s is already gone", chosen)
        return LocalDetachment(chosen, volume_id, record.device_path if record else None, "already gone", False)
    volume_id = str(found.volume_id)
    info = found.connection_info.to_dict() if found.connection_info else {}
    device = record.device_path if record else None
    disconnected = False
    if info.get("driver_volume_type"):
        side = host_side()
        volume = read_volume(client, volume_id)
        with side.guard(volume):
            here = record.host if record else socket.gethostname()
            shared = _shared_here(volume, chosen, here)
            if shared:
                log.info("the device stays: attachment %s of this host uses it too", ", ".join(shared))
            else:
                disconnected = _disconnect(side, info, record, chosen, force)
            _delete(client, chosen, service_token)
    else:  # never connected (reserved): nothing on this host
        _delete(client, chosen, service_token)
    local_state.remove(chosen, directory)
    return LocalDetachment(chosen, volume_id, device, "detached", disconnected)


class LocalDetachOptions(TypedDict, total=False):
    """:meth:`AttachmentClient.local_detach`'s options."""

    attachment_id: str | UUID | None
    force: bool
    service_token: str | None
    state_dir: str | os.PathLike[str] | None
    root_helper: str


def run_detach(client: Cinder, volume: str | UUID, **options: Unpack[LocalDetachOptions]) -> LocalDetachment:
    """:meth:`AttachmentClient.local_detach`: os-brick is loaded only if a device is to be disconnected."""
    from .uuids import canonical_uuid

    ident = options.get("attachment_id")
    attachment_id = canonical_uuid(str(ident), "attachment_id") if ident is not None else None
    directory = local_state.state_dir(options.get("state_dir"))
    root_helper = options.get("root_helper", "sudo")

    def side() -> HostSide:
        from .brick_io import open_brick

        return open_brick({"root_helper": root_helper}, debug=client.connection.debug, lock_path=directory / "locks")

    return detach(client, side, client.find_volume_id(volume), attachment_id=attachment_id,
                  force=bool(options.get("force")), state_dir=directory,
                  service_token=options.get("service_token"))  # fmt: skip


def _disconnect(side: HostSide, info: dict[str, Any], record: local_state.LocalRecord | None, attachment_id: str,
                force: bool) -> bool:  # fmt: skip
    try:
        return side.disconnect(info, record.device_info if record else None, force=force)
    except AttachError as exc:
        failure = LocalDetachError(f"{exc.message.rstrip('.')}; the attachment {attachment_id} was kept.")
        if force:
            failure.hint = "Make sure nothing uses the device, then retry."
        else:
            failure.hint = "Retry, or force=True (os-brick then drops unflushed data and ignores the errors it can)."
            failure.reason = "local_disconnect_failed"
        raise failure from exc


def _delete(client: Cinder, attachment_id: str, service_token: str | None) -> None:
    try:
        client.delete(attachment_id, service_token=service_token)
    except APIError as exc:
        if exc.status == 404:
            return
        if exc.status == 409:
            exc.hint, exc.reason = NOVA_HINT, "nova_owns_attachment"
        raise
