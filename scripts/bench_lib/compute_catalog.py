"""The devcloud's fake Nova (scripts/devcloud_lib/fake_nova.py) as the bench's own child process,
registered in the devcloud's Keystone catalog as service type `compute` under the bench's name:
openstackclient looks the server up in Nova (``--any-server``: every id is an ACTIVE server), and
the prune scenario programs servers through its control API."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path
from typing import Any

from bench_lib.settings import COMPUTE_NAME, BenchError, say
from devcloud_lib import nova
from devcloud_lib.client import ClientError, expect, http_json
from devcloud_lib.console import DevcloudError
from devcloud_lib.procs import free_port


class FakeCompute:
    """Start, register, program, deregister and stop the bench's fake compute endpoint."""

    def __init__(self, workdir: Path, state: dict[str, Any]) -> None:
        self.log = workdir / "compute-access.log"
        self.log.touch()
        self.state = state
        self.proc: subprocess.Popen[bytes] | None = None
        self.port = 0
        self.registered = False

    def start(self) -> None:
        self.port = free_port(None, set())
        self.proc = nova.spawn_fake(self.port, self.log, self.log.with_name("compute.log"), any_server=True)
        deadline = time.monotonic() + 10
        while not self._answers():
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise BenchError("the fake compute endpoint did not start")
            time.sleep(0.05)
        self.register()

    def _answers(self) -> bool:
        try:
            return http_json("GET", f"http://127.0.0.1:{self.port}/", timeout=2)[0] == 300
        except OSError:
            return False

    @property
    def url(self) -> str:
        return nova.compute_url(self.port)

    def register(self) -> None:
        """Service type `compute` named bench-fake-compute with public/internal/admin endpoints (idempotent)."""
        try:
            nova.register(self.state["keystone_url"], self.url, COMPUTE_NAME)
        except (DevcloudError, ClientError) as exc:
            raise BenchError(f"{exc}: not a devcloud, or its fake Nova is on (scripts/devcloud nova off)") from None
        self.registered = True
        say(f"fake compute endpoint {self.url} registered in the catalog (service {COMPUTE_NAME})")

    def control(self, method: str, path: str, body: Any = None) -> Any:
        """Program the fake: ``control("PUT", "/servers/ID", {...})`` (see fake_nova.py)."""
        url = f"{nova.control_url(self.port)}{path}"
        return expect(http_json(method, url, body), (200, 204), f"fake compute {method} {path}")

    def deregister(self) -> None:
        if self.registered:
            nova.deregister(self.state["keystone_url"], COMPUTE_NAME)
            self.registered = False
            say("fake compute endpoint removed from the catalog")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None
