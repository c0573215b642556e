"""The devcloud's test-only loop backend: volumes are sparse files, a connection is a loop device on this host.

If these fail, the local-attach tests (which read and write through those devices) mean nothing.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from conftest import Devcloud

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="loop devices need root")  # CI runs as root

REPO = Path(__file__).resolve().parents[2]
CONNECTOR = {"host": "e2e-host", "initiator": "iqn.2004-10.org.devcloud:e2e"}


def connect(devcloud: Devcloud, volume: str, **extra: Any) -> Any:
    body = {"attachment": {"volume_uuid": volume, "connector": CONNECTOR, **extra}}
    return devcloud.api("POST", "/attachments", json=body, cloud="devcloud", microversion="3.54")


def complete(devcloud: Devcloud, attachment: str) -> None:
    done = devcloud.api("POST", f"/attachments/{attachment}/action", json={"os-complete": None}, microversion="3.54")
    assert done.status == 204, done.body


def delete(devcloud: Devcloud, attachment: str) -> None:
    gone = devcloud.api("DELETE", f"/attachments/{attachment}", cloud="devcloud", microversion="3.54")
    assert gone.status == 200, gone.body


def host_of(devcloud: Devcloud, volume: str) -> dict[str, Any]:
    vol: dict[str, Any] = devcloud.api("GET", f"/volumes/{volume}").body["volume"]
    return vol


def test_the_fake_and_loop_backends_keep_their_own_volume_types(devcloud: Devcloud) -> None:
    placed = {
        "default": host_of(devcloud, devcloud.new_volume()),
        "multiattach": host_of(devcloud, devcloud.new_volume(multiattach=True)),
        "local": host_of(devcloud, devcloud.new_volume(local=True)),
        "local-multiattach": host_of(devcloud, devcloud.new_volume(local=True, multiattach=True)),
    }
    where = {name: (v["os-vol-host-attr:host"], v["volume_type"], v["multiattach"]) for name, v in placed.items()}
    assert where == {
        "default": ("devcloud@fake#fake", devcloud["default_type"], False),
        "multiattach": ("devcloud@fake#fake", devcloud["multiattach_type"], True),
        "local": ("devcloud@local#local", devcloud["local_type"], False),
        "local-multiattach": ("devcloud@local#local", devcloud["local_multiattach_type"], True),
    }


def test_a_local_volume_is_a_sparse_file_that_goes_with_the_volume(devcloud: Devcloud) -> None:
    vol = devcloud.new_volume(local=True, size=2)
    backing = devcloud.backing_file(vol)
    assert backing.stat().st_size == 2 * 1024**3
    assert backing.stat().st_blocks * 512 < 1024**2, "sparse: no space used before data is written"
    assert devcloud.api("DELETE", f"/volumes/{vol}", cloud="devcloud").status == 202
    devcloud.cleanup.volumes.clear()  # deleted here
    deadline = time.monotonic() + 60
    while devcloud.api("GET", f"/volumes/{vol}", cloud="devcloud").status != 404 and time.monotonic() < deadline:
        time.sleep(0.3)
    assert not backing.exists()


def test_a_connection_is_a_loop_device_over_the_file_freed_by_the_delete(devcloud: Devcloud) -> None:
    vol = devcloud.new_volume(local=True)
    made = connect(devcloud, vol, mode="rw")
    assert made.status == 200, made.body
    info = made.body["attachment"]["connection_info"]
    assert info["driver_volume_type"] == "local"
    (device,) = devcloud.loop_devices(vol)
    assert info["device_path"] == device
    pattern = uuid.uuid4().bytes * 256
    with open(device, "r+b") as dev:
        dev.seek(4096)
        dev.write(pattern)
        dev.flush()
        os.fsync(dev.fileno())
    with open(devcloud.backing_file(vol), "rb") as backing:
        backing.seek(4096)
        assert backing.read(len(pattern)) == pattern
    complete(devcloud, made.body["attachment"]["id"])
    delete(devcloud, made.body["attachment"]["id"])
    assert devcloud.loop_devices(vol) == []


def test_attachments_of_a_multiattach_volume_share_one_loop_until_the_last_goes(devcloud: Devcloud) -> None:
    vol = devcloud.new_volume(local=True, multiattach=True)
    first = connect(devcloud, vol)
    assert first.status == 200, first.body
    complete(devcloud, first.body["attachment"]["id"])
    second = connect(devcloud, vol)
    assert second.status == 200, second.body
    paths = {a.body["attachment"]["connection_info"]["device_path"] for a in (first, second)}
    assert len(paths) == 1 and devcloud.loop_devices(vol) == list(paths)
    delete(devcloud, first.body["attachment"]["id"])
    assert devcloud.loop_devices(vol) == list(paths), "the other attachment still uses it"
    delete(devcloud, second.body["attachment"]["id"])
    assert devcloud.loop_devices(vol) == []


def test_the_fail_connect_hook_makes_cinder_refuse_the_connection(devcloud: Devcloud) -> None:
    vol = devcloud.new_volume(local=True, properties={"devcloud_fail_connect": "1"})
    refused = connect(devcloud, vol)
    assert refused.status == 500, refused.body
    assert devcloud.loop_devices(vol) == []


def test_the_device_path_hook_hands_back_that_path_and_makes_no_loop(devcloud: Devcloud) -> None:
    missing = f"/dev/devcloud-missing-{uuid.uuid4().hex[:8]}"
    vol = devcloud.new_volume(local=True, properties={"devcloud_device_path": missing})
    made = connect(devcloud, vol)
    assert made.status == 200, made.body
    assert made.body["attachment"]["connection_info"]["device_path"] == missing
    assert devcloud.loop_devices(vol) == []
    delete(devcloud, made.body["attachment"]["id"])


def test_down_frees_the_loop_devices_the_backend_left(devcloud: Devcloud, tmp_path: Path) -> None:
    # `down` itself would stop the session's cloud; its loop clean-up is the same function, run here on a
    # scratch loop directory holding one attached file.
    loop_dir = tmp_path / "cinder" / "loop-volumes"
    loop_dir.mkdir(parents=True)
    (loop_dir / "volume-x").write_bytes(b"\0" * 1024 * 1024)
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "from devcloud_lib import loops, updown;"
        "print(loops.attach('x')); updown.free_loops(); print(loops.devices_of(loops.backing_file('x')))"
    )
    env = {**os.environ, "DEVCLOUD_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", code, str(REPO / "scripts")], env=env, capture_output=True,
                          text=True, timeout=60)  # fmt: skip
    assert done.returncode == 0, done.stderr
    device, after = done.stdout.splitlines()
    assert device.startswith("/dev/loop") and after == "[]"
    assert f"freed the loop backend's loop devices: {device}" in done.stderr
