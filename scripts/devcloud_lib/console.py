"""What devcloud prints on stderr (stdout stays machine-readable), and its one error type.

``say`` prints a progress message; ``step`` wraps a set-up step and prints one line for it,
``==> what ... done (12.3 s)``. Steps may run in two threads at once (Keystone and Cinder): a
step's line is finished in place when nothing was printed since it started, else printed whole.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

_T0 = time.monotonic()
_lock = threading.Lock()
_open: list[object] = []  # the step whose "==> what ... " line still waits for its ending


class DevcloudError(Exception):
    """A failure to report on stderr, with the tail of the log that explains it."""

    def __init__(self, message: str, log: Path | None = None) -> None:
        super().__init__(message)
        self.log = log


def since_start() -> float:
    return time.monotonic() - _T0


def _close_open_line() -> None:
    if _open:
        sys.stderr.write("\n")
        _open.clear()


def say(msg: str) -> None:
    """One progress message on stderr."""
    with _lock:
        _close_open_line()
        sys.stderr.write(f"[devcloud +{since_start():5.1f}s] {msg}\n")
        sys.stderr.flush()


@contextlib.contextmanager
def step(what: str) -> Iterator[None]:
    """Print ``==> what ... done (N s)`` (or ``failed``) around a set-up step."""
    me = object()
    with _lock:
        _close_open_line()
        sys.stderr.write(f"==> {what} ... ")
        sys.stderr.flush()
        _open.append(me)
    started, outcome = time.monotonic(), "failed"
    try:
        yield
        outcome = "done"
    finally:
        ending = f"{outcome} ({time.monotonic() - started:.1f} s)\n"
        with _lock:
            if _open == [me]:
                _open.clear()
                sys.stderr.write(ending)
            else:
                _close_open_line()
                sys.stderr.write(f"==> {what} ... {ending}")
            sys.stderr.flush()


def tail(path: Path, lines: int = 30) -> str:
    """Last lines of a log file, for error reports."""
    try:
        with open(path, "rb") as fh:
            fh.seek(0, os.SEEK_END)
            size = fh.tell()
            fh.seek(max(0, size - 256 * 1024))
            data = fh.read().decode("utf-8", "replace")
    except OSError:
        return f"(no log at {path})"
    return "\n".join(data.splitlines()[-lines:])
