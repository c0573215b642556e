"""scripts/bench_lib/fake_compute.py as a child process, registered in the devcloud's Keystone catalog
(openstackclient looks the server up in Nova, and the devcloud has none)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from bench_lib.settings import BENCH_UA, COMPUTE_NAME, LIB, BenchError, say
from devcloud_lib.client import expect, http_json, keystone_login


class FakeCompute:
    """Start, register, deregister and stop the fake compute endpoint."""

    def __init__(self, workdir: Path, state: dict[str, Any]) -> None:
        self.log = workdir / "compute-access.log"
        self.log.touch()
        self.state = state
        self.proc: subprocess.Popen[bytes] | None = None
        self.port = 0
        self.service_id: str | None = None
        self.admin_token: str | None = None

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(LIB / "fake_compute.py"), "--log", str(self.log)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline().decode().split()
        if len(line) != 2 or line[0] != "port":
            raise BenchError("the fake compute endpoint did not start")
        self.port = int(line[1])
        self.register()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v2.1"

    def _admin(self, method: str, path: str, body: Any = None, ok: tuple[int, ...] = (200,)) -> Any:
        ua = {"User-Agent": BENCH_UA}
        if self.admin_token is None:
            self.admin_token, _ = keystone_login(self.state["keystone_url"], self.state["users"]["admin"], ua)
        res = http_json(method, f"{self.state['keystone_url']}{path}", body, {**ua, "X-Auth-Token": self.admin_token})
        return expect(res, ok, f"keystone {method} {path}")

    def _service(self) -> str:
        services = self._admin("GET", "/services?type=compute")["services"]
        others = [s for s in services if s.get("name") != COMPUTE_NAME]
        if others:
            raise BenchError(f"the catalog already has a compute service ({others[0].get('name')}): not a devcloud?")
        if services:
            return str(services[0]["id"])
        body = {"service": {"type": "compute", "name": COMPUTE_NAME, "enabled": True, "description": "scripts/bench"}}
        return str(self._admin("POST", "/services", body, ok=(201,))["service"]["id"])

    def register(self) -> None:
        """Service type `compute` named bench-fake-compute with public/internal/admin endpoints (idempotent)."""
        self.service_id = self._service()
        existing = self._admin("GET", f"/endpoints?service_id={self.service_id}")["endpoints"]
        region = self.state.get("region", "RegionOne")
        for iface in ("public", "internal", "admin"):
            mine = [e for e in existing if e["interface"] == iface]
            if not mine:
                ep = {"service_id": self.service_id, "interface": iface, "url": self.url, "region_id": region}
                self._admin("POST", "/endpoints", {"endpoint": ep}, ok=(201,))
            elif mine[0]["url"] != self.url:
                self._admin("PATCH", f"/endpoints/{mine[0]['id']}", {"endpoint": {"url": self.url}})
        say(f"fake compute endpoint {self.url} registered in the catalog (service {COMPUTE_NAME})")

    def deregister(self) -> None:
        if self.service_id is None:
            return
        for ep in self._admin("GET", f"/endpoints?service_id={self.service_id}")["endpoints"]:
            self._admin("DELETE", f"/endpoints/{ep['id']}", ok=(204,))
        self._admin("DELETE", f"/services/{self.service_id}", ok=(204,))
        self.service_id = None
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
