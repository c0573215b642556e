"""os-brick's host side of a local attach: connect a volume, disconnect it, and the connection guard.

Why a module of its own: connecting is the one step that changes this host, and os-brick (with eventlet and the
oslo libraries, ~0.3 s of imports) is loaded only here and in the connector read, never by another command.

- :class:`Brick` loads os-brick once for a run, with the privileges `attach connector` uses: as root its
  privileged steps run in this process; otherwise through its privsep helper, started with ``root_helper``.
- :meth:`Brick.connect` asks os-brick's connector factory for the ``driver_volume_type`` (any protocol it knows,
  ``local`` included) and checks that the device path exists afterwards (the ``local`` connector does not).
- :meth:`Brick.disconnect` treats "device not found" as done; any other failure is a :class:`BrickError`.
- :meth:`Brick.guard` holds ``os_brick.initiator.utils.guard_connection`` for a volume, as Nova does.

A library module: it raises, and os-brick's log goes to notes or (with ``debug``) to stderr as the connector read
does, never to stdout.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict

from .errors import AttachError, one_line

if TYPE_CHECKING:
    from types import ModuleType

# os-brick's "the device is not there" exceptions: a disconnect that meets one has nothing left to do.
_GONE = ("VolumeDeviceNotFound", "NotFound", "VolumePathsNotFound")


class HostOptions(TypedDict, total=False):
    """How this host's connector is read, and os-brick run (the options of `attach connector`)."""

    host_ip: str | None
    multipath: bool
    enforce_multipath: bool
    root_helper: str


class BrickError(AttachError):
    """os-brick could not connect or disconnect the volume on this host (exit 1)."""


def connection_properties(connection_info: Mapping[str, Any]) -> dict[str, Any]:
    """What os-brick's connectors take: Cinder's attachments API sends the driver's ``data`` flattened into
    ``connection_info``; an older nested ``data`` is flattened the same way."""
    data = connection_info.get("data")
    if isinstance(data, Mapping):
        return {**{k: v for k, v in connection_info.items() if k != "data"}, **data}
    return dict(connection_info)


def protocol_of(connection_info: Mapping[str, Any]) -> str:
    protocol = connection_info.get("driver_volume_type")
    if not isinstance(protocol, str) or not protocol:
        raise BrickError("Cinder's connection_info names no driver_volume_type, so there is nothing to connect.")
    return protocol


def _detail(exc: BaseException) -> str:
    return one_line(exc).rstrip(".") or type(exc).__name__


class Brick:
    """os-brick, loaded and given its privileges, for one run's connects and disconnects."""

    def __init__(
        self,
        *,
        root_helper: str = "sudo",
        multipath: bool = False,
        debug: bool = False,
        lock_path: Path | None = None,
    ) -> None:
        from . import brick
        from .brick_log import BrickLog

        self.root_helper = root_helper
        self.multipath = multipath
        self._log = BrickLog(debug)
        with self._quiet():
            self._connector_mod, privileged = brick._import_os_brick()
            _take_privileges(brick, privileged, root_helper, self._log)
            _set_lock_path(lock_path)

    @contextmanager
    def _quiet(self) -> Iterator[None]:
        from .brick_log import captured_log, quiet_warnings

        with quiet_warnings(), captured_log(self._log):
            yield

    def _connector(self, protocol: str) -> Any:
        try:
            return self._connector_mod.InitiatorConnector.factory(
                protocol, self.root_helper, use_multipath=self.multipath, device_scan_attempts=3
            )
        except Exception as exc:  # InvalidConnectorProtocol, or a connector that cannot start here
            raise BrickError(f"os-brick cannot connect driver_volume_type {protocol!r}: {_detail(exc)}.") from exc

    @contextmanager
    def guard(self, volume: Mapping[str, Any]) -> Iterator[None]:
        """os-brick's lock around connect/disconnect of a volume on a backend with shared targets."""
        from os_brick.initiator import utils

        device = {"shared_targets": volume.get("shared_targets"), "service_uuid": volume.get("service_uuid")}
        if device["service_uuid"] is None:
            device["shared_targets"] = False  # nothing to name a lock after: an old cloud that never shares
        with self._quiet(), utils.guard_connection(device):
            yield

    def connect(self, connection_info: Mapping[str, Any]) -> dict[str, Any]:
        """``connect_volume``; os-brick's ``device_info``, whose ``path`` exists on this host."""
        protocol = protocol_of(connection_info)
        with self._quiet():
            connector = self._connector(protocol)
            try:
                device_info = connector.connect_volume(connection_properties(connection_info))
            except Exception as exc:
                raise BrickError(f"os-brick could not connect the {protocol} volume: {_detail(exc)}.") from exc
        path = device_info.get("path") if isinstance(device_info, Mapping) else None
        if not isinstance(path, str) or not path:
            raise BrickError(f"os-brick connected the {protocol} volume but gave no device path ({device_info!r}).")
        if not os.path.exists(path):
            raise BrickError(f"the device {path} that os-brick connected ({protocol}) did not appear on this host.")
        return dict(device_info)

    def disconnect(self, connection_info: Mapping[str, Any], device_info: Mapping[str, Any] | None, *,
                   force: bool = False) -> bool:  # fmt: skip
        """``disconnect_volume``; False when os-brick found no device (nothing was left to disconnect)."""
        protocol = protocol_of(connection_info)
        with self._quiet():
            connector = self._connector(protocol)
            try:
                connector.disconnect_volume(connection_properties(connection_info), dict(device_info or {}),
                                            force=force)  # fmt: skip
            except Exception as exc:
                if type(exc).__name__ in _GONE:
                    return False
                raise BrickError(f"os-brick could not disconnect the {protocol} volume: {_detail(exc)}.") from exc
        return True


def _take_privileges(hc: ModuleType, privileged: ModuleType, root_helper: str, log: Any) -> None:
    """As root, in-process; else os-brick's privsep helper through ``root_helper`` (started once per process)."""
    as_root = os.geteuid() == 0
    contexts = hc._contexts(privileged)
    if not as_root and contexts and getattr(contexts[0], "channel", None) is not None:
        return  # the connector read of this run started it already
    try:
        hc._use_privileges(privileged, as_root, root_helper)
    except AttachError:
        raise
    except Exception as exc:  # FileNotFoundError, PermissionError, FailedToDropPrivileges, ...
        failure = hc._helper_failure(exc, log, root_helper)
        raise BrickError(failure.message.replace("read this host's connector", "connect volumes on this host"),
                         hint=failure.hint) from exc  # fmt: skip


def _set_lock_path(lock_path: Path | None) -> None:
    """os-brick's external locks (the guard, iSCSI scans) need oslo.concurrency's lock_path; keep the one a
    deployment set (OSLO_LOCK_PATH), else use ours."""
    if lock_path is None or os.environ.get("OSLO_LOCK_PATH"):
        return
    from oslo_concurrency import lockutils

    lock_path.mkdir(mode=0o700, parents=True, exist_ok=True)
    lockutils.set_defaults(str(lock_path))


def open_brick(host: HostOptions, *, debug: bool, lock_path: Path) -> Brick:
    return Brick(root_helper=host.get("root_helper", "sudo"), multipath=bool(host.get("multipath")), debug=debug,
                 lock_path=lock_path)  # fmt: skip
