"""WSGI middleware that writes one access-log line per HTTP request.

Shared by the devcloud Keystone (gunicorn) and Cinder (eventlet) processes so
that both access logs have the same, stable format and can be counted by tests
and benchmarks. Stdlib only: it is imported inside both service venvs.

The middleware collects the (small, JSON) response body and writes the line
*before* handing the body to the server, so a client that has received its
response can count the line straight away (gunicorn's and eventlet's own
access logs are written after the response went out, which races with a fast
reader). Format, one line per request::

    [26/Nov/2026:13:40:00 +0000] "GET /v3/abc/volumes?limit=1 HTTP/1.1" 200 1234 0.012345 \\
        "volume 3.54" req-0c1f... "python-urllib/3.11"       (one line; wrapped here)

i.e. ``[time] "METHOD PATH?QUERY PROTOCOL" STATUS BYTES SECONDS
"OPENSTACK-API-VERSION-HEADER" REQUEST_ID "USER_AGENT"``, with ``-`` for an
absent value. ``LINE_RE`` below matches it and ``parse_line`` parses it; tests and
the benchmark import both (with scripts/ on sys.path).

SECONDS is the request's *server time*: from the moment the WSGI app was called
with the request to the moment its whole answer was ready (the body collected),
measured with a monotonic clock. It covers everything the service did for the
request, including reading the request body and, for Cinder, keystonemiddleware
validating the token (with Keystone's time for that inside it). It leaves out
the server's socket work before and after. A client's own time is its wall time
minus the server times of its requests.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

LINE_RE = re.compile(
    r'^\[(?P<time>[^\]]+)\] "(?P<method>\S+) (?P<path>\S+) (?P<protocol>[^"]*)" '
    r'(?P<status>\d{3}) (?P<bytes>\S+) (?P<seconds>\S+) "(?P<microversion>[^"]*)" '
    r'(?P<request_id>\S+) "(?P<user_agent>[^"]*)"$'
)


class Entry(NamedTuple):
    """One parsed access-log line."""

    time: str
    method: str
    path: str  # as the client sent it, with "?query" when the server reports it
    protocol: str
    status: int
    bytes: str
    seconds: float  # server time
    microversion: str  # the raw OpenStack-API-Version header, "-" if absent
    request_id: str
    user_agent: str


def parse_line(line: str) -> Entry | None:
    """An access-log line as an Entry; None if it is not one."""
    m = LINE_RE.match(line.rstrip("\n"))
    if m is None:
        return None
    return Entry(
        m["time"], m["method"], m["path"], m["protocol"], int(m["status"]), m["bytes"], float(m["seconds"]),
        m["microversion"], m["request_id"], m["user_agent"],
    )  # fmt: skip


def _clean(value: str | None) -> str:
    """Keep a header value on one line and free of the quote delimiter."""
    if not value:
        return "-"
    return value.replace('"', "'").replace("\n", " ").replace("\r", " ")


class AccessLog:
    """Wrap a WSGI app and append one line per request to ``path``."""

    def __init__(self, app: Callable[..., Iterable[bytes]], path: str) -> None:
        self.app = app
        # O_APPEND + one os.write per line keeps lines whole across processes.
        self.fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        started = time.monotonic()  # the server time starts when the app gets the request
        wall = time.time()
        seen: dict[str, str] = {}

        def _start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            seen["status"] = status.split(" ", 1)[0]
            for name, value in headers:
                lname = name.lower()
                if lname == "content-length":
                    seen["length"] = value
                elif lname == "x-openstack-request-id":
                    seen["request_id"] = value
            if exc_info is not None:
                return start_response(status, headers, exc_info)
            return start_response(status, headers)

        try:
            body = self.app(environ, _start_response)
        except BaseException:
            seen.setdefault("status", "500")
            self._write(environ, seen, started, wall)
            raise
        # Both services answer small JSON documents: collect the body, so the
        # line can be written before the server sends anything.
        try:
            chunks = list(body)
        except BaseException:
            seen["status"] = "500"
            self._write(environ, seen, started, wall)
            raise
        finally:
            close = getattr(body, "close", None)
            if close is not None:
                close()
        seen.setdefault("length", str(sum(len(chunk) for chunk in chunks)))
        self._write(environ, seen, started, wall)
        return chunks

    def _write(self, environ: dict[str, Any], seen: dict[str, str], started: float, wall: float) -> None:
        # The path as the client sent it: gunicorn's RAW_URI (with the query),
        # eventlet's RAW_PATH_INFO (without), else the decoded PATH_INFO.
        path = environ.get("RAW_URI") or ""
        if not path:
            path = environ.get("RAW_PATH_INFO") or (environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", ""))
            if environ.get("QUERY_STRING"):
                path = f"{path}?{environ['QUERY_STRING']}"
        path = path.replace(" ", "%20") or "/"
        line = '[{t}] "{m} {p} {proto}" {s} {b} {sec:.6f} "{mv}" {rid} "{ua}"\n'.format(
            t=time.strftime("%d/%b/%Y:%H:%M:%S %z", time.localtime(wall)),
            m=environ.get("REQUEST_METHOD", "-"),
            p=path,
            proto=environ.get("SERVER_PROTOCOL", "-"),
            s=seen.get("status", "000"),
            b=seen.get("length", "-"),
            sec=time.monotonic() - started,  # ... and ends here, the answer ready
            mv=_clean(environ.get("HTTP_OPENSTACK_API_VERSION")),
            rid=_clean(seen.get("request_id")).replace(" ", "_"),
            ua=_clean(environ.get("HTTP_USER_AGENT")),
        )
        os.write(self.fd, line.encode("utf-8", "replace"))
