"""state.json (ports, urls, pids, users; mode 0600) and the lock that serialises up/down."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
from collections.abc import Iterator
from typing import Any

from devcloud_lib.settings import STATE, D


def load_state() -> dict[str, Any]:
    try:
        state: dict[str, Any] = json.loads(STATE.read_text())
        return state
    except (OSError, ValueError):
        return {}


def save_state(state: dict[str, Any]) -> None:
    """Write state.json atomically with mode 0600 (it holds passwords)."""
    D.mkdir(parents=True, exist_ok=True)
    tmp = STATE.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        json.dump(state, fh, indent=2, sort_keys=True)
        fh.write("\n")
    os.chmod(tmp, 0o600)
    os.replace(tmp, STATE)


@contextlib.contextmanager
def state_lock() -> Iterator[None]:
    """Serialise up/down so parallel callers (e.g. test workers) don't race."""
    D.mkdir(parents=True, exist_ok=True)
    with open(D / ".lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
