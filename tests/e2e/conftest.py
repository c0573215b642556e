"""End-to-end fixtures: a real Keystone + Cinder on 127.0.0.1 (``scripts/devcloud``).

Why: the `attach` CLI is tested against the real server's behaviour. The
session fixture ``devcloud`` reuses a running devcloud, or starts one (and
stops it at the end of the session, unless DEVCLOUD_KEEP_UP is set: set it
when several pytest processes share one devcloud, e.g. pytest-xdist). If it
cannot be started the fixture FAILS: an e2e run that silently skips proves
nothing.

Leaving nothing behind: every volume made with ``devcloud.new_volume()`` during a
test is deleted when the test ends, with every attachment it then has (connected
ones with a service token, as Nova would delete them). Register anything else a
test makes with the ``cleanup`` fixture::

    def test_x(devcloud, cleanup):
        vol = devcloud.new_volume()                # deleted at the end, with its attachments
        cleanup.attachment(att_id)                 # an attachment on some other volume
        cleanup.keystone(f"/users/{uid}/application_credentials/{cid}")
        devcloud.seed_attachments(vol, 1100)       # copied rows go again before the volume

At the end of the session, the volumes and attachments of every project are
compared with those at its start: anything new that is still there is an error.

Counting requests::

    mark = devcloud.log_mark()
    subprocess.run([attach_bin, ...], env=devcloud.env, check=True)
    reqs = devcloud.requests_since(mark)  # [Request(service, method, path, status)]
    assert [r for r in reqs if r.service == "cinder" and r.method == "POST"] == [...]

Lines come from ``.devcloud/logs/{keystone,cinder}-access.log`` (format in
``scripts/devcloud_lib/accesslog.py``); each is written before its response is
sent, so counts are exact once the client has its answer. Cinder validating
a token it has not cached yet adds a Keystone ``GET /v3/auth/tokens`` (user
agent ``python-keystoneclient``); filter by service/user agent as needed.
"""

from __future__ import annotations

import json as jsonlib
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import pytest

REPO = Path(__file__).resolve().parents[2]
if str(REPO / "scripts") not in sys.path:
    sys.path.insert(0, str(REPO / "scripts"))  # devcloud_lib: the same client and log parser as the devcloud

from attach_runner import Attach, Made, NovaControl  # noqa: E402  (it imports devcloud_lib: needs the sys.path above)
from devcloud_lib import loops  # noqa: E402
from devcloud_lib import seed as seeding  # noqa: E402
from devcloud_lib.accesslog import parse_line  # noqa: E402
from devcloud_lib.client import REFERENCE_CONNECTOR, connector_options, http_json, keystone_login  # noqa: E402
from devcloud_lib.settings import CINDER_REQS, CLOUD_USERS, RELEASE, STATE  # noqa: E402

__all__ = ["REFERENCE_CONNECTOR", "connector_options"]
DEVCLOUD = REPO / "scripts" / "devcloud"
SERVICES = ("keystone", "cinder")
USER_AGENT = {"User-Agent": "devcloud-e2e"}
GONE_TIMEOUT = 60.0


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
    seconds: float  # server time


class ApiResponse(NamedTuple):
    status: int
    headers: dict[str, str]  # lower-case names
    body: Any  # parsed JSON, else text, else None


