"""E2E: the README's local-attach examples (the shell walk-through and the Python one) run as written in a
newcomer's root shell (tests/e2e/newcomer.py), set-up block included, on the devcloud's loop backend; then Cinder,
this host and the volume's own bytes are checked."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from attach_runner import server_attachments_of, server_volume
from newcomer import ROOT_PATH, marked, readme_blocks, run_as_newcomer

SHELL_HEADING = "### Attach from this host"
PYTHON_HEADING = "### Attach a volume to this host from Python"

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="loop devices, mkfs and mount need root")


def run_after_setup(devcloud, home: Path, then: str) -> tuple[subprocess.CompletedProcess[str], str]:
    """The section's set-up block as written, then ``then``, as root in a newcomer's shell. This host's records
    go under ``home`` (CINDER_ATTACH_STATE_DIR), so the test can see that none is left."""
    setup = readme_blocks(SHELL_HEADING, "sh")[0]
    assert "scripts/devcloud volume --type local" in setup and 'eval "$(scripts/devcloud env)"' in setup
    script = f'export CINDER_ATTACH_STATE_DIR="{home / "state"}"\n{setup}\necho "VOL=$VOL"\nset -x\n{then}\n'
    proc = run_as_newcomer(script, home, path=ROOT_PATH)
    vol = marked(proc.stdout, "VOL")
    devcloud.cleanup.volume(vol)
    return proc, vol


def assert_left_nothing(devcloud, volume: str, home: Path) -> None:
    assert server_attachments_of(devcloud, volume) == []
    assert server_volume(devcloud, volume)["status"] == "available"
    assert devcloud.loop_devices(volume) == []
    assert list((home / "state").glob("*.json")) == []


def test_the_readme_local_attach_walkthrough_runs_as_written(devcloud, tmp_path: Path) -> None:
    steps = readme_blocks(SHELL_HEADING, "sh")[1]
    assert "attach local-detach" in steps
    proc, vol = run_after_setup(devcloud, tmp_path, f'{steps}\necho "DEV=$DEV"')
    assert proc.returncode == 0, proc.stderr
    assert re.search(r"^DEV=/dev/loop\d+$", proc.stdout, re.MULTILINE), proc.stdout
    assert_left_nothing(devcloud, vol, tmp_path)
    # The file is in the filesystem on the volume itself, read straight from the backing file.
    debugfs = shutil.which("debugfs") or shutil.which("debugfs", path=ROOT_PATH)
    assert debugfs, "debugfs (e2fsprogs) reads the filesystem from the volume's file"
    shown = subprocess.run([debugfs, "-R", "cat /hello.txt", str(devcloud.backing_file(vol))],
                           capture_output=True, text=True, timeout=60)  # fmt: skip
    assert shown.stdout.startswith("hello from "), shown.stdout + shown.stderr


def test_the_readme_python_local_attach_example_runs_as_written(devcloud, tmp_path: Path) -> None:
    (example,) = readme_blocks(PYTHON_HEADING, "python")
    (tmp_path / "local_example.py").write_text(example)
    proc, vol = run_after_setup(devcloud, tmp_path, f'python3 "{tmp_path / "local_example.py"}"')
    assert proc.returncode == 0, proc.stderr
    first, second, third = proc.stdout.splitlines()[-3:]
    _, attachment, device = first.split()
    assert device.startswith("/dev/loop")
    assert second == f"detached {attachment}" and third == "nothing attached"
    assert_left_nothing(devcloud, vol, tmp_path)
    with open(devcloud.backing_file(vol), "rb") as backing:
        assert backing.read(19) == b"written from Python"
