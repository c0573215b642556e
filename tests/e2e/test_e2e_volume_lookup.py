"""E2E for issue #14 on the real Cinder: typed connector values as Cinder stores them, volumes by name,
list --all-projects/--project as the admin, and complete with several ids.

Cinder shows no attachment's connector through its API (the detail view has connection_info, not the
connector), so the connector test reads what Cinder stored from the devcloud's SQLite database
(.devcloud/cinder/cinder.db, table volume_attachment, column connector, JSON), read-only.

Every test deletes what it made: volumes are created here through the Cinder API (named ones too), and
the `made` fixture deletes their attachments, then the volumes.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from attach_runner import OUR_AGENTS, Attach, server_attachments_of, server_volume, stored_connector

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


@pytest.fixture
def made(devcloud: Any) -> Iterator[Made]:
    made = Made(devcloud)
    try:
        yield made
    finally:
        made.clean()


@pytest.fixture
def attach(devcloud: Any, attach_bin: Path, tmp_path: Path) -> Attach:
    return Attach(devcloud, attach_bin, tmp_path / "home")


def cinder_calls(devcloud: Any, mark: dict[str, int]) -> list[tuple[str, str]]:
    """(method, path after the project) of each request `attach` sent to Cinder since `mark`, query included."""
    return [
        (e.method, e.path.split(devcloud.projects["demo"], 1)[-1])
        for e in devcloud.access_entries_since(mark)
        if e.service == "cinder" and e.user_agent.startswith(OUR_AGENTS)
    ]


def unique(label: str) -> str:
    return f"peers-{label}-{uuid.uuid4().hex[:8]}"


# --- 1. connector values typed by the key ----------------------------------------------------------------------------


def test_cinder_stores_each_key_with_its_type(devcloud: Any, attach: Attach, made: Made, tmp_path: Path) -> None:
    vol = made.volume()
    conn_file = tmp_path / "conn.yaml"
    conn_file.write_text("system uuid: '4c4c4544'\nenforce_multipath: false\nport: 3260\n")
    r = attach(
        "create354", "--volume-uuid", vol, "--connector-file", str(conn_file),
        "--connector", f"initiator={INITIATOR}", "--connector", "host=1234", "--connector", "os_type=123",
        "--connector", "multipath=false", "--connector", "wwpns=21000024ff3a1b2c,21000024ff3a1b2d",
        "-f", "value", "-c", "id",
    )  # fmt: skip
    assert r.code == 0, r.err
    stored = stored_connector(devcloud, r.out.strip())
    assert {k: v for k, v in stored.items() if k != "mode"} == {
        "initiator": INITIATOR,
        "host": "1234",  # a string, as cinderclient sends it
        "os_type": "123",
        "multipath": False,  # a real boolean: "false" would be truthy in a driver
        "wwpns": ["21000024ff3a1b2c", "21000024ff3a1b2d"],
        "system uuid": "4c4c4544",
        "enforce_multipath": False,
        "port": 3260,  # not an os-brick key: JSON if it parses
    }


def test_a_wrongly_typed_value_creates_nothing(devcloud: Any, attach: Attach, made: Made, tmp_path: Path) -> None:
    vol = made.volume()
    r = attach(
        "create354", "--volume-uuid", vol, "--connector", f"initiator={INITIATOR}", "--connector", "multipath=maybe"
    )
    assert r.code == 2 and r.err.startswith("Error: --connector multipath='maybe'")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"initiator": INITIATOR, "multipath": "yes"}))
    r = attach("create354", "--volume-uuid", vol, "--connector-file", str(bad))
    assert r.code == 2 and "'multipath' is \"yes\" (a string)" in r.err
    assert server_attachments_of(devcloud, vol) == []


# --- 2. a volume by name ---------------------------------------------------------------------------------------------


def test_a_unique_name_costs_one_get(devcloud: Any, attach: Attach, made: Made) -> None:
    name = unique("one")
    vol = made.volume(name)
    assert attach("list", "--volume-id", vol).code == 0  # warm the token cache: count only the create's requests
    mark = devcloud.log_mark()
    r = attach("create354", "--volume", name, "--instance-uuid", str(uuid.uuid4()), "-f", "json")
    assert r.code == 0, r.err
    assert r.json()["volume_id"] == vol
    assert cinder_calls(devcloud, mark) == [("GET", f"/volumes/detail?name={name}"), ("POST", "/attachments")]
    listed = attach("list", "--volume", name, "-f", "value", "-c", "id")
    assert listed.code == 0 and listed.out.split() == [r.json()["id"]]


def test_a_missing_name_is_exit_1(devcloud: Any, attach: Attach, made: Made) -> None:
    name = unique("none")
    mark = devcloud.log_mark()
    r = attach("create327", "--volume", name)
    assert r.code == 1
    assert r.err.startswith(f"Error: no volume named '{name}' in project {devcloud.projects['demo']}.")
    assert cinder_calls(devcloud, mark) == [("GET", f"/volumes/detail?name={name}")]


def test_an_ambiguous_name_creates_nothing(devcloud: Any, attach: Attach, made: Made) -> None:
    name = unique("twin")
    first, second = made.volume(name), made.volume(name)
    mark = devcloud.log_mark()
    r = attach("create354", "--volume", name, "--instance-uuid", str(uuid.uuid4()))
    assert r.code == 1
    assert f"2 volumes are named '{name}' in project {devcloud.projects['demo']}: " in r.err
    assert f"{first} (available)" in r.err and f"{second} (available)" in r.err and "Nothing was created." in r.err
    assert cinder_calls(devcloud, mark) == [("GET", f"/volumes/detail?name={name}")]
    for vol in (first, second):
        assert server_attachments_of(devcloud, vol) == []
        assert server_volume(devcloud, vol)["status"] == "available"


def test_dry_run_resolves_the_name_and_sends_no_create(devcloud: Any, attach: Attach, made: Made) -> None:
    name = unique("dry")
    vol = made.volume(name)
    r = attach("create354", "--volume", name, "--dry-run")
    assert r.code == 0, r.err
    assert f"Note: --dry-run still looked up the volume name (one GET): '{name}' is {vol}." in r.err
    assert r.out.startswith("POST ") and f'"volume_uuid": "{vol}"' in r.out
    assert server_attachments_of(devcloud, vol) == []


# --- 3. list --all-projects, complete ID ID -------------------------------------------------------------------------


def test_admin_sees_the_demo_projects_attachment_with_all_projects(devcloud: Any, attach: Attach, made: Made) -> None:
    vol = made.volume()
    r = attach("create354", "--volume-uuid", vol, "-f", "value", "-c", "id")  # as the demo project's member
    assert r.code == 0, r.err
    att = r.out.strip()

    def admin_ids(*args: str) -> list[str]:
        listed = attach("list", *args, "-f", "value", "-c", "id", cloud="devcloud-admin")
        assert listed.code == 0, listed.err
        return listed.out.split()

    assert att not in admin_ids()  # the admin's own project
    assert att in admin_ids("--all-projects")
    assert att in admin_ids("--all-projects", "--long")
    assert att in admin_ids("--project", devcloud.projects["demo"])
    assert att not in admin_ids("--all-projects", "--project", devcloud.projects["admin"])


def test_complete_two_ids_and_go_on_after_a_failure(devcloud: Any, attach: Attach, made: Made) -> None:
    ids = []
    vols = [made.volume(), made.volume()]
    for vol in vols:  # connected, with no instance: deleting them later needs no Nova
        r = attach(
            "create354", "--volume-uuid", vol, "--connector", f"initiator={INITIATOR}", "-f", "value", "-c", "id"
        )
        assert r.code == 0, r.err
        ids.append(r.out.strip())
    unknown = str(uuid.uuid4())
    r = attach("complete", ids[0], unknown, ids[1])
    assert r.code == 1
    assert r.out.splitlines() == [f"Attachment {ident} completed." for ident in ids]
    assert r.err.count("Error:") == 1 and unknown in r.err and "HTTP 404" in r.err
    for vol in vols:
        assert server_volume(devcloud, vol)["status"] == "in-use"
        assert [a["status"] for a in server_attachments_of(devcloud, vol)] == ["attached"]
