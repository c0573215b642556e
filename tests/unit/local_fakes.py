"""The local-attach unit tests' stand-ins: this host's side (os-brick) and Cinder's answers for a local volume."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any

from helpers import ATT, VOL, attachment

from cinder_attach.brick_io import BrickError

DEVICE = "/dev/loop9"
CONNECTION = {"driver_volume_type": "local", "device_path": DEVICE, "access_mode": "rw", "attachment_id": ATT}
CONNECTOR = {"host": "node-1", "ip": "192.0.2.10", "platform": "x86_64", "os_type": "linux", "multipath": False}


def volume(**over: Any) -> dict[str, Any]:
    body = {"id": VOL, "name": "data-1", "status": "available", "multiattach": False, "encrypted": False,
            "shared_targets": False, "service_uuid": "svc-1", "attachments": []}  # fmt: skip
    body.update(over)
    return {"volume": body}


def connected(**over: Any) -> dict[str, Any]:
    return {"attachment": attachment(instance=None, attach_mode="rw", connection_info=CONNECTION, **over)}


class FakeHost:
    """os-brick as the flows see it: records every call; ``connect_fails``/``disconnect_fails`` make it fail."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, Any]] = []
        self.connect_fails: str | None = None
        self.disconnect_fails: str | None = None
        self.device_missing = False
        self.connect_interrupted = False

    @contextmanager
    def guard(self, volume: Any) -> Any:
        self.calls.append(("guard", volume.get("service_uuid")))
        try:
            yield
        finally:
            self.calls.append(("unguard", None))

    def connect(self, info: Any) -> dict[str, Any]:
        self.calls.append(("connect", info["device_path"]))
        if self.connect_fails:
            raise BrickError(self.connect_fails)
        if self.connect_interrupted:
            raise KeyboardInterrupt
        return {"type": "local", "path": info["device_path"]}

    def disconnect(self, info: Any, device_info: Any, *, force: bool = False) -> bool:
        self.calls.append(("disconnect", force))
        if self.disconnect_fails:
            raise BrickError(self.disconnect_fails)
        return not self.device_missing

    def names(self) -> list[str]:
        return [name for name, _ in self.calls]
