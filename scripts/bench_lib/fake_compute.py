"""A minimal fake compute (Nova) endpoint for scripts/bench, stdlib only.

Why: ``openstack volume attachment create VOL --server ID`` looks the server up in Nova before it
talks to Cinder, and the devcloud has no Nova. This server answers exactly what openstackclient
asks for that look-up, and nothing else:

- ``GET /`` and ``GET /v2.1`` (``/``): the compute version documents (version discovery);
- ``GET /v2.1/servers/{id}``: a minimal ``ACTIVE`` server with that id, for any id.

Everything else gets a 404 and is logged as unexpected. Each request is appended to the access log
given with ``--log`` *before* the response is sent (same idea as the devcloud's access logs), as
``METHOD PATH STATUS SERVER_SECONDS "USER_AGENT"``, so the bench can count this endpoint's requests per
run and subtract their server time (request parsed to answer ready) from the client's.

Usage: ``python3 fake_compute.py --log FILE`` prints ``port N`` on stdout once it listens on
127.0.0.1 (a free port), and serves until SIGTERM/SIGINT.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

HOST = "127.0.0.1"
SERVER_RE = re.compile(r"^/v2\.1/(?:[0-9a-f]{32}/)?servers/(?P<id>[^/?]+)/?$")
MIN_VERSION, MAX_VERSION = "2.1", "2.96"


def version_doc(base: str) -> dict[str, Any]:
    return {
        "id": "v2.1",
        "status": "CURRENT",
        "version": MAX_VERSION,
        "min_version": MIN_VERSION,
        "updated": "2013-07-23T11:33:21Z",
        "links": [{"rel": "self", "href": f"{base}/v2.1/"}],
        "media-types": [{"base": "application/json", "type": "application/vnd.openstack.compute+json;version=2.1"}],
    }


def server_doc(server_id: str, base: str) -> dict[str, Any]:
    return {
        "server": {
            "id": server_id,
            "name": f"bench-{server_id[:8]}",
            "status": "ACTIVE",
            "tenant_id": "bench",
            "user_id": "bench",
            "metadata": {},
            "hostId": "",
            "image": "",
            "flavor": {"original_name": "bench", "vcpus": 1, "ram": 64, "disk": 1, "extra_specs": {}},
            "created": "2026-01-01T00:00:00Z",
            "updated": "2026-01-01T00:00:00Z",
            "addresses": {},
            "accessIPv4": "",
            "accessIPv6": "",
            "links": [{"rel": "self", "href": f"{base}/v2.1/servers/{server_id}"}],
            "OS-EXT-STS:task_state": None,
            "OS-EXT-STS:vm_state": "active",
            "OS-EXT-STS:power_state": 1,
            "os-extended-volumes:volumes_attached": [],
            "locked": False,
            "tags": [],
        }
    }


class Handler(BaseHTTPRequestHandler):
    server_version = "bench-fake-compute/1"
    protocol_version = "HTTP/1.1"
    log_fd: int = -1

    started = 0.0

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - BaseHTTPRequestHandler's name
        pass  # our own access log is written in _answer

    def parse_request(self) -> bool:
        self.started = time.monotonic()  # the request line has been read: the server time starts
        return super().parse_request()

    def _answer(self, status: int, body: dict[str, Any]) -> None:
        ua = (self.headers.get("User-Agent") or "-").replace('"', "'")
        data = json.dumps(body).encode()
        seconds = time.monotonic() - self.started
        os.write(self.log_fd, f'{self.command} {self.path} {status} {seconds:.6f} "{ua}"\n'.encode())
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-OpenStack-Request-Id", "req-bench-fake-compute")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        base = f"http://{HOST}:{self.server.server_address[1]}"
        path = self.path.split("?", 1)[0]
        if path in ("/", ""):
            self._answer(300, {"versions": [version_doc(base)]})
        elif path in ("/v2.1", "/v2.1/"):
            self._answer(200, {"version": version_doc(base)})
        elif match := SERVER_RE.match(path):
            self._answer(200, server_doc(match["id"], base))
        else:
            self._unexpected()

    def _unexpected(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        self._answer(404, {"itemNotFound": {"code": 404, "message": f"bench fake compute: no {self.path}"}})

    do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = _unexpected


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--log", required=True, help="access log to append to")
    parser.add_argument("--port", type=int, default=0, help="port (default: a free one)")
    args = parser.parse_args()
    Handler.log_fd = os.open(args.log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    httpd = ThreadingHTTPServer((HOST, args.port), Handler)
    httpd.daemon_threads = True
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(f"port {httpd.server_address[1]}", flush=True)
    try:
        httpd.serve_forever(poll_interval=0.2)
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        httpd.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
