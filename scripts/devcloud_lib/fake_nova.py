"""A small programmable fake compute (Nova) API, stdlib only: the devcloud has no Nova.

Why: `attach prune` asks Nova whether a server still holds a volume, and Cinder's own delete check
(``attachment_deletion_allowed``) asks it too. Tests need servers whose answers they choose. The
bench also uses it, in ``--any-server`` mode, so that openstackclient's server look-up finds any id.

What it answers (every path below ``/v2.1``, with or without a project id after it):

- ``GET /`` and ``GET /v2.1``: the version documents (keystoneauth and novaclient discover them);
- ``GET /servers/{id}``: the server, with ``status`` and ``OS-EXT-STS:task_state``;
- ``GET /servers/{id}/os-volume_attachments`` and ``…/os-volume_attachments/{volume_id}``: the
  server's volume attachments, in compute 2.89's shape (``attachment_id`` and ``bdm_uuid``, no ``id``)
  when the request asks for 2.89 or later, and in the older shape (``id``, no ``attachment_id``) else.
An unknown server is a 404 ``itemNotFound``, as is a volume the server does not hold. A server told to
``fail`` with 403 or 500 answers that for every request about it. No ``X-Auth-Token`` is a 401.

Tests program it through ``/_fake`` (no token): ``PUT /_fake/servers/{id}`` with
``{"status", "task_state", "volumes": [{"volume_id", "attachment_id", "device"?, "listed"?}], "fail"?}``
(a volume with ``"listed": false`` is left out of the list but shown on its own: a volume attached between
a client's look-up and its delete, for testing that race),
``DELETE /_fake/servers/{id}``, ``GET /_fake/servers``, ``POST /_fake/reset`` and
``PUT /_fake/config`` with ``{"any_server": bool}``.

Every request gets one line in the access log (``--log``), in the devcloud's format
(devcloud_lib/accesslog.py), written before the response is sent.

Usage: ``python3 -m devcloud_lib.fake_nova --port N --log FILE [--any-server]`` (port 0: a free one,
printed as ``port N`` on stdout); serves until SIGTERM.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import socket
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

HOST = "127.0.0.1"
MIN_VERSION, MAX_VERSION = "2.1", "2.96"
ATTACHMENT_ID_VERSION = (2, 89)  # attachment_id and bdm_uuid appear, id goes
API_RE = re.compile(
    r"^/v2\.1(?:/[0-9a-f]{32})?/servers/(?P<server>[^/]+)"
    r"(?P<att>/os-volume_attachments(?:/(?P<volume>[^/]+))?)?/?$"
)
CONTROL_RE = re.compile(r"^/_fake/servers(?:/(?P<server>[^/]+))?/?$")
FAULT_NAMES = {400: "badRequest", 401: "unauthorized", 403: "forbidden", 404: "itemNotFound", 500: "computeFault"}


class World:
    """The fake's servers and settings, shared by the request threads."""

    def __init__(self, any_server: bool = False) -> None:
        self.lock = threading.Lock()
        self.servers: dict[str, dict[str, Any]] = {}
        self.any_server = any_server

    def server(self, server_id: str) -> dict[str, Any] | None:
        with self.lock:
            found = self.servers.get(server_id)
            if found is None and self.any_server:
                return {"status": "ACTIVE", "task_state": None, "volumes": [], "fail": None}
            return json.loads(json.dumps(found)) if found is not None else None

    def put(self, server_id: str, spec: dict[str, Any]) -> dict[str, Any]:
        server = {
            "status": str(spec.get("status") or "ACTIVE"),
            "task_state": spec.get("task_state"),
            "volumes": [_volume(v) for v in spec.get("volumes") or []],
            "fail": int(spec["fail"]) if spec.get("fail") else None,
        }
        with self.lock:
            self.servers[server_id] = server
        return server


def _volume(spec: dict[str, Any]) -> dict[str, Any]:
    return {
        "volume_id": str(spec["volume_id"]),
        "attachment_id": str(spec.get("attachment_id") or uuid.uuid4()),
        "device": str(spec.get("device") or "/dev/vdb"),
        "bdm_uuid": str(spec.get("bdm_uuid") or uuid.uuid4()),
        "listed": bool(spec.get("listed", True)),
    }


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


