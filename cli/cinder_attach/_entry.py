"""The ``attach`` console script, kept apart from ``main`` so it runs before typer is imported."""

import contextlib
import os
import sys
from typing import NoReturn

from .gc_policy import off_for_start_up


def run() -> NoReturn:
    off_for_start_up()  # the command turns the collector back on (gc_policy has the whole policy)
    from .main import main

    _exit(main())


def _exit(code: int) -> NoReturn:
    """Flush stdout and stderr, then end the process without tearing the interpreter down.

    A normal exit frees every module and object one by one (and runs a last collection) for typer,
    httpx and attrs, which costs more than the rest of a warm run's own work (docs/benchmarks.md). Nothing is left to do
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
