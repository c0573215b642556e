"""Local attach: a volume as a block device on this host, from one call, with nothing left behind on failure.

The production model is glance_store's cinder driver. Attach:

1. read the volume (``GET /volumes/{id}`` at 3.69, else 3.48): refuse an encrypted one before anything is made;
2. this host's connector (os-brick, as `attach connector`), and hold os-brick's connection guard from here on;
3. create the attachment at 3.54 with that connector and the mode, and **no instance by default**, so that the
   owner's plain DELETE removes it (no Nova, no service token); a failed create is rolled back by the client;
4. ``connect_volume`` and check the device path; on failure disconnect (force), delete the attachment, raise;
5. record the attachment in the root-only state (:mod:`local_state`), then ``complete`` (3.44). On failure
   disconnect, and delete the attachment **only if the disconnect worked** (deleting while the device is still on
   the host is how OSSA-2023-003 exposed data); otherwise keep it and say how to finish. A complete whose answer
   was lost is read back: ``attached`` is success.

Detach is in :mod:`local_detach`. Both take the host side (:class:`HostSide`, os-brick in production) as an
argument, so that the steps with no real trigger here are tested with a stand-in.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol, TypedDict, Unpack

from . import local_state
from .errors import APIError, AttachError, TransportError, VolumeNotReady
from .faults import gateway_answer
from .waiting import wait_until_reservable

if TYPE_CHECKING:
    import os
    from uuid import UUID

log = logging.getLogger(__name__)

# shared_targets may be null from 3.69; service_uuid and shared_targets exist from 3.48
VOLUME_READ = ("3.69", "3.48")


class Cinder(Protocol):
    """The client calls the flows make (:class:`cinder_attach.client.Cinder` has them)."""

    connection: Any

    def show_volume(self, volume_id: str, *, microversion: str = ...) -> Any: ...
    def create354(self, volume_uuid: str, *, instance_uuid: str | None = ..., connector: Any = ...,
                  mode: Any = ...) -> Any: ...  # fmt: skip
    def complete(self, attachment_id: str) -> None: ...
    def show(self, attachment_id: str) -> Any: ...
    def delete(self, attachment_id: str, *, service_token: str | None = ...) -> Any: ...
    def list(self, *, volume_id: str) -> Iterator[Any]: ...
    def find_volume_id(self, name_or_id: str | UUID) -> str: ...
    def host_connector(self, **options: Any) -> dict[str, Any]: ...


class LocalAttachOptions(TypedDict, total=False):
    """:meth:`AttachmentClient.local_attach`'s options: the attach, and how this host's connector is read."""

    mode: str
    instance_uuid: str | UUID | None
    wait: float
    state_dir: str | os.PathLike[str] | None
    host_ip: str | None
    multipath: bool
    enforce_multipath: bool
    root_helper: str


class HostSide(Protocol):
    """What the flows need from os-brick (:class:`cinder_attach.brick_io.Brick`)."""

    def guard(self, volume: Mapping[str, Any]) -> AbstractContextManager[None]: ...

    def connect(self, connection_info: Mapping[str, Any]) -> dict[str, Any]: ...

    def disconnect(
        self, connection_info: Mapping[str, Any], device_info: Mapping[str, Any] | None, *, force: bool = False
    ) -> bool: ...


class LocalAttachment(NamedTuple):
    """A volume attached to this host: its device and the attachment behind it."""

    device_path: str
    attachment_id: str
    volume_id: str
    driver_volume_type: str
    mode: str
    status: str
    instance_uuid: str | None
    multiattach: bool


class LocalAttachError(AttachError):
    """A local attach failed; ``attachment_id`` is set when the attachment was kept (the notes say why)."""

    attachment_id: str | None = None


class AttachOptions(NamedTuple):
    mode: str = "rw"
    instance_uuid: str | None = None
    wait: float = 0.0
    state_dir: Path | None = None


def read_volume(client: Cinder, volume_id: str) -> dict[str, Any]:
    """The volume's detail view at 3.69, or at 3.48 on a cloud whose maximum is lower."""
    found: dict[str, Any] = _read_model(client, volume_id).to_dict()
    return found


def _read_model(client: Cinder, volume_id: str) -> Any:
    for version in VOLUME_READ:
        try:
            return client.show_volume(volume_id, microversion=version)
        except APIError as exc:
            if exc.status != 406 or version == VOLUME_READ[-1]:
                raise
    raise AssertionError("unreachable")


