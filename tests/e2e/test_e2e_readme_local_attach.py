"""E2E: the README's local-attach examples (the shell walk-through and the Python one) run as written, on the
devcloud's loop backend; then Cinder, this host and the volume's own bytes are checked."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from attach_runner import server_attachments_of, server_volume

REPO = Path(__file__).resolve().parents[2]
SHELL_HEADING = "### Attach from this host"
PYTHON_HEADING = "### Attach a volume to this host from Python"

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="loop devices, mkfs and mount need root")


def section(heading: str) -> str:
    return (REPO / "README.md").read_text().split(heading + "\n", 1)[1].split("\n### ", 1)[0].split("\n## ", 1)[0]


def blocks(heading: str, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", section(heading), re.DOTALL)


def clean_env(devcloud, home: Path) -> dict[str, str]:
    env = {k: v for k, v in devcloud.env.items() if not k.startswith("OS_")}
    env.update(HOME=str(home), XDG_CACHE_HOME=str(home / "cache"), CINDER_ATTACH_STATE_DIR=str(home / "state"))
    return env


def assert_left_nothing(devcloud, volume: str, home: Path) -> None:
    assert server_attachments_of(devcloud, volume) == []
    assert server_volume(devcloud, volume)["status"] == "available"
    assert devcloud.loop_devices(volume) == []
    assert list((home / "state").glob("*.json")) == []


def test_the_readme_local_attach_walkthrough_runs_as_written(devcloud, attach_bin: Path, tmp_path: Path) -> None:
    setup, steps = blocks(SHELL_HEADING, "sh")[:2]
    assert "scripts/devcloud volume --type local" in setup and "attach local-detach" in steps
    vol = devcloud.new_volume(local=True)
    evals = "\n".join(line for line in setup.splitlines() if line.startswith("eval "))
    script = f"set -euo pipefail\n{evals}\nVOL={vol}\nset -x\n{steps}\necho \"DEV=$DEV\"\n"
    env = clean_env(devcloud, tmp_path)
    env["PATH"] = f"{attach_bin.parent}:{env.get('PATH', '')}"
    proc = subprocess.run(["bash", "-c", script], cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert re.search(r"^DEV=/dev/loop\d+$", proc.stdout, re.MULTILINE), proc.stdout
    assert_left_nothing(devcloud, vol, tmp_path)
    # The file is in the filesystem on the volume itself, read straight from the backing file.
    debugfs = shutil.which("debugfs")
    assert debugfs, "debugfs (e2fsprogs) reads the filesystem from the volume's file"
    shown = subprocess.run([debugfs, "-R", "cat /hello.txt", str(devcloud.backing_file(vol))],
                           capture_output=True, text=True, timeout=60)  # fmt: skip
    assert shown.stdout.startswith("hello from "), shown.stdout + shown.stderr


def test_the_readme_python_local_attach_example_runs_as_written(devcloud, attach_bin: Path, tmp_path: Path) -> None:
    (example,) = blocks(PYTHON_HEADING, "python")
    vol = devcloud.new_volume(local=True)
    env = {**clean_env(devcloud, tmp_path), "OS_CLOUD": "devcloud", "VOLUME_ID": vol,
           "OS_CLIENT_CONFIG_FILE": devcloud.env["OS_CLIENT_CONFIG_FILE"]}  # fmt: skip
    python = attach_bin.parent / "python"
    proc = subprocess.run([str(python), "-c", example], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=300)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    first, second, third = proc.stdout.splitlines()
    _, attachment, device = first.split()
    assert device.startswith("/dev/loop")
    assert second == f"detached {attachment}" and third == "nothing attached"
    assert_left_nothing(devcloud, vol, tmp_path)
    with open(devcloud.backing_file(vol), "rb") as backing:
        assert backing.read(19) == b"written from Python"
