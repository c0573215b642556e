"""Real local servers for the fault, TLS, secrets and warm-start tests (stdlib http.server in a thread)."""

from __future__ import annotations

import json
import socket
import ssl
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

import pytest
from helpers import Result, invoke


@dataclass
class Seen:
    """One request as the server received it."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Answer:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    hang: bool = False  # read the request, then never answer (until the server stops)
    drop: bool = False  # read the request, then hang up without a word
    close: bool = False  # hang up right after sending this (possibly incomplete) answer

    @classmethod
    def json(cls, status: int, obj: Any, **headers: str) -> Answer:
        return cls(status, json.dumps(obj).encode(), {"Content-Type": "application/json", **headers})


Responder = Callable[[Seen], Answer]


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that gave up (TLS refused, timed out) is what these tests provoke


class LocalServer:
    """An HTTP or HTTPS server on 127.0.0.1 that answers with ``responder`` and records every request."""

    def __init__(self, responder: Responder, tls: ssl.SSLContext | None = None) -> None:
        self.responder = responder
        self.seen: list[Seen] = []
        self.stop = threading.Event()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                seen = Seen(
                    self.command, self.path, {k.lower(): v for k, v in self.headers.items()}, self.rfile.read(length)
                )
                outer.seen.append(seen)
                answer = outer.responder(seen)
                if answer.hang:
                    outer.stop.wait(30)
                if answer.hang or answer.drop:
                    self.close_connection = True
                    return
                self.send_response(answer.status)
                for key, value in answer.headers.items():
                    self.send_header(key, value)
                if "content-length" not in {k.lower() for k in answer.headers}:
                    self.send_header("Content-Length", str(len(answer.body)))
                self.end_headers()
                try:
                    self.wfile.write(answer.body)
                except OSError:
                    pass
                if answer.close:
                    self.close_connection = True

            do_GET = do_POST = do_PUT = do_DELETE = _handle

        self.httpd = _QuietServer(("127.0.0.1", 0), Handler)
        if tls is not None:
            self.httpd.socket = tls.wrap_socket(self.httpd.socket, server_side=True, do_handshake_on_connect=False)
        self.port = int(self.httpd.server_address[1])
        self.scheme = "https" if tls is not None else "http"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def base(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}"

    def endpoint(self, project: str = "0123456789abcdef0123456789abcdef") -> str:
        return f"{self.base}/v3/{project}"

    def __enter__(self) -> LocalServer:
        self.thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(5)


def closed_port() -> int:
    """A local port with nothing listening on it (bound, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def run_main(capsys: pytest.CaptureFixture[str], *argv: str) -> Result:
    """Run ``main()`` in-process without the MockTransport: real sockets, real TLS."""
    return invoke(capsys, *argv)


def assert_one_line_error(result: Result, code: int) -> str:
    """The fault contract: exit code, one ``Error:`` line on stderr, no traceback; returns that line."""
    assert result.code == code, (result.code, result.err)
    lines = [line for line in result.err.splitlines() if not line.startswith("Warning:")]
    assert len(lines) == 1, result.err
    assert lines[0].startswith("Error: "), result.err
    assert "Traceback" not in result.err
    return lines[0]


@dataclass
class Counter:
    """Counts calls to a wrapped function."""

    calls: int = 0

    def wrap(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        def counted(*args: Any, **kwargs: Any) -> Any:
            self.calls += 1
            return fn(*args, **kwargs)

        return counted


def chunks(total: int, size: int = 1024 * 1024) -> Iterator[bytes]:
    """``total`` bytes of JSON-ish filler, in chunks."""
    sent = 0
    while sent < total:
        n = min(size, total - sent)
        sent += n
        yield b" " * n
