"""Lines for the person at the terminal: errors, warnings, notes and --debug on stderr, results on stdout.

The library never writes to the terminal: it logs (``logging.getLogger(__name__)``, under the
``cinder_attach`` logger). :func:`stderr_log` is the one handler the CLI installs for a command's run;
it writes each record as the line the CLI has always written: ``debug: ...`` (only with --debug),
``note: ...`` for INFO, ``Warning: ...`` for WARNING and above, an HTTP trace as it is, and a record
with a ``reason`` in the CLI's own words (:mod:`cinder_attach.hints`). A record marked ``terminal_only``
(progress) is shown only when stderr is a terminal.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import logging

PREFIXES = {"DEBUG": "debug: ", "INFO": "note: "}  # WARNING and above: "Warning: "


def say(text: str) -> None:
    """One line on stderr that survives any bytes in it (error lines can echo undecodable argv)."""
    stream = sys.stderr
    encoding = getattr(stream, "encoding", None) or "utf-8"
    stream.write(text.encode(encoding, "backslashreplace").decode(encoding) + "\n")
    stream.flush()


def emit(text: str) -> None:
    """Write rendered output with a final newline (nothing at all for empty output)."""
    if text:
        sys.stdout.write(text + "\n")
        sys.stdout.flush()


def log_line(record: logging.LogRecord) -> str:
    """The stderr line(s) for one log record of the library."""
    from .hints import log_line_for

    text = record.getMessage()
    if getattr(record, "trace", False):  # an HTTP message for --debug, several lines, shown as it is
        return text[:-1] if text.endswith("\n") else text
    worded = log_line_for(record)
    if worded is not None:
        return worded
    return PREFIXES.get(record.levelname, "Warning: ") + text


@contextmanager
def stderr_log(*, debug: bool) -> Iterator[None]:
    """Show the library's log on stderr while the block runs (its debug records only with ``debug``)."""
    import logging

    class Lines(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if getattr(record, "terminal_only", False) and not sys.stderr.isatty():
                return  # progress (a wait's pauses) is for a person watching, not for a script's log
            say(log_line(record))

    logger = logging.getLogger("cinder_attach")
    handler = Lines(logging.DEBUG if debug else logging.INFO)
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(handler.level)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
