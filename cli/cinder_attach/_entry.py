"""The ``attach`` console script, kept apart from ``main`` so it runs before typer is imported.

It imports nothing that the interpreter has not loaded already, so that Ctrl-C at any moment of a run,
from ``run``'s first instruction on (typer's imports take ~30 ms), ends with the one ``Error: interrupted.``
line and exit 130, never a traceback.
"""

import os
import sys
from typing import NoReturn

EXIT_INTERRUPTED = 130  # errors.EXIT_INTERRUPTED, restated: importing errors here would widen the window


def run() -> NoReturn:
    try:
        from .gc_policy import off_for_start_up

        off_for_start_up()  # the command turns the collector back on (gc_policy has the whole policy)
        from .main import main

        code = main()
    except KeyboardInterrupt:  # before main's own handling (imports), or between its handlers
        code = _interrupted()
    _exit(code)


def _interrupted() -> int:
    try:
        sys.stderr.write("Error: interrupted.\n")
    except (OSError, KeyboardInterrupt):
        pass
    return EXIT_INTERRUPTED


def _exit(code: int) -> NoReturn:
    """Flush stdout and stderr, then end the process without tearing the interpreter down.

    A normal exit frees every module and object one by one (and runs a last collection) for typer,
    httpx and attrs, which costs more than the rest of a warm run's own work (docs/benchmarks.md). Nothing is left to do
    by then: every file and HTTP client was closed by its ``with``, nothing of ours registers an
    ``atexit`` handler, and ``main`` has already written and flushed what it prints. (mypy ends the
    same way.) A reader that left early (``attach list | head -1``) makes the flush fail: exit 1,
    quietly, as ``main`` does for a broken pipe. A Ctrl-C this late changes nothing: the answer is
    given, and the exit code stays.
    """
    try:
        sys.stdout.flush()
    except OSError:
        code = code or 1
    except KeyboardInterrupt:
        pass
    try:
        sys.stderr.flush()
    except (OSError, KeyboardInterrupt):
        pass
    os._exit(code)
