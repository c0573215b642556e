"""End-to-end fixtures: a real Keystone + Cinder on 127.0.0.1 (``scripts/devcloud``).

Why: the `attach` CLI is tested against the real server's behaviour. The
session fixture ``devcloud`` reuses a running devcloud, or starts one (and
stops it at the end of the session, unless DEVCLOUD_KEEP_UP is set: set it
when several pytest processes share one devcloud, e.g. pytest-xdist). If it
cannot be started the fixture FAILS: an e2e run that silently skips proves
nothing.

Counting requests::

    mark = devcloud.log_mark()
    subprocess.run([attach_bin, ...], env=devcloud.env, check=True)
    reqs = devcloud.requests_since(mark)  # [Request(service, method, path, status)]
    assert [r for r in reqs if r.service == "cinder" and r.method == "POST"] == [...]

Lines come from ``.devcloud/logs/{keystone,cinder}-access.log`` (format in
``scripts/devcloud``'s docstring); each is written before its response is
sent, so counts are exact once the client has its answer. Cinder validating
a token it has not cached yet adds a Keystone ``GET /v3/auth/tokens`` (user
agent ``python-keystoneclient``); filter by service/user agent as needed.
"""

from __future__ import annotations

import json as jsonlib
import os
import re
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import pytest

REPO = Path(__file__).resolve().parents[2]
DEVCLOUD = REPO / "scripts" / "devcloud"
SERVICES = ("keystone", "cinder")

# Same as LINE_RE in scripts/devcloud_lib/accesslog.py (kept here so tests need no import path tricks).
LINE_RE = re.compile(
    r'^\[(?P<time>[^\]]+)\] "(?P<method>\S+) (?P<path>\S+) (?P<protocol>[^"]*)" '
    r'(?P<status>\d{3}) (?P<bytes>\S+) (?P<seconds>\S+) "(?P<microversion>[^"]*)" '
    r'(?P<request_id>\S+) "(?P<user_agent>[^"]*)"$'
)
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback: never via a proxy


class Request(NamedTuple):
    """One access-log line, reduced to what request-counting tests compare."""

    service: str
    method: str
    path: str  # as sent, including "?query"
    status: int


class AccessEntry(NamedTuple):
    """One access-log line with every field."""

    service: str
    method: str
    path: str
    status: int
    microversion: str  # raw OpenStack-API-Version header, "-" if absent
    request_id: str
    user_agent: str
    seconds: float


class ApiResponse(NamedTuple):
    status: int
    headers: dict[str, str]  # lower-case names
    body: Any  # parsed JSON, else text, else None


def run_devcloud(*args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(DEVCLOUD), *args], capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL
    )


def _http(method: str, url: str, body: Any = None, headers: dict[str, str] | None = None) -> ApiResponse:
    data = None if body is None else jsonlib.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method)
    req.add_header("Accept", "application/json")
    req.add_header("User-Agent", "devcloud-e2e")
    if data is not None:
        req.add_header("Content-Type", "application/json")
    for k, v in (headers or {}).items():
        req.add_header(k, v)
    try:
        with _OPENER.open(req, timeout=30) as resp:
            status, hdrs, raw = resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as err:
        status, hdrs, raw = err.code, err.headers, err.read()
    parsed: Any = None
    if raw:
        try:
            parsed = jsonlib.loads(raw)
        except ValueError:
            parsed = raw.decode("utf-8", "replace")
    return ApiResponse(status, {k.lower(): v for k, v in hdrs.items()}, parsed)


