"""E2E around the call, with the installed `attach` against the devcloud, checking the servers' state after:
a failed connect leaves nothing behind, Keystone and Cinder go through the same proxy (and NO_PROXY skips
it), and concurrent cold runs log in once."""

from __future__ import annotations

import http.client
import subprocess
import threading
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from attach_runner import CONNECTOR, Attach, server_attachments_of, server_volume

NO_INITIATOR = ["--connector", "host=h1"]  # the devcloud's backend needs `initiator`: Cinder answers 500


@pytest.fixture
def attach(devcloud: Any, attach_bin: Path, tmp_path: Path) -> Attach:
    runner = Attach(devcloud, attach_bin, tmp_path / "home")
    runner.env = {k: v for k, v in runner.env.items() if not k.lower().endswith("_proxy")}
    return runner


def reserved_of(devcloud: Any, volume: str) -> list[str]:
    return [a["id"] for a in server_attachments_of(devcloud, volume) if a["status"] == "reserved"]


def delete_connected(attach: Attach, attachment_id: str) -> None:
    done = attach("delete", attachment_id, "--os-service-cloud", "devcloud-service")
    assert done.code == 0, done.err


# --- a failed connect leaves nothing behind -----------------------------------------------------------


@pytest.mark.parametrize("command", ["create354", "create327"])
def test_a_failed_connect_leaves_the_volume_available(devcloud: Any, attach: Attach, command: str) -> None:
    vol, server = devcloud.new_volume(), str(uuid.uuid4())
    mark = devcloud.log_mark()
    failed = attach(command, "--volume-uuid", vol, "--instance-uuid", server, *NO_INITIATOR)
    assert failed.code == 1
    (line,) = failed.err.splitlines()
    assert line.startswith("Error: Unable to create attachment for volume") and "HTTP 500" in line
    assert "it left was deleted." in line and "--connector initiator=" in line
    base = urlsplit(devcloud.endpoint("devcloud")).path
    ours = [(m, p.removeprefix(base)) for svc, m, p, _ in attach.our_requests(mark) if svc == "cinder"]
    assert [m for m, _ in ours] == ["POST", "GET", "DELETE"] and ours[2][1].startswith("/attachments/"), ours
    # What the server holds now: no attachment, the volume available, so the retry with the fix works.
    assert server_attachments_of(devcloud, vol) == []
    assert server_volume(devcloud, vol)["status"] == "available"
    retry = attach(command, "--volume-uuid", vol, "--instance-uuid", server, *CONNECTOR, "-f", "value", "-c", "id")
    assert retry.code == 0, retry.err
    delete_connected(attach, retry.out.strip())
    assert server_volume(devcloud, vol)["status"] == "available"


def test_keep_on_failure_keeps_it_and_the_advice_finds_and_deletes_it(devcloud: Any, attach: Attach) -> None:
    vol, server = devcloud.new_volume(), str(uuid.uuid4())
    kept = attach("create354", "--volume-uuid", vol, "--instance-uuid", server, *NO_INITIATOR, "--keep-on-failure")
    assert kept.code == 1
    (left,) = reserved_of(devcloud, vol)
    assert f"the reservation {left} it left was kept" in kept.err
    assert kept.err.rstrip().endswith(f"Delete it with: attach delete {left}")
    assert server_volume(devcloud, vol)["status"] == "reserved"
    # Another server is now refused; the advice says how to find the leftover...
    refused = attach("create354", "--volume-uuid", vol, "--instance-uuid", str(uuid.uuid4()))
    assert refused.code == 1 and "HTTP 400" in refused.err
    assert f"attach list --volume-id {vol} --status reserved" in refused.err
    found = attach("list", "--volume-id", vol, "--status", "reserved", "-f", "value", "-c", "id")
    assert found.out.split() == [left]
    # ...and deleting it (a reserved attachment needs no service token) frees the volume.
    assert attach("delete", left).code == 0
    assert server_attachments_of(devcloud, vol) == []
    assert server_volume(devcloud, vol)["status"] == "available"