def run_devcloud(*args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(DEVCLOUD), *args], capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL
    )


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
        self.cleanup: Cleanup | None = None  # the running test's, set by the `cleanup` fixture
        self.deleted_volumes: list[str] = []  # by the tests' clean-ups: gone by the end of the session

    def __getitem__(self, key: str) -> Any:
        return self.state[key]

    def reload(self) -> None:
        """Read state.json again (``devcloud nova on`` adds the fake Nova's URLs and log)."""
        self.state.update(jsonlib.loads((Path(self.state["devcloud_dir"]) / "state.json").read_text()))

    def user(self, cloud: str) -> dict[str, str]:
        user: dict[str, str] = self.state["users"][CLOUD_USERS.get(cloud, "member")]
        return user

    def auth(self, cloud: str = "devcloud-admin", fresh: bool = False) -> tuple[str, dict[str, Any]]:
        """(token, token body with catalog) for a cloud's user; cached per cloud."""
        if fresh or cloud not in self._tokens:
            self._tokens[cloud] = keystone_login(self.keystone_url, self.user(cloud), USER_AGENT)
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
        hdrs = {**USER_AGENT, **(headers or {})}
        if microversion:
            hdrs["OpenStack-API-Version"] = f"volume {microversion}"
        for attempt in (0, 1):
            token, _ = self.auth(cloud, fresh=attempt == 1)
            res = ApiResponse(*http_json(method, url, json, {"X-Auth-Token": token, **hdrs}))
            if res.status != 401:
                break
        return res

    def keystone_api(self, method: str, path: str, json: Any = None, cloud: str = "devcloud") -> ApiResponse:
        """Talk to Keystone as a cloud's user; `path` is relative to .../v3."""
        token, _ = self.auth(cloud)
        headers = {**USER_AGENT, "X-Auth-Token": token}
        return ApiResponse(*http_json(method, f"{self.keystone_url}{path}", json, headers))

    def run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        """Run `scripts/devcloud <args>` (output captured as text)."""
        return run_devcloud(*args, timeout=timeout)

    def new_volume(
        self,
        multiattach: bool = False,
        size: int = 1,
        cloud: str = "devcloud",
        local: bool = False,
        properties: dict[str, str] | None = None,
    ) -> str:
        """Create a volume with `scripts/devcloud volume`; returns its id once available. It is
        deleted, with its attachments, when the test ends. ``local=True`` puts it on the loop backend;
        ``properties`` become its metadata (the loop backend's test hooks)."""
        args = ["volume", "--size", str(size), "--cloud", cloud] + (["--multiattach"] if multiattach else [])
        args += ["--type", "local"] if local else []
        for key, value in (properties or {}).items():
            args += ["--property", f"{key}={value}"]
        res = run_devcloud(*args, timeout=120)
        assert res.returncode == 0, f"devcloud volume failed ({res.returncode}):\n{res.stderr}"
        volume = res.stdout.strip()
        if self.cleanup is not None:
            self.cleanup.volume(volume, cloud)
        return volume

    def backing_file(self, volume: str) -> Path:
        """The loop backend's sparse file of a volume."""
        return Path(self.state["loop_dir"]) / f"volume-{volume}"

    def loop_devices(self, volume: str) -> list[str]:
        """The loop devices on this host over a loop-backend volume's file (none once freed)."""
        return loops.devices_of(self.backing_file(volume))

    def seed_attachments(self, volume: str, count: int, cloud: str = "devcloud") -> int:
        """Make the volume hold `count` attachments (scripts/devcloud seed-attachments); they are
        removed again when the test ends. Returns how many it holds."""
        if self.cleanup is not None:
            self.cleanup.seeded(volume, cloud)
        return seeding.seed(self.state, volume, count, cloud)

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
                e = parse_line(line)
                assert e, f"unparseable {svc} access-log line: {line!r}"
                entries.append(
                    AccessEntry(svc, e.method, e.path, e.status, e.microversion, e.request_id, e.user_agent, e.seconds)
                )
        return entries

    def requests_since(self, mark: dict[str, int]) -> list[Request]:
        """[(service, method, path, status)] for each request since `mark`."""
        return [Request(e.service, e.method, e.path, e.status) for e in self.access_entries_since(mark)]

    def inventory(self) -> tuple[set[str], set[str]]:
        """Ids of every project's volumes and attachments (the first 1000 of each)."""
        volumes = self.api("GET", "/volumes?all_tenants=1&limit=1000")
        attachments = self.api("GET", "/attachments?all_tenants=1&limit=1000", microversion="3.27")
        assert volumes.status == 200 and attachments.status == 200, (volumes, attachments)
        return {v["id"] for v in volumes.body["volumes"]}, {a["id"] for a in attachments.body["attachments"]}


