"""local_state: the root-only record of what this host connected."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from cinder_attach import local_state
from cinder_attach.local_state import LocalRecord, StateError

VOL = "5f1c2a4e-8d7b-4e0f-9a61-0c3d9e2b7c13"


def record(att: str = "a1", volume: str = VOL, at: float = 0.0) -> LocalRecord:
    return LocalRecord(att, volume, "local", {"type": "local", "path": "/dev/loop7"}, "node-1", at)


def test_the_directory_is_0700_and_the_file_0600_and_it_reads_back(tmp_path: Path) -> None:
    directory = tmp_path / "state" / "cinder-attach"
    written = local_state.save(record(), directory)
    assert stat.S_IMODE(directory.stat().st_mode) == 0o700
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    loaded = local_state.load("a1", directory)
    assert loaded is not None and loaded._replace(attached_at=0.0) == record()
    assert loaded.attached_at > 0 and loaded.device_path == "/dev/loop7"
    assert [p.name for p in directory.iterdir()] == ["a1.json"], "no temporary file is left"


def test_a_loose_directory_is_tightened(tmp_path: Path) -> None:
    directory = tmp_path / "state"
    directory.mkdir(mode=0o755)
    os.chmod(directory, 0o755)
    local_state.save(record(), directory)
    assert stat.S_IMODE(directory.stat().st_mode) == 0o700


def test_the_directory_comes_from_the_argument_then_the_environment_then_var_lib(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(local_state.ENV_VAR, raising=False)
    assert local_state.state_dir() == Path("/var/lib/cinder-attach")
    monkeypatch.setenv(local_state.ENV_VAR, str(tmp_path / "env"))
    assert local_state.state_dir() == tmp_path / "env"
    assert local_state.state_dir(tmp_path / "arg") == tmp_path / "arg"


def test_records_of_a_volume_come_oldest_first_and_others_are_left_out(tmp_path: Path) -> None:
    local_state.save(record("b", at=20.0), tmp_path)
    local_state.save(record("a", at=10.0), tmp_path)
    local_state.save(record("c", volume="another"), tmp_path)
    assert [r.attachment_id for r in local_state.of_volume(VOL, tmp_path)] == ["a", "b"]
    assert local_state.of_volume(VOL, tmp_path / "missing") == []


def test_remove_forgets_once(tmp_path: Path) -> None:
    local_state.save(record(), tmp_path)
    assert local_state.remove("a1", tmp_path) is True
    assert local_state.remove("a1", tmp_path) is False
    assert local_state.load("a1", tmp_path) is None


def test_a_file_others_can_read_or_a_corrupt_one_is_ignored(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    os.chmod(local_state.save(record("open"), tmp_path), 0o644)
    (tmp_path / "bad.json").write_text("{not json")
    os.chmod(tmp_path / "bad.json", 0o600)
    assert local_state.load("open", tmp_path) is None
    assert local_state.load("bad", tmp_path) is None
    assert "others can read it" in caplog.text and "unreadable" in caplog.text


def test_a_record_with_unknown_keys_still_reads(tmp_path: Path) -> None:
    path = local_state.save(record(), tmp_path)
    path.write_text(json.dumps({**json.loads(path.read_text()), "future_key": 1}))
    assert local_state.load("a1", tmp_path) is not None


def test_an_unusable_directory_is_a_state_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(StateError, match="cannot use the state directory"):
        local_state.save(record(), blocker / "state")