# --- proxies: the same for Keystone and Cinder --------------------------------------------------------


class ForwardingProxy:
    """A plain-HTTP forward proxy on 127.0.0.1 that records what it forwards (method, absolute URL)."""

    HOP = {"connection", "keep-alive", "proxy-authorization", "proxy-connection", "transfer-encoding", "te"}

    def __init__(self) -> None:
        self.seen: list[tuple[str, str]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _forward(self) -> None:
                outer.seen.append((self.command, self.path))
                target = urlsplit(self.path)
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                headers = {k: v for k, v in self.headers.items() if k.lower() not in outer.HOP}
                upstream = http.client.HTTPConnection(target.hostname or "", target.port, timeout=60)
                path = target.path + (f"?{target.query}" if target.query else "")
                upstream.request(self.command, path, body=body or None, headers=headers)
                answer = upstream.getresponse()
                content = answer.read()
                upstream.close()
                self.send_response(answer.status)
                for key, value in answer.getheaders():
                    if key.lower() not in outer.HOP | {"content-length", "date", "server"}:
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(content)))
                self.end_headers()
                self.wfile.write(content)

            do_GET = do_POST = do_PUT = do_DELETE = _forward

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)


@pytest.fixture
def proxy() -> Iterator[ForwardingProxy]:
    server = ForwardingProxy()
    server.thread.start()
    try:
        yield server
    finally:
        server.httpd.shutdown()
        server.httpd.server_close()


def test_keystone_and_cinder_go_through_the_proxy_and_no_proxy_skips_it(
    devcloud: Any, attach: Attach, proxy: ForwardingProxy
) -> None:
    vol = devcloud.new_volume()
    through = {"HTTP_PROXY": proxy.url}
    cold = attach("create354", "--volume-uuid", vol, "-f", "value", "-c", "id", env=through)
    assert cold.code == 0, cold.err
    first = cold.out.strip()
    keystone, cinder = devcloud.keystone_url, devcloud.endpoint("devcloud")
    assert proxy.seen == [("POST", f"{keystone}/auth/tokens"), ("POST", f"{cinder}/attachments")]

    # NO_PROXY names the devcloud's address: nothing goes to the proxy, and Cinder still gets the request.
    mark = devcloud.log_mark()
    skipped = attach("delete", first, env={**through, "NO_PROXY": "127.0.0.1"})
    assert skipped.code == 0, skipped.err
    assert len(proxy.seen) == 2
    assert [(m, s) for _, m, _, s in attach.our_requests(mark)] == [("DELETE", 200)]

    # --debug says which proxy.
    debug = attach("list", "--volume-id", vol, "--debug", env=through)
    assert debug.code == 0 and f"is reached through the proxy {proxy.url}." in debug.err
    assert server_attachments_of(devcloud, vol) == []


# --- concurrent cold runs log in once ------------------------------------------------------------------


def test_eight_concurrent_cold_runs_log_in_once(devcloud: Any, attach: Attach) -> None:
    vol = devcloud.new_volume()
    mark = devcloud.log_mark()
    argv = [str(attach.binary), "list", "--volume-id", vol, "--os-cloud", "devcloud", "-f", "value", "-c", "id"]
    runs = [
        subprocess.Popen(argv, env=attach.env, cwd=attach.cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(8)
    ]
    results = [(run.wait(120), run.stderr.read() if run.stderr else b"") for run in runs]
    for run in runs:
        for stream in (run.stdout, run.stderr):
            if stream is not None:
                stream.close()
    assert [code for code, _ in results] == [0] * 8, results
    ours = attach.our_requests(mark)
    logins = [r for r in ours if r[0] == "keystone" and r[1] == "POST" and r[2] == "/v3/auth/tokens"]
    assert len(logins) == 1, ours
    assert [r[1] for r in ours if r[0] == "cinder"] == ["GET"] * 8
    assert len(list((attach.cwd / "cache" / "cinder-attach").glob("*.lock"))) == 1
