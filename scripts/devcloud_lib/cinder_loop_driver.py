"""The devcloud's second, test-only backend: each volume is a sparse file, and a connection is a loop device.

Why: `attach local-attach` needs a real data path in the tests, and this machine kind (and CI) has loop devices
but no iSCSI, NVMe-oF or device-mapper. So ``initialize_connection`` attaches a loop device over the volume's file
and answers ``{"driver_volume_type": "local", "data": {"device_path": "/dev/loopN"}}``, which os-brick's ``local``
connector hands back as it is. Every attachment of a volume shares its one loop device; terminating the last
connection frees it, and deleting the volume removes the file. Imported inside the cinder venv (Cinder runs as
root here, so ``losetup`` needs no helper).

Test hooks, set as volume metadata (``scripts/devcloud volume --property KEY=VALUE``, or the metadata API):

- ``devcloud_fail_connect`` (any value): ``initialize_connection`` raises, so Cinder's connect fails (a 500).
- ``devcloud_device_path`` (a path): answered as the device path instead of a loop device, and no loop is made
  (a path that does not exist is a device that never appears on the host).
"""

from __future__ import annotations

from typing import Any

from cinder import context as cinder_context
from cinder import exception, objects

from devcloud_lib import loops
from devcloud_lib.cinder_fake_driver import MultiattachFakeDriver

FAIL_CONNECT = "devcloud_fail_connect"
DEVICE_PATH = "devcloud_device_path"
_LIVE = ("attached", "attaching")


def _metadata(volume: Any) -> dict[str, str]:
    try:
        return dict(volume.metadata or {})
    except Exception:  # a dict-shaped volume from an old code path
        return {m["key"]: m["value"] for m in volume.get("volume_metadata", [])}


class LoopVolumeDriver(MultiattachFakeDriver):
    """A volume is ``<loop dir>/volume-<id>``; its connection is one loop device, shared by its attachments."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.backend_name = self.configuration.safe_get("volume_backend_name") or "local"
        self.protocol = "local"

    def create_volume(self, volume: Any) -> None:
        loops.make_backing_file(volume.id, int(volume.size))

    def create_cloned_volume(self, volume: Any, src_vol: Any) -> None:
        loops.make_backing_file(volume.id, int(volume.size))

    def create_volume_from_snapshot(self, volume: Any, snapshot: Any) -> None:
        loops.make_backing_file(volume.id, int(volume.size))

    def delete_volume(self, volume: Any) -> None:
        loops.remove_backing_file(volume.id)

    def extend_volume(self, volume: Any, new_size: int) -> None:
        loops.make_backing_file(volume.id, int(new_size))

    def validate_connector(self, connector: Any) -> None:
        """A loop device needs nothing from the connector (the fake driver, like iSCSI, wants an initiator)."""

    def initialize_connection(self, volume: Any, connector: Any) -> dict[str, Any]:
        meta = _metadata(volume)
        if FAIL_CONNECT in meta:
            raise exception.VolumeBackendAPIException(data=f"devcloud: {FAIL_CONNECT} is set on this volume")
        access = "ro" if (volume.admin_metadata or {}).get("attached_mode") == "ro" else "rw"
        path = meta.get(DEVICE_PATH) or loops.attach(volume.id)
        return {"driver_volume_type": "local", "data": {"device_path": path, "access_mode": access}}

    def terminate_connection(self, volume: Any, connector: Any, **kwargs: Any) -> bool:
        """Free the loop device when this is the volume's last live connection; True while others share it."""
        if kwargs.get("force") or self._live_connections(volume.id) <= 1:
            loops.detach(volume.id)
            return False
        return True

    @staticmethod
    def _live_connections(volume_id: str) -> int:
        ctxt = cinder_context.get_admin_context()
        found = objects.VolumeAttachmentList.get_all_by_volume_id(ctxt, volume_id)
        return sum(1 for a in found if a.attach_status in _LIVE and a.connector)