def server_doc(server_id: str, server: dict[str, Any], base: str) -> dict[str, Any]:
    return {
        "server": {
            "id": server_id,
            "name": f"fake-{server_id[:8]}",
            "status": server["status"],
            "tenant_id": "fake",
            "user_id": "fake",
            "metadata": {},
            "hostId": "",
            "image": "",
            "flavor": {"original_name": "fake", "vcpus": 1, "ram": 64, "disk": 1, "extra_specs": {}},
            "created": "2026-01-01T00:00:00Z",
            "updated": "2026-01-01T00:00:00Z",
            "addresses": {},
            "accessIPv4": "",
            "accessIPv6": "",
            "links": [{"rel": "self", "href": f"{base}/v2.1/servers/{server_id}"}],
            "OS-EXT-STS:task_state": server["task_state"],
            "OS-EXT-STS:vm_state": "active" if server["status"] == "ACTIVE" else server["status"].lower(),
            "OS-EXT-STS:power_state": 1,
            "os-extended-volumes:volumes_attached": [
                {"id": v["volume_id"], "delete_on_termination": False} for v in server["volumes"]
            ],
            "locked": False,
            "tags": [],
        }
    }


def attachment_doc(server_id: str, volume: dict[str, Any], version: tuple[int, int]) -> dict[str, Any]:
    """One volume attachment as Nova shows it at ``version``."""
    doc: dict[str, Any] = {"serverId": server_id, "volumeId": volume["volume_id"], "device": volume["device"]}
    if version >= (2, 70):
        doc["tag"] = None
    if version >= (2, 79):
        doc["delete_on_termination"] = False
    if version >= ATTACHMENT_ID_VERSION:
        doc.update(attachment_id=volume["attachment_id"], bdm_uuid=volume["bdm_uuid"])
    else:
        doc["id"] = volume["volume_id"]
    return doc


def requested_version(header: str | None) -> tuple[int, int]:
    """The compute microversion asked for (``OpenStack-API-Version: compute 2.89``); 2.1 when absent."""
    words = (header or "").split()
    if len(words) == 2 and words[0].lower() == "compute" and re.fullmatch(r"\d+\.\d+", words[1]):
        major, minor = words[1].split(".")
        return int(major), int(minor)
    return 2, 1


