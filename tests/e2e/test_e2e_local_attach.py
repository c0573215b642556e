"""E2E: `attach local-attach` / `local-detach` with a real data path, through the devcloud's loop backend.

Each test checks both sides afterwards: Cinder (the attachment, the volume's status) and this host (the loop
device over the volume's file, the state directory).
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import uuid
from pathlib import Path

import pytest
from attach_runner import Attach, server_attachment, server_attachments_of, server_volume

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="loop devices and os-brick in-process need root")


def state_files(attach: Attach) -> list[Path]:
    return sorted(Path(attach.env["CINDER_ATTACH_STATE_DIR"]).glob("*.json"))


def local_attach(attach: Attach, volume: str, *args: str) -> dict[str, str]:
    done = attach("local-attach", volume, *args, "-f", "json")
    assert done.code == 0, done.err
    result: dict[str, str] = done.json()
    return result


def write_pattern(device: str, offset: int) -> bytes:
    pattern = uuid.uuid4().bytes * 4096  # 64 KiB
    fd = os.open(device, os.O_RDWR)
    try:
        os.pwrite(fd, pattern, offset)
        os.fsync(fd)
    finally:
        os.close(fd)
    return pattern


def run(*argv: str) -> None:
    done = subprocess.run(argv, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"{' '.join(argv)}: {done.stderr}"


def mkfs_ext4() -> str:
    found = shutil.which("mkfs.ext4")
    assert found, "mkfs.ext4 (e2fsprogs) is needed for the filesystem test"
    return found


def assert_gone(devcloud, attach: Attach, volume: str) -> None:
    """Nothing left: no attachment, the volume available, no loop device, no state."""
    assert server_attachments_of(devcloud, volume) == []
    assert server_volume(devcloud, volume)["status"] == "available"
    assert devcloud.loop_devices(volume) == []
    assert state_files(attach) == []


def test_data_written_through_the_device_lands_in_the_volume_and_detach_cleans_up(devcloud, attach: Attach) -> None:
    vol = devcloud.new_volume(local=True)
    made = local_attach(attach, vol)
    device = made["device_path"]
    assert (made["volume_id"], made["driver_volume_type"], made["mode"]) == (vol, "local", "rw")
    assert devcloud.loop_devices(vol) == [device]
    pattern = write_pattern(device, 1024 * 1024)
    with open(devcloud.backing_file(vol), "rb") as backing:
        backing.seek(1024 * 1024)
        assert backing.read(len(pattern)) == pattern
    att = server_attachment(devcloud, made["attachment_id"])
    assert (att["status"], att["attach_mode"], att["instance"]) == ("attached", "rw", None)
    assert server_volume(devcloud, vol)["status"] == "in-use"
    (record,) = state_files(attach)
    assert stat.S_IMODE(record.stat().st_mode) == 0o600 and stat.S_IMODE(record.parent.stat().st_mode) == 0o700

    gone = attach("local-detach", vol, "-f", "value", "-c", "result")
    assert (gone.code, gone.out) == (0, "detached\n"), gone.err
    assert_gone(devcloud, attach, vol)
    again = attach("local-detach", vol)
    assert again.code == 0, again.err
    by_id = attach("local-detach", vol, "--attachment", made["attachment_id"], "-f", "value", "-c", "result")
    assert (by_id.code, by_id.out) == (0, "already gone\n"), by_id.err


def test_a_filesystem_survives_detach_and_attach_again(devcloud, attach: Attach, tmp_path: Path) -> None:
    vol, mnt, text = devcloud.new_volume(local=True), tmp_path / "mnt", f"kept {uuid.uuid4()}\n"
    mnt.mkdir()
    device = local_attach(attach, vol)["device_path"]
    run(mkfs_ext4(), "-q", device)
    run("mount", device, str(mnt))
    try:
        (mnt / "kept.txt").write_text(text)
    finally:
        run("umount", str(mnt))
    assert attach("local-detach", vol).code == 0
    assert_gone(devcloud, attach, vol)

    device = local_attach(attach, vol)["device_path"]
    run("mount", device, str(mnt))
    try:
        assert (mnt / "kept.txt").read_text() == text
    finally:
        run("umount", str(mnt))
    assert attach("local-detach", vol).code == 0
    assert_gone(devcloud, attach, vol)


def test_cinder_refusing_the_connection_is_one_line_and_leaves_nothing(devcloud, attach: Attach) -> None:
    vol = devcloud.new_volume(local=True, properties={"devcloud_fail_connect": "1"})
    refused = attach("local-attach", vol)
    assert refused.code == 1
    assert len(refused.err.splitlines()) == 1 and refused.err.startswith("Error: ")
    assert "HTTP 500" in refused.err and "was deleted" in refused.err
    assert_gone(devcloud, attach, vol)


def test_a_device_path_that_does_not_appear_deletes_the_attachment(devcloud, attach: Attach) -> None:
    missing = f"/dev/devcloud-missing-{uuid.uuid4().hex[:8]}"
    vol = devcloud.new_volume(local=True, properties={"devcloud_device_path": missing})
    failed = attach("local-attach", vol)
    assert failed.code == 1 and len(failed.err.splitlines()) == 1
    assert f"the device {missing} that os-brick connected (local) did not appear on this host" in failed.err
    assert "the attachment" in failed.err and "was deleted" in failed.err
    assert_gone(devcloud, attach, vol)
    assert not Path(missing).exists()


def test_two_attachments_of_a_multiattach_volume_share_one_device_until_the_last_goes(
    devcloud, attach: Attach
) -> None:
    vol = devcloud.new_volume(local=True, multiattach=True)
    first, second = local_attach(attach, vol), local_attach(attach, vol)
    assert first["device_path"] == second["device_path"] and first["attachment_id"] != second["attachment_id"]
    assert devcloud.loop_devices(vol) == [first["device_path"]]
    assert len(state_files(attach)) == 2

    ambiguous = attach("local-detach", vol)
    assert ambiguous.code == 2 and first["attachment_id"] in ambiguous.err and second["attachment_id"] in ambiguous.err

    assert attach("local-detach", vol, "--attachment", first["attachment_id"]).code == 0
    assert devcloud.loop_devices(vol) == [first["device_path"]], "the other attachment still uses the device"
    assert server_attachment(devcloud, second["attachment_id"])["status"] == "attached"
    assert server_volume(devcloud, vol)["status"] == "in-use"
    write_pattern(second["device_path"], 0)  # still a working device

    assert attach("local-detach", vol).code == 0, "the one left is this host's only record"
    assert_gone(devcloud, attach, vol)