def ready_volume(client: Cinder, volume_id: str, wait: float) -> dict[str, Any]:
    """The volume, once Cinder would reserve it: waits up to ``wait`` seconds while it is busy (creating, ...),
    by the one rule of :mod:`cinder_attach.waiting`."""
    try:
        volume = wait_until_reservable(lambda: _read_model(client, volume_id), volume_id, wait)
    except VolumeNotReady as exc:
        why = "it is in use and not multiattach" if exc.status == "in-use" else f"its status is {exc.status}"
        busy = exc.reason == "volume_wait_timeout" and not wait  # it would end by itself: a wait would help
        raise LocalAttachError(f"volume {volume_id} cannot be attached: {why}.",
                               hint="Give wait=SECONDS to wait for it." if busy else None,
                               reason="volume_busy" if busy else None, volume_state=exc.status) from None  # fmt: skip
    ready: dict[str, Any] = volume.to_dict()  # type: ignore[attr-defined]
    return ready


def refuse_encrypted(volume_id: str) -> LocalAttachError:
    return LocalAttachError(
        f"volume {volume_id} is encrypted; local-attach does not decrypt volumes yet.",
        hint="Attach it through a service that sets up the encryptor (Nova), or use an unencrypted volume type.",
    )


def attach(
    client: Cinder,
    host: HostSide,
    connector: Callable[[], dict[str, Any]],
    volume_id: str,
    options: AttachOptions,
) -> LocalAttachment:
    """The attach flow (module docstring); ``connector`` reads this host's connector."""
    volume = ready_volume(client, volume_id, options.wait)
    if volume.get("encrypted"):
        raise refuse_encrypted(volume_id)
    found = connector()
    with host.guard(volume):
        made = client.create354(volume_id, instance_uuid=options.instance_uuid, connector=found,
                                mode=options.mode)  # fmt: skip
        info = made.connection_info.to_dict() if made.connection_info else {}
        directory = local_state.state_dir(options.state_dir)
        try:
            record = _connect_and_complete(client, host, made.id, info, (volume_id, str(found.get("host", ""))),
                                           directory)  # fmt: skip
        except KeyboardInterrupt:
            _interrupted(client, host, made.id, info, directory)
            raise
        except LocalAttachError as exc:
            exc.details.setdefault("volume_id", volume_id)  # for the advice that names the volume
            raise
    return LocalAttachment(record.device_path, made.id, volume_id, record.protocol, options.mode, "attached",
                           options.instance_uuid, bool(volume.get("multiattach")))  # fmt: skip


def _connect_and_complete(client: Cinder, host: HostSide, attachment_id: str, info: dict[str, Any],
                          names: tuple[str, str], directory: Path) -> local_state.LocalRecord:  # fmt: skip
    """Steps 4 and 5 of the module docstring, each undone on failure; ``names`` is (volume id, host name)."""
    volume_id, host_name = names
    if info.get("encrypted"):
        _delete_or_keep(client, attachment_id, refuse_encrypted(volume_id), disconnected=True)
    device_info = _connect(client, host, attachment_id, info)
    record = local_state.LocalRecord(attachment_id, volume_id, str(info.get("driver_volume_type")), device_info,
                                     host_name, time.time())  # fmt: skip
    try:
        local_state.save(record, directory)
    except AttachError as exc:
        _undo(client, host, attachment_id, info, device_info, exc, directory)
    _complete(client, host, attachment_id, info, device_info, directory)
    return record


def _interrupted(client: Cinder, host: HostSide, attachment_id: str, info: dict[str, Any],
                 directory: Path) -> None:  # fmt: skip
    """Ctrl-C after the create: undo as for a failure (disconnect; delete only if that worked), then stop."""
    record = local_state.load(attachment_id, directory)
    try:
        _undo(client, host, attachment_id, info, record.device_info if record else None, _STOPPED(), directory)
    except LocalAttachError as done:
        log.warning("interrupted: %s", done)
    except (AttachError, KeyboardInterrupt):
        log.warning("interrupted: attachment %s may be left; see attach local-detach --help", attachment_id)


def _STOPPED() -> LocalAttachError:  # noqa: N802
    return LocalAttachError("local-attach was interrupted")


