"""Real local servers for the tests of both tiers (stdlib http.server in a thread): faults, TLS, proxies, secrets
and warm-start tests in the unit tier, the forwarding proxy in both."""

from __future__ import annotations

import http.client
import json
import socket
import ssl
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit


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


class ForwardingProxy:
    """A plain-HTTP forward proxy on loopback: records each absolute-URI request, forwards it, relays the answer."""

    HOP = {"connection", "keep-alive", "proxy-authorization", "proxy-connection", "transfer-encoding", "te", "host"}

    def __init__(self, answer: Answer | None = None) -> None:
        self.answer = answer  # answer this instead of forwarding (a proxy's own error page)
        self.server = LocalServer(self.forward)

    def forward(self, seen: Seen) -> Answer:
        if self.answer is not None:
            return self.answer
        target = urlsplit(seen.path)
        conn = http.client.HTTPConnection(target.hostname or "", target.port, timeout=60)
        headers = {k: v for k, v in seen.headers.items() if k not in self.HOP}
        path = target.path + (f"?{target.query}" if target.query else "")
        conn.request(seen.method, path, body=seen.body or None, headers=headers)
        response = conn.getresponse()
        body = response.read()
        conn.close()
        hop = {"connection", "content-length", "transfer-encoding", "keep-alive", "date", "server"}
        relayed = {k: v for k, v in response.getheaders() if k.lower() not in hop}
        return Answer(response.status, body, relayed)

    @property
    def seen(self) -> list[Seen]:
        return self.server.seen

    def url(self, credentials: str = "") -> str:
        return f"http://{credentials}127.0.0.1:{self.server.port}"

    def __enter__(self) -> ForwardingProxy:
        self.server.__enter__()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.__exit__(*exc)