class Devcloud:
    """state.json's data (``devcloud["cinder_port"]``) plus helpers for tests."""

    def __init__(self, state: dict[str, Any]) -> None:
        self.state = state
        self.clouds_yaml = Path(state["clouds_yaml"])
        self.keystone_url: str = state["keystone_url"]
        self.cinder_url: str = state["cinder_url"]
        self.projects: dict[str, str] = state["projects"]
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("OS_")}
        self.env["OS_CLIENT_CONFIG_FILE"] = str(self.clouds_yaml)
        self._tokens: dict[str, tuple[str, dict[str, Any]]] = {}

    def __getitem__(self, key: str) -> Any:
        return self.state[key]

    def user(self, cloud: str) -> dict[str, str]:
        user: dict[str, str] = self.state["users"]["admin" if cloud == "devcloud-admin" else "member"]
        return user

    def auth(self, cloud: str = "devcloud-admin", fresh: bool = False) -> tuple[str, dict[str, Any]]:
        """(token, token body with catalog) for a cloud's user; cached per cloud."""
        if fresh or cloud not in self._tokens:
            u = self.user(cloud)
            dom = {"name": u["domain"]}
            body = {
                "auth": {
                    "identity": {
                        "methods": ["password"],
                        "password": {"user": {"name": u["name"], "domain": dom, "password": u["password"]}},
                    },
                    "scope": {"project": {"name": u["project"], "domain": dom}},
                }
            }
            res = _http("POST", f"{self.keystone_url}/auth/tokens", body)
            assert res.status == 201, f"keystone refused {u['name']}: {res.status} {res.body}"
            self._tokens[cloud] = (res.headers["x-subject-token"], res.body["token"])
        return self._tokens[cloud]

    def endpoint(self, cloud: str = "devcloud-admin") -> str:
        """The cloud project's block-storage endpoint, .../v3/<project_id>."""
        return str(self.state["block_storage_endpoints"][self.user(cloud)["project"]])

    def api(
        self,
        method: str,
        path: str,
        json: Any = None,
        cloud: str = "devcloud-admin",
        microversion: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> ApiResponse:
        """Talk to Cinder directly. `path` is relative to the cloud's project
        endpoint ("/volumes/<id>"), or a full URL ("http://127.0.0.1:<port>/v3/")."""
        url = path if path.startswith("http") else self.endpoint(cloud) + path
        hdrs = dict(headers or {})
        if microversion:
            hdrs["OpenStack-API-Version"] = f"volume {microversion}"
        for attempt in (0, 1):
            token, _ = self.auth(cloud, fresh=attempt == 1)
            res = _http(method, url, json, {"X-Auth-Token": token, **hdrs})
            if res.status != 401:
                break
        return res

    def run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        """Run `scripts/devcloud <args>` (output captured as text)."""
        return run_devcloud(*args, timeout=timeout)

    def new_volume(self, multiattach: bool = False, size: int = 1, cloud: str = "devcloud") -> str:
        """Create a volume with `scripts/devcloud volume`; returns its id once available."""
        args = ["volume", "--size", str(size), "--cloud", cloud] + (["--multiattach"] if multiattach else [])
        res = run_devcloud(*args, timeout=120)
        assert res.returncode == 0, f"devcloud volume failed ({res.returncode}):\n{res.stderr}"
        return res.stdout.strip()

    def log_mark(self) -> dict[str, int]:
        """Current sizes of the access logs; pass to requests_since()."""
        mark = {}
        for svc in SERVICES:
            try:
                mark[svc] = os.path.getsize(self.state["logs"][f"{svc}_access"])
            except OSError:
                mark[svc] = 0
        return mark

    def access_entries_since(self, mark: dict[str, int]) -> list[AccessEntry]:
        """Every access-log line appended since `mark`, keystone's first then cinder's."""
        entries = []
        for svc in SERVICES:
            try:
                with open(self.state["logs"][f"{svc}_access"], "rb") as fh:
                    fh.seek(mark.get(svc, 0))
                    lines = fh.read().decode("utf-8", "replace").splitlines()
            except OSError:
                continue
            for line in lines:
                m = LINE_RE.match(line)
                assert m, f"unparseable {svc} access-log line: {line!r}"
                entries.append(
                    AccessEntry(
                        svc,
                        m["method"],
                        m["path"],
                        int(m["status"]),
                        m["microversion"],
                        m["request_id"],
                        m["user_agent"],
                        float(m["seconds"]),
                    )
                )
        return entries

    def requests_since(self, mark: dict[str, int]) -> list[Request]:
        """[(service, method, path, status)] for each request since `mark`."""
        return [Request(e.service, e.method, e.path, e.status) for e in self.access_entries_since(mark)]


@pytest.fixture(scope="session")
def devcloud() -> Iterator[Devcloud]:
    """A running devcloud for the session: reused if up, else started (and stopped after)."""
    started = False
    if run_devcloud("status", timeout=30).returncode != 0:
        res = run_devcloud("up", timeout=900)
        if res.returncode != 0:
            pytest.fail(f"`scripts/devcloud up` failed (exit {res.returncode}):\n{res.stderr[-8000:]}", pytrace=False)
        # Another process (e.g. a pytest-xdist worker) may have won the race to start it.
        started = "already up" not in res.stderr
    state = jsonlib.loads((Path(os.environ.get("DEVCLOUD_DIR") or REPO / ".devcloud") / "state.json").read_text())
    try:
        yield Devcloud(state)
    finally:
        if started and not os.environ.get("DEVCLOUD_KEEP_UP"):
            run_devcloud("down", timeout=120)


@pytest.fixture(scope="session")
def attach_bin() -> Path:
    """The `attach` executable from the project venv (.venv, or the venv running pytest)."""
    for bindir in (REPO / ".venv" / "bin", Path(sys.executable).parent):
        found = shutil.which("attach", path=str(bindir))
        if found:
            return Path(found)
    pytest.fail(
        "no `attach` executable in .venv/bin or beside the running python: "
        "install the project first (python3 -m venv .venv && .venv/bin/pip install -e .)",
        pytrace=False,
    )
