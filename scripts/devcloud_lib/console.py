"""What devcloud prints on stderr (stdout stays machine-readable), and its one error type.

``say`` prints a progress message; ``step`` wraps a set-up step and prints one line for it,
``==> what ... done (12.3 s)``. Steps may run in two threads at once (Keystone and Cinder), and
each is still printed once: one step at a time owns the open line (``==> what ... ``, finished in
place when it ends). A step that starts meanwhile waits, unprinted, for the line; one that ends
meanwhile is printed whole right after the open line's ending. Only a ``say`` in the middle breaks
an open line, and that step is then printed whole when it ends.
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
_waiting: list[tuple[object, str]] = []  # steps started while another owned the line: not printed yet
_finished: list[str] = []  # whole lines of waiting steps that ended: printed after the open line's ending


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


def _hand_on_the_line() -> None:
    """After the open line ended: the whole lines of steps that ended meanwhile, then the next waiting step's start."""
    for line in _finished:
        sys.stderr.write(line)
    _finished.clear()
    if _waiting:
        me, what = _waiting.pop(0)
        sys.stderr.write(f"==> {what} ... ")
        _open.append(me)


def say(msg: str) -> None:
    """One progress message on stderr."""
    with _lock:
        _close_open_line()
        for line in _finished:
            sys.stderr.write(line)
        _finished.clear()
        sys.stderr.write(f"[devcloud +{since_start():5.1f}s] {msg}\n")
        _hand_on_the_line()
        sys.stderr.flush()


def _begin(me: object, what: str) -> None:
    with _lock:
        if _open:
            _waiting.append((me, what))
            return
        sys.stderr.write(f"==> {what} ... ")
        sys.stderr.flush()
        _open.append(me)


def _end(me: object, what: str, ending: str) -> None:
    with _lock:
        if _open == [me]:
            _open.clear()
            sys.stderr.write(ending)
            _hand_on_the_line()
        else:  # it waited for the line all along, or a `say` broke its line
            _waiting[:] = [(m, w) for m, w in _waiting if m is not me]
            line = f"==> {what} ... {ending}"
            if _open:
                _finished.append(line)
            else:
                sys.stderr.write(line)
                _hand_on_the_line()
        sys.stderr.flush()


@contextlib.contextmanager
def step(what: str) -> Iterator[None]:
    """Print ``==> what ... done (N s)`` (or ``failed``) around a set-up step, once."""
    me = object()
    _begin(me, what)
    started, outcome = time.monotonic(), "failed"
    try:
        yield
        outcome = "done"
    finally:
        _end(me, what, f"{outcome} ({time.monotonic() - started:.1f} s)\n")


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
