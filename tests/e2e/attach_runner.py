"""Run the installed `attach` executable as a user would, in a clean environment, and read its traffic."""

from __future__ import annotations

import json
import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from devcloud_lib.accesslog import parse_line  # conftest put scripts/ on sys.path
from devcloud_lib.client import REFERENCE_CONNECTOR, http_json

OUR_AGENTS = ("cinder-attach",)  # httpx: "cinder-attach/<version>"; keystoneauth: "cinder-attach keystoneauth1/…"


@dataclass
class Ran:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


class Attach:
    """`attach` with a private token cache and the devcloud's clouds.yaml."""

    def __init__(self, devcloud: Any, binary: Path, home: Path) -> None:
        self.devcloud = devcloud
        self.binary = binary
        self.env = dict(devcloud.env)
        self.env["HOME"] = str(home)
        self.env["XDG_CACHE_HOME"] = str(home / "cache")
        self.env["XDG_CONFIG_HOME"] = str(home / "config")
        self.cwd = home
        home.mkdir(parents=True, exist_ok=True)

    def __call__(self, *args: str, cloud: str | None = "devcloud", env: dict[str, str] | None = None,
                 stdin: str | None = None) -> Ran:  # fmt: skip
        argv = [str(self.binary), *args]
        if cloud is not None:
            argv += ["--os-cloud", cloud]
        proc = subprocess.run(
            argv,
            capture_output=True,
            text=True,
            input=stdin,
            env={**self.env, **(env or {})},
            cwd=self.cwd,
            timeout=120,
        )
        assert "Traceback" not in proc.stderr, proc.stderr
        return Ran(proc.returncode, proc.stdout, proc.stderr)

    def our_requests(self, mark: dict[str, int]) -> list[tuple[str, str, str, int]]:
        """(service, method, path, status) of the requests this tool made since `mark`."""
        return [
            (e.service, e.method, e.path.split("?")[0], e.status)
            for e in self.devcloud.access_entries_since(mark)
            if e.user_agent.startswith(OUR_AGENTS)
        ]


# The reference connector's initiator (the fake driver needs one) and a host of our own.
CONNECTOR = ["--connector", f"initiator={REFERENCE_CONNECTOR['initiator']}", "--connector", "host=node-1"]


def attached(attach: Attach, volume: str, server: str | None = None) -> str:
    """Create a connected, completed attachment (volume in-use), so that a multiattach volume takes another."""
    import uuid

    r = attach("create354", "--volume-uuid", volume, "--instance-uuid", server or str(uuid.uuid4()), *CONNECTOR,
               "-f", "value", "-c", "id")  # fmt: skip
    assert r.code == 0, r.err
    ident = r.out.strip()
    done = attach("complete", ident)
    assert done.code == 0, done.err
    return ident


def cache_files(home: Path) -> list[Path]:
    return sorted((home / "cache" / "cinder-attach").glob("*.json"))


def server_attachment(devcloud: Any, attachment_id: str) -> dict[str, Any]:
    res = devcloud.api("GET", f"/attachments/{attachment_id}", cloud="devcloud", microversion="3.54")
    assert res.status == 200, res.body
    return dict(res.body["attachment"])


def server_volume(devcloud: Any, volume_id: str) -> dict[str, Any]:
    res = devcloud.api("GET", f"/volumes/{volume_id}", cloud="devcloud", microversion="3.54")
    assert res.status == 200, res.body
    return dict(res.body["volume"])


def server_attachments_of(devcloud: Any, volume_id: str) -> list[dict[str, Any]]:
    res = devcloud.api("GET", f"/attachments/detail?volume_id={volume_id}", cloud="devcloud", microversion="3.54")
    assert res.status == 200, res.body
    return list(res.body["attachments"])


def env_without_os() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("OS_")}


def stored_connector(devcloud: Any, attachment_id: str) -> dict[str, Any]:
    """The connector Cinder stored for an attachment, straight from its database (read-only): the API hides it."""
    import sqlite3

    db = Path(devcloud["devcloud_dir"]) / "cinder" / "cinder.db"
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30) as conn:
        (row,) = conn.execute("SELECT connector FROM volume_attachment WHERE id = ?", (attachment_id,)).fetchall()
    stored: dict[str, Any] = json.loads(row[0])
    return stored


# An initiator of our own (not the reference connector's), for the tests that send connectors by hand.
INITIATOR = "iqn.1993-08.org.debian:01:cad181614cec"


class Made:
    """Volumes made by a test, in the demo project; deleted with their attachments afterwards."""

    def __init__(self, devcloud: Any) -> None:
        self.devcloud = devcloud
        self.volumes: list[str] = []

    def volume(self, name: str | None = None) -> str:
        body: dict[str, Any] = {"size": 1, **({"name": name} if name is not None else {})}
        res = self.devcloud.api("POST", "/volumes", {"volume": body}, cloud="devcloud")
        assert res.status == 202, res.body
        ident = str(res.body["volume"]["id"])
        self.volumes.append(ident)
        self.wait(ident, "available")
        return ident

    def wait(self, ident: str, status: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while (current := server_volume(self.devcloud, ident)["status"]) != status:
            assert time.monotonic() < deadline and not current.startswith("error"), f"{ident} is {current}"
            time.sleep(0.2)

    def clean(self) -> None:
        for ident in self.volumes:
            for att in server_attachments_of(self.devcloud, ident):
                self.devcloud.api("DELETE", f"/attachments/{att['id']}", cloud="devcloud", microversion="3.27")
        for ident in self.volumes:
            deadline = time.monotonic() + 60
            while self.devcloud.api("DELETE", f"/volumes/{ident}", cloud="devcloud").status not in (202, 404):
                assert time.monotonic() < deadline, f"volume {ident} could not be deleted"
                time.sleep(0.3)
        self.devcloud.deleted_volumes.extend(self.volumes)  # deletes are asynchronous: the session waits for them


class NovaControl:
    """The devcloud's fake Nova while the ``nova`` fixture has it registered as `compute`: program servers
    (``server(id, volumes=[(volume_id, attachment_id)], status=…, task_state=…, fail=403)``), read its log."""

    def __init__(self, devcloud: Any) -> None:
        self.devcloud = devcloud
        self.control: str = devcloud.state["nova_control"]
        self.url: str = devcloud.state["nova_url"]
        self.log = Path(devcloud.state["logs"]["nova_access"])

    def server(self, server_id: str, volumes: tuple[tuple[str, str], ...] = (), status: str = "ACTIVE",
               task_state: str | None = None, fail: int | None = None, listed: bool = True) -> None:  # fmt: skip
        """Make (or replace) a server; ``listed=False`` hides its volumes from the list only (see fake_nova)."""
        spec = {"status": status, "task_state": task_state, "fail": fail,
                "volumes": [{"volume_id": v, "attachment_id": a, "listed": listed} for v, a in volumes]}  # fmt: skip
        status_code, _, body = http_json("PUT", f"{self.control}/servers/{server_id}", spec)
        assert status_code == 200, body

    def reset(self) -> None:
        assert http_json("POST", f"{self.control}/reset")[0] == 204

    def mark(self) -> int:
        return self.log.stat().st_size if self.log.exists() else 0

    def requests_since(self, mark: int) -> list[Any]:
        """The compute API requests (not the control ones) since ``mark``, as access-log entries."""
        with open(self.log, "rb") as fh:
            fh.seek(mark)
            lines = fh.read().decode("utf-8", "replace").splitlines()
        entries = [e for line in lines if (e := parse_line(line)) is not None and not e.path.startswith("/_fake")]
        return entries
