"""scripts/devcloud's commands that need no running cloud: `env` (what a newcomer's shell evaluates) and `reset`."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "scripts"))
from devcloud_lib.procs import start_ticks  # noqa: E402

REMEMBERED = ("keystone/keystone.db", "keystone/.bootstrapped", "keystone/fernet-keys/0", "cinder/cinder.db",
              "cinder/.dbsynced", "cinder/state/x", "cinder/loop-volumes/volume-x", "logs/cinder-access.log",
              "clouds.yaml")  # fmt: skip
INSTALLED = ("venv-cinder/.devcloud-installed", "venv-keystone/.devcloud-installed", "boot/bin/uv", "uv-cache/x")


def devcloud(directory: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DEVCLOUD_DIR": str(directory)}
    return subprocess.run([str(REPO / "scripts" / "devcloud"), *args], env=env, capture_output=True, text=True,
                          timeout=60)  # fmt: skip


def a_devcloud_dir(root: Path, pids: dict[str, int]) -> Path:
    for name in REMEMBERED + INSTALLED:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("x")
    state = {"pids": pids, "pid_start_ticks": {k: start_ticks(p) for k, p in pids.items()}, "ready": True}
    (root / "state.json").write_text(json.dumps(state))
    return root


def test_reset_stops_the_servers_and_removes_the_state_but_not_the_venvs(tmp_path: Path) -> None:
    server = subprocess.Popen(["sleep", "300"], start_new_session=True)  # stands in for a running Cinder
    try:
        root = a_devcloud_dir(tmp_path / "dc", {"cinder": server.pid})
        res = devcloud(root, "reset")
        assert res.returncode == 0, res.stderr
        assert server.wait(timeout=10) is not None, "the recorded server was stopped"
    finally:
        server.kill()
    assert f"stopping cinder (pid {server.pid})" in res.stderr and "reset: removed" in res.stderr
    left = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    assert left == sorted([*INSTALLED, ".lock"])
    assert devcloud(root, "status").returncode == 3  # down, and knows nothing


def test_reset_of_a_stopped_or_empty_devcloud_is_fine(tmp_path: Path) -> None:
    root = a_devcloud_dir(tmp_path / "dc", {})
    assert devcloud(root, "reset").returncode == 0
    assert not (root / "state.json").exists() and not (root / "cinder").exists()
    again = devcloud(root, "reset")
    assert again.returncode == 0 and "nothing to remove" in again.stderr


NEWCOMER_PATH = "/usr/local/bin:/usr/bin:/bin"


def in_a_bare_shell(script: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """bash with nothing but a fresh HOME and the system PATH, in the checkout."""
    env = {"HOME": str(tmp_path), "PATH": NEWCOMER_PATH}
    return subprocess.run(["bash", "-c", script], env=env, cwd=REPO, capture_output=True, text=True, timeout=60)


def test_env_puts_the_project_venv_first_on_path_once(tmp_path: Path) -> None:
    res = in_a_bare_shell('eval "$(scripts/devcloud env)"; eval "$(scripts/devcloud env)"; echo "$PATH"', tmp_path)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == f"{REPO / '.venv' / 'bin'}:{NEWCOMER_PATH}"


def test_after_env_attach_and_python3_are_the_project_venvs(tmp_path: Path) -> None:
    script = 'eval "$(scripts/devcloud env)"; command -v attach; command -v python3; echo "$OS_CLOUD"'
    res = in_a_bare_shell(script, tmp_path)
    assert res.returncode == 0, res.stderr
    assert res.stdout.split() == [str(REPO / ".venv/bin/attach"), str(REPO / ".venv/bin/python3"), "devcloud"]


def test_env_names_the_cure_when_attach_is_not_installed(tmp_path: Path) -> None:
    # The venv is found beside scripts/, so a copy of scripts/ without .venv stands in for a fresh clone.
    clone = tmp_path / "clone"
    shutil.copytree(REPO / "scripts", clone / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    res = subprocess.run([str(clone / "scripts" / "devcloud"), "env"], capture_output=True, text=True, timeout=60)
    assert res.returncode == 0 and "export PATH=" in res.stdout
    assert "run scripts/demo first" in res.stderr
