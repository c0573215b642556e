"""The ``attach`` console script, kept apart from ``main`` so it runs before typer is imported."""

import contextlib
import gc
import os
import sys
from typing import NoReturn


def run() -> NoReturn:
    # Start-up makes many long-lived objects and few reference cycles, and the cycle collector would
    # walk typer's and httpx's import-time objects several times (~5 ms). The command turns it back
    # on once start-up's objects are frozen: see options._collect_from_here.
    gc.disable()
    from .main import main

    _exit(main())


def _exit(code: int) -> NoReturn:
    """Flush stdout and stderr, then end the process without tearing the interpreter down.

    A normal exit frees every module and object one by one (and runs a last collection): ~15-25 ms
    for typer, httpx and attrs, more than the rest of a warm run's own work. Nothing is left to do
    by then: every file and HTTP client was closed by its ``with``, nothing of ours registers an
    ``atexit`` handler, and ``main`` has already written and flushed what it prints. (mypy ends the
    same way.) A reader that left early (``attach list | head -1``) makes the flush fail: exit 1,
    quietly, as ``main`` does for a broken pipe.
    """
    try:
        sys.stdout.flush()
    except OSError:
        code = code or 1
    with contextlib.suppress(OSError):
        sys.stderr.flush()
    os._exit(code)