def run_attach(client: Cinder, volume: str | UUID, **options: Unpack[LocalAttachOptions]) -> LocalAttachment:
    """:meth:`AttachmentClient.local_attach`: os-brick loaded first (so that a missing extra sends nothing), then
    the volume's id and the flow, with the connector read as `attach connector` reads it."""
    from .brick_io import open_brick
    from .inputs import check_mode
    from .uuids import canonical_uuid

    mode = check_mode(options.get("mode", "rw"), "mode")
    instance = options.get("instance_uuid")
    instance = canonical_uuid(str(instance), "instance_uuid") if instance is not None else None
    directory = local_state.state_dir(options.get("state_dir"))
    host = {k: options[k] for k in ("host_ip", "multipath", "enforce_multipath", "root_helper") if k in options}
    side = open_brick(host, debug=client.connection.debug, lock_path=directory / "locks")  # type: ignore[arg-type]
    volume_id = client.find_volume_id(volume)
    flow = AttachOptions(mode, instance, float(options.get("wait", 0.0)), directory)
    # The identities this host lacks (no iSCSI initiator, …) matter only if the backend's protocol needs one, and
    # then its failure says so: notes at DEBUG, not on every attach.
    return attach(client, side, lambda: client.host_connector(**host, on_note=_debug_note), volume_id, flow)


def _debug_note(text: str) -> None:
    log.debug("this host's connector: %s", text)


def _connect(client: Cinder, host: HostSide, attachment_id: str, info: dict[str, Any]) -> dict[str, Any]:
    """connect_volume; on failure a forced disconnect, then the attachment is deleted (if that worked)."""
    try:
        return host.connect(info)
    except AttachError as exc:
        disconnected = _try_disconnect(host, info, None, exc, force=True)
        _delete_or_keep(client, attachment_id, exc, disconnected)
    raise AssertionError("unreachable")


def _complete(client: Cinder, host: HostSide, attachment_id: str, info: dict[str, Any],
              device_info: dict[str, Any], directory: Path) -> None:  # fmt: skip
    try:
        client.complete(attachment_id)
        return
    except AttachError as exc:
        if (isinstance(exc, TransportError) or gateway_answer(exc)) and _attached(client, attachment_id, exc):
            log.info("the complete's answer was lost, but attachment %s is attached", attachment_id)
            return
        _undo(client, host, attachment_id, info, device_info, exc, directory)


def _attached(client: Cinder, attachment_id: str, exc: AttachError) -> bool:
    try:
        return bool(client.show(attachment_id).status == "attached")
    except AttachError as check:
        exc.add_note(f"reading the attachment back failed ({check.message.rstrip('.')})")
        return False


def _undo(client: Cinder, host: HostSide, attachment_id: str, info: dict[str, Any],
          device_info: dict[str, Any] | None, exc: AttachError, directory: Path) -> None:  # fmt: skip
    """After a failure past the connect: disconnect; delete the attachment and the record only if that worked."""
    disconnected = _try_disconnect(host, info, device_info, exc, force=False)
    if disconnected:
        local_state.remove(attachment_id, directory)
    _delete_or_keep(client, attachment_id, exc, disconnected)


def _try_disconnect(host: HostSide, info: dict[str, Any], device_info: dict[str, Any] | None, exc: AttachError, *,
                    force: bool) -> bool:  # fmt: skip
    try:
        host.disconnect(info, device_info, force=force)
        return True
    except AttachError as failed:
        exc.add_note(f"disconnecting it failed too ({failed.message.rstrip('.')})")
        return False


def _delete_or_keep(client: Cinder, attachment_id: str, exc: AttachError, disconnected: bool) -> None:
    """Raise ``exc`` as a :class:`LocalAttachError`, saying what became of the attachment."""
    failure = exc if isinstance(exc, LocalAttachError) else _wrapped(exc)
    if not disconnected:
        failure.attachment_id = attachment_id
        failure.add_note(f"the attachment {attachment_id} was kept, because the device may still be on this host")
        failure.hint = f"Check the device, then finish with local_detach(attachment_id={attachment_id!r}, force=True)."
        failure.reason, failure.details["attachment_id"] = "local_kept", attachment_id
        raise failure from (None if failure is exc else exc)
    try:
        client.delete(attachment_id)
        failure.add_note(f"the attachment {attachment_id} was deleted")
    except AttachError as failed:
        failure.attachment_id = attachment_id
        failure.add_note(f"deleting the attachment {attachment_id} failed ({failed.message.rstrip('.')})")
        failure.hint = f"Delete attachment {attachment_id} (delete())."
        failure.reason, failure.details["attachment_id"] = "local_delete_failed", attachment_id
    raise failure from (None if failure is exc else exc)


def _wrapped(exc: AttachError) -> LocalAttachError:
    wrapped = LocalAttachError(str(exc).removesuffix(f" {exc.hint}") if exc.hint else str(exc), hint=exc.hint)
    wrapped.exit_code = exc.exit_code
    return wrapped
