"""Lines for the person at the terminal: warnings and notes on stderr, results on stdout.

Kept apart from the formatter so that low-level modules (the token cache, the transport) can warn
without importing anything that knows about output formats.
"""

from __future__ import annotations

import sys


def one_line(exc: BaseException, limit: int = 300) -> str:
    """An exception's text on one line, for an ``Error:`` line (its type's name when it has no text)."""
    return " ".join(str(exc).split())[:limit] or type(exc).__name__


def say(text: str) -> None:
    """One line on stderr that survives any bytes in it (error lines can echo undecodable argv)."""
    stream = sys.stderr
    encoding = getattr(stream, "encoding", None) or "utf-8"
    stream.write(text.encode(encoding, "backslashreplace").decode(encoding) + "\n")
    stream.flush()


def warn(message: str) -> None:
    """A one-line warning on stderr; never on stdout, which scripts parse."""
    sys.stderr.write(f"Warning: {message}\n")


def debug(message: str) -> None:
    """A ``--debug`` line on stderr."""
    sys.stderr.write(f"debug: {message}\n")


def emit(text: str) -> None:
    """Write rendered output with a final newline (nothing at all for empty output)."""
    if text:
        sys.stdout.write(text + "\n")
        sys.stdout.flush()