class Handler(BaseHTTPRequestHandler):
    server_version = "devcloud-fake-nova/1"
    protocol_version = "HTTP/1.1"
    world: World = World()
    log_fd: int = -1
    started = 0.0

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - BaseHTTPRequestHandler's name
        pass  # the access log is written in _answer

    def setup(self) -> None:
        super().setup()
        # Headers and body go out in two writes: without this, Nagle's algorithm and the client's delayed
        # ACK hold every answer on a kept-alive connection for ~40 ms.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def parse_request(self) -> bool:
        self.started = time.monotonic()
        return super().parse_request()

    @property
    def base(self) -> str:
        return f"http://{HOST}:{self.server.server_address[1]}"

    def _answer(self, status: int, body: Any, extra: dict[str, str] | None = None) -> None:
        data = b"" if body is None else json.dumps(body).encode()
        request_id = f"req-{uuid.uuid4()}"
        self._log(status, len(data), request_id)
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-OpenStack-Request-Id", request_id)
        self.send_header("X-Compute-Request-Id", request_id)
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD" and data:
            self.wfile.write(data)

    def _log(self, status: int, size: int, request_id: str) -> None:
        if self.log_fd < 0:
            return
        stamp = time.strftime("%d/%b/%Y:%H:%M:%S +0000", time.gmtime())
        mv = (self.headers.get("OpenStack-API-Version") or "-").replace('"', "'")
        ua = (self.headers.get("User-Agent") or "-").replace('"', "'")
        seconds = time.monotonic() - self.started
        line = f'[{stamp}] "{self.command} {self.path} {self.request_version}" {status} {size} {seconds:.6f} '
        os.write(self.log_fd, f'{line}"{mv}" {request_id} "{ua}"\n'.encode())

    def _fault(self, status: int, message: str) -> None:
        self._answer(status, {FAULT_NAMES.get(status, "computeFault"): {"code": status, "message": message}})

    def _body(self) -> Any:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        return json.loads(raw) if raw.strip() else None

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        path = self.path.split("?", 1)[0]
        if path in ("/", ""):
            self._answer(300, {"versions": [version_doc(self.base)]})
        elif path in ("/v2.1", "/v2.1/"):
            self._answer(200, {"version": version_doc(self.base)})
        elif path.startswith("/_fake/"):
            self._control("GET", path)
        elif match := API_RE.match(path):
            self._api(match["server"], match["att"] is not None, match["volume"])
        else:
            self._fault(404, f"fake nova: no {path}")

    def _api(self, server_id: str, attachments: bool, volume_id: str | None) -> None:
        if not self.headers.get("X-Auth-Token"):
            self._answer(401, {"error": {"code": 401, "title": "Unauthorized", "message": "No token."}})
            return
        version = requested_version(self.headers.get("OpenStack-API-Version"))
        echo = {"OpenStack-API-Version": f"compute {version[0]}.{version[1]}", "Vary": "OpenStack-API-Version"}
        server = self.world.server(server_id)
        if server is None:
            self._fault(404, f"Instance {server_id} could not be found.")
        elif server["fail"]:
            self._fault(server["fail"], f"fake nova told to answer {server['fail']} for {server_id}")
        elif not attachments:
            self._answer(200, server_doc(server_id, server, self.base), echo)
        elif volume_id is None:
            docs = [attachment_doc(server_id, v, version) for v in server["volumes"] if v["listed"]]
            self._answer(200, {"volumeAttachments": docs}, echo)
        else:
            held = [v for v in server["volumes"] if v["volume_id"] == volume_id]
            if not held:
                self._fault(404, f"Instance {server_id} is not attached to volume {volume_id}")
            else:
                self._answer(200, {"volumeAttachment": attachment_doc(server_id, held[0], version)}, echo)

    def _control(self, method: str, path: str) -> None:
        try:
            body = self._body() if method in ("PUT", "POST") else None
        except ValueError:
            self._fault(400, "the body is not JSON")
            return
        match = CONTROL_RE.match(path)
        world = self.world
        if method == "POST" and path.rstrip("/") == "/_fake/reset":
            with world.lock:
                world.servers.clear()
            self._answer(204, None)
        elif method == "PUT" and path.rstrip("/") == "/_fake/config":
            world.any_server = bool((body or {}).get("any_server"))
            self._answer(200, {"any_server": world.any_server})
        elif match and method == "GET" and match["server"] is None:
            with world.lock:
                self._answer(200, {"servers": dict(world.servers), "any_server": world.any_server})
        elif match and method == "PUT" and match["server"]:
            self._answer(200, {"server": world.put(match["server"], body or {})})
        elif match and method == "DELETE" and match["server"]:
            with world.lock:
                gone = world.servers.pop(match["server"], None)
            self._answer(204 if gone is not None else 404, None)
        else:
            self._fault(404, f"fake nova: no {method} {path}")

    def do_PUT(self) -> None:  # noqa: N802
        self._other("PUT")

    def do_POST(self) -> None:  # noqa: N802
        self._other("POST")

    def do_DELETE(self) -> None:  # noqa: N802
        self._other("DELETE")

    def _other(self, method: str) -> None:
        path = self.path.split("?", 1)[0]
        if path.startswith("/_fake/"):
            self._control(method, path)
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        self._fault(404, f"fake nova: no {method} {path}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--log", required=True, help="access log to append to")
    parser.add_argument("--port", type=int, default=0, help="port (default: a free one, printed on stdout)")
    parser.add_argument("--any-server", action="store_true", help="any unknown server id is an ACTIVE server")
    args = parser.parse_args(argv)
    Handler.log_fd = os.open(args.log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    Handler.world = World(any_server=args.any_server)
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