class Cleanup:
    """What one test made on the devcloud, deleted when it ends: attachments, then volumes (each with
    the attachments it has by then; seeded ones removed first), then Keystone resources."""

    def __init__(self, devcloud: Devcloud) -> None:
        self.devcloud = devcloud
        self.attachments: list[tuple[str, str]] = []
        self.volumes: list[tuple[str, str]] = []
        self.seeded_volumes: list[tuple[str, str]] = []
        self.keystone_paths: list[tuple[str, str]] = []
        self.deleted_volumes: list[str] = []

    def attachment(self, ident: str, cloud: str = "devcloud") -> str:
        self.attachments.append((ident, cloud))
        return ident

    def volume(self, ident: str, cloud: str = "devcloud") -> str:
        self.volumes.append((ident, cloud))
        return ident

    def seeded(self, volume: str, cloud: str = "devcloud") -> str:
        self.seeded_volumes.append((volume, cloud))
        return volume

    def keystone(self, path: str, cloud: str = "devcloud") -> str:
        """A Keystone resource (path below /v3) to DELETE as the cloud's user."""
        self.keystone_paths.append((path, cloud))
        return path

    def _delete_attachment(self, ident: str, cloud: str) -> str | None:
        service_token, _ = self.devcloud.auth("devcloud-service")
        res = self.devcloud.api("DELETE", f"/attachments/{ident}", cloud=cloud, microversion="3.27",
                                headers={"X-Service-Token": service_token})  # fmt: skip
        return None if res.status in (200, 404) else f"attachment {ident}: DELETE gave {res.status} {res.body}"

    def _attachments_of(self, volume: str, cloud: str) -> list[str]:
        res = self.devcloud.api("GET", f"/attachments?volume_id={volume}", cloud=cloud, microversion="3.27")
        return [a["id"] for a in res.body["attachments"]] if res.status == 200 else []

    def _delete_volume(self, volume: str, cloud: str) -> str | None:
        problems = [p for a in self._attachments_of(volume, cloud) if (p := self._delete_attachment(a, cloud))]
        deadline = time.monotonic() + 10
        while True:
            res = self.devcloud.api("DELETE", f"/volumes/{volume}", cloud=cloud)
            if res.status in (202, 404):
                break
            if time.monotonic() > deadline:  # e.g. still attaching: an admin can force it
                forced = self.devcloud.api("POST", f"/volumes/{volume}/action", {"os-force_delete": {}})
                problems.append(f"volume {volume}: DELETE gave {res.status} {res.body}; force-delete {forced.status}")
                break
            time.sleep(0.3)
        self.deleted_volumes.append(volume)
        return "; ".join(problems) or None

    def run(self) -> list[str]:
        """Delete everything registered; return what could not be deleted."""
        problems = []
        for volume, cloud in self.seeded_volumes:
            seeding.unseed(self.devcloud.state, volume, cloud)
        for ident, cloud in self.attachments:
            problems.append(self._delete_attachment(ident, cloud))
        for volume, cloud in self.volumes:
            problems.append(self._delete_volume(volume, cloud))
        for path, cloud in self.keystone_paths:
            res = self.devcloud.keystone_api("DELETE", path, cloud=cloud)
            problems.append(None if res.status in (204, 404) else f"keystone {path}: DELETE gave {res.status}")
        return [p for p in problems if p]


def wait_until_gone(devcloud: Devcloud, volumes: list[str]) -> None:
    """Volume deletes are asynchronous: wait until the deleted volumes are gone (or time out)."""
    deadline = time.monotonic() + GONE_TIMEOUT
    while volumes and time.monotonic() < deadline:
        current, _ = devcloud.inventory()
        volumes = [v for v in volumes if v in current]
        if volumes:
            time.sleep(0.5)


@pytest.fixture(scope="session")
def devcloud() -> Iterator[Devcloud]:
    """A running devcloud for the session: reused if up, else started (and stopped after). At the
    end, anything the session made and left is an error."""
    started = False
    if run_devcloud("status", timeout=30).returncode != 0:
        res = run_devcloud("up", timeout=900)
        if res.returncode != 0:
            pytest.fail(f"`scripts/devcloud up` failed (exit {res.returncode}):\n{res.stderr[-8000:]}", pytrace=False)
        # Another process (e.g. a pytest-xdist worker) may have won the race to start it.
        started = "already up" not in res.stderr
    state = jsonlib.loads(STATE.read_text())
    # DEVCLOUD_CINDER_RELEASE picks the release (scripts/test runs the older ones' subset): a devcloud
    # of another release in the same directory would make the run prove nothing about this one.
    running = state.get("cinder_requirement", "cinder==29.0.0")
    assert running == CINDER_REQS[0], f"the devcloud in {STATE.parent} runs {running}, not {RELEASE}'s {CINDER_REQS[0]}"
    cloud = Devcloud(state)
    before = cloud.inventory()
    try:
        yield cloud
        wait_until_gone(cloud, cloud.deleted_volumes)
        if not os.environ.get("PYTEST_XDIST_WORKER"):  # alone on the devcloud: anything new is ours
            volumes, attachments = cloud.inventory()
            left = sorted(volumes - before[0]) + sorted(attachments - before[1])
            assert not left, f"the e2e tests left these volumes/attachments on the devcloud: {left}"
            loop_dir = Path(state["loop_dir"])
            busy = [d for f in sorted(loop_dir.glob("volume-*")) for d in loops.devices_of(f)]
            assert not busy, f"the e2e tests left these loop devices attached on this host: {busy}"
    finally:
        if started and not os.environ.get("DEVCLOUD_KEEP_UP"):
            run_devcloud("down", timeout=120)


