"""The loop backend's host side: one sparse file per volume, and the loop devices over them.

Stdlib only: the loop driver (inside Cinder) uses it, and so do `scripts/devcloud down` (which frees any loop
device the backend left) and the e2e tests (which check that a device was freed). A volume's file is
``<devcloud dir>/cinder/loop-volumes/volume-<id>``; a loop device belongs to the backend exactly when its backing
file is in that directory.
"""

from __future__ import annotations

import subprocess
import threading
from pathlib import Path

from devcloud_lib.settings import LOOP_DIR

GIB = 1024**3
_lock = threading.Lock()  # one volume service, several green threads: one losetup decision at a time


class LoopError(Exception):
    """losetup failed."""


def backing_file(volume_id: str) -> Path:
    return LOOP_DIR / f"volume-{volume_id}"


def _losetup(*args: str) -> str:
    done = subprocess.run(["losetup", *args], capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    if done.returncode != 0:
        raise LoopError(f"losetup {' '.join(args)}: exit {done.returncode}: {done.stderr.strip()}")
    return done.stdout


def devices_of(path: Path) -> list[str]:
    """The loop devices whose backing file is ``path`` (none if it does not exist)."""
    if not path.exists():
        return []
    out = _losetup("--associated", str(path))
    return [line.split(":", 1)[0] for line in out.splitlines() if line.strip()]


def make_backing_file(volume_id: str, size_gib: int) -> Path:
    """Create (or grow) the volume's sparse file: no disk space is used until data is written."""
    LOOP_DIR.mkdir(parents=True, exist_ok=True)
    path = backing_file(volume_id)
    with open(path, "ab") as fh:
        fh.truncate(max(size_gib, 1) * GIB)
    return path


def attach(volume_id: str) -> str:
    """The volume's loop device: the one already over its file, else a new one."""
    path = backing_file(volume_id)
    if not path.exists():
        raise LoopError(f"no backing file {path} for volume {volume_id}")
    with _lock:
        found = devices_of(path)
        if found:
            return found[0]
        return _losetup("--find", "--show", str(path)).strip()


def detach(volume_id: str) -> list[str]:
    """Free every loop device over the volume's file; the devices freed."""
    with _lock:
        found = devices_of(backing_file(volume_id))
        for device in found:
            _losetup("--detach", device)
    return found


def remove_backing_file(volume_id: str) -> None:
    detach(volume_id)
    backing_file(volume_id).unlink(missing_ok=True)


def free_all() -> list[str]:
    """Free every loop device over a file of this devcloud's loop backend; the devices freed."""
    freed: list[str] = []
    if not LOOP_DIR.is_dir():
        return freed
    for path in sorted(LOOP_DIR.glob("volume-*")):
        freed += detach(path.name.removeprefix("volume-"))
    return freed
