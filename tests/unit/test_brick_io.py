"""brick_io: os-brick's connect/disconnect and guard, with the real os-brick of the dev venv (its `local` connector
touches nothing on the host) and a stand-in connector for the failures no real device gives here."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from cinder_attach.brick_io import Brick, BrickError, connection_properties

pytest.importorskip("os_brick")  # the `host` extra is in the dev venv; without it these cannot run
pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="os-brick's privileged steps run in-process as root only")


@pytest.fixture
def brick(tmp_path: Path) -> Brick:
    return Brick(lock_path=tmp_path / "locks")


def local_info(path: Path | str) -> dict[str, Any]:
    return {"driver_volume_type": "local", "device_path": str(path), "access_mode": "rw", "attachment_id": "a1"}


class StandIn:
    """A connector whose disconnect raises what it is given."""

    def __init__(self, exc: BaseException) -> None:
        self.exc = exc

    def disconnect_volume(self, *args: Any, **kwargs: Any) -> None:
        raise self.exc


def test_connect_gives_os_bricks_device_info_for_a_path_that_exists(brick: Brick, tmp_path: Path) -> None:
    device = tmp_path / "dev"
    device.write_bytes(b"")
    assert brick.connect(local_info(device)) == {"type": "local", "path": str(device)}


def test_a_device_path_that_does_not_exist_is_a_brick_error(brick: Brick, tmp_path: Path) -> None:
    with pytest.raises(BrickError, match=r"the device .*/nope that os-brick connected \(local\) did not appear"):
        brick.connect(local_info(tmp_path / "nope"))


def test_a_protocol_os_brick_does_not_know_is_named(brick: Brick) -> None:
    with pytest.raises(BrickError, match="os-brick cannot connect driver_volume_type 'carrier-pigeon'"):
        brick.connect({"driver_volume_type": "carrier-pigeon"})
    with pytest.raises(BrickError, match="names no driver_volume_type"):
        brick.connect({"device_path": "/dev/null"})


def test_disconnect_of_a_local_volume_succeeds(brick: Brick, tmp_path: Path) -> None:
    assert brick.disconnect(local_info(tmp_path / "x"), {"type": "local", "path": str(tmp_path / "x")}) is True


def test_a_device_os_brick_cannot_find_counts_as_disconnected(brick: Brick, monkeypatch: pytest.MonkeyPatch) -> None:
    from os_brick import exception

    monkeypatch.setattr(brick, "_connector", lambda protocol: StandIn(exception.VolumeDeviceNotFound(device="x")))
    assert brick.disconnect(local_info("/dev/x"), None, force=True) is False


def test_any_other_disconnect_failure_is_a_brick_error(brick: Brick, monkeypatch: pytest.MonkeyPatch) -> None:
    from os_brick import exception

    failure = exception.BrickException("flush failed: device busy")
    monkeypatch.setattr(brick, "_connector", lambda protocol: StandIn(failure))
    with pytest.raises(BrickError, match="os-brick could not disconnect the local volume: .*device busy"):
        brick.disconnect(local_info("/dev/x"), None)


def test_the_guard_locks_by_service_uuid_when_targets_may_be_shared(brick: Brick, tmp_path: Path) -> None:
    with brick.guard({"shared_targets": None, "service_uuid": "svc-1"}):
        assert (tmp_path / "locks" / "os-brick-svc-1").exists()
    with brick.guard({"shared_targets": False, "service_uuid": "svc-2"}):
        assert not (tmp_path / "locks" / "os-brick-svc-2").exists()
    with brick.guard({"shared_targets": None, "service_uuid": None}):  # an old cloud: nothing to lock on
        pass


def test_nested_data_is_flattened_as_the_attachments_api_sends_it() -> None:
    nested = {"driver_volume_type": "iscsi", "data": {"target_portal": "p", "target_lun": 1}}
    assert connection_properties(nested) == {"driver_volume_type": "iscsi", "target_portal": "p", "target_lun": 1}
    assert connection_properties(local_info("/dev/x")) == local_info("/dev/x")