@pytest.fixture(autouse=True)
def cleanup(request: pytest.FixtureRequest) -> Iterator[Cleanup | None]:
    """Register what a test makes; it is deleted when the test ends (see the module's docstring).
    Autouse for tests that use the devcloud; None for the others."""
    if "devcloud" not in request.fixturenames:
        yield None
        return
    cloud: Devcloud = request.getfixturevalue("devcloud")
    mine = cloud.cleanup = Cleanup(cloud)
    try:
        yield mine
    finally:
        cloud.cleanup = None
        problems = mine.run()
        cloud.deleted_volumes.extend(mine.deleted_volumes)
    assert not problems, f"cleanup left things behind: {problems}"


@pytest.fixture
def attach(devcloud: Devcloud, attach_bin: Path, tmp_path: Path) -> Attach:
    """The installed `attach`, run as a user would, with a home (token cache, config) of its own and no proxy
    variables (a proxy test sets its own)."""
    runner = Attach(devcloud, attach_bin, tmp_path / "home")
    runner.env = {k: v for k, v in runner.env.items() if not k.lower().endswith("_proxy")}
    runner.env["CINDER_ATTACH_STATE_DIR"] = str(tmp_path / "state")  # local-attach's record, not /var/lib's
    return runner


@pytest.fixture
def logged_in(attach: Attach) -> Attach:
    """``attach`` after one run that logged in and cached the token, so that the requests a test then counts
    are its own command's."""
    done = attach("list", "--limit", "1")
    assert done.code == 0, done.err
    return attach


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


@pytest.fixture
def nova(devcloud: Devcloud) -> Iterator[NovaControl]:
    """The fake Nova on and registered as `compute` for one test, with no servers; off again afterwards,
    so that every other test sees a devcloud without a compute endpoint (Cinder reads the catalog from
    a fresh token each time, so nothing remembers it). Runs before ``cleanup`` ends: Cinder's deletes
    there carry a service token and do not ask Nova."""
    res = run_devcloud("nova", "on", timeout=60)
    assert res.returncode == 0, res.stderr
    devcloud.reload()
    control = NovaControl(devcloud)
    control.reset()
    try:
        yield control
    finally:
        off = run_devcloud("nova", "off", timeout=60)
        assert off.returncode == 0, off.stderr


@pytest.fixture
def made(devcloud: Any) -> Iterator[Made]:
    made = Made(devcloud)
    try:
        yield made
    finally:
        made.clean()


SMALL_PAGE_CAP = 25


@pytest.fixture(scope="module")
def small_page_cap(devcloud: Devcloud) -> Iterator[int]:
    """Cinder restarted with ``osapi_max_limit = SMALL_PAGE_CAP`` (every list page holds at most that
    many rows, whatever ``limit`` asks) for the module's tests; restarted with the devcloud's own
    settings afterwards, even when a test fails."""
    res = devcloud.run("restart-cinder", "--set", f"osapi_max_limit={SMALL_PAGE_CAP}", timeout=180)
    assert res.returncode == 0, f"restart-cinder failed ({res.returncode}):\n{res.stderr[-4000:]}"
    try:
        yield SMALL_PAGE_CAP
    finally:
        res = devcloud.run("restart-cinder", timeout=180)
        assert res.returncode == 0, f"restoring cinder failed ({res.returncode}):\n{res.stderr[-4000:]}"
