"""The devcloud itself: if these fail, e2e failures of `attach` mean nothing."""

from __future__ import annotations

import time
import uuid
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # no runtime import: another tests/ dir may have its own conftest
    from conftest import Devcloud


def test_keystone_issues_a_token_for_the_devcloud_user(devcloud: Devcloud) -> None:
    _, token = devcloud.auth("devcloud", fresh=True)
    assert token["user"]["name"] == "member"
    assert token["project"]["id"] == devcloud.projects["demo"]
    assert "member" in {r["name"] for r in token["roles"]}


def test_catalog_points_block_storage_and_volumev3_at_cinder(devcloud: Devcloud) -> None:
    _, token = devcloud.auth("devcloud")
    want = f"http://127.0.0.1:{devcloud['cinder_port']}/v3/{devcloud.projects['demo']}"
    by_type = {svc["type"]: svc["endpoints"] for svc in token["catalog"]}
    for stype in ("block-storage", "volumev3"):
        endpoints = {ep["interface"]: ep["url"] for ep in by_type[stype] if ep["region_id"] == "RegionOne"}
        assert endpoints == {"public": want, "internal": want, "admin": want}, stype
    assert devcloud["block_storage_endpoint"] == want


def test_cinder_v3_reports_max_microversion_3_71(devcloud: Devcloud) -> None:
    res = devcloud.api("GET", f"{devcloud.cinder_url}/v3/")
    assert res.status == 200, res.body
    version = res.body["versions"][0]
    assert (version["min_version"], version["version"]) == ("3.0", "3.71")


def test_new_volume_is_available_with_the_default_type(devcloud: Devcloud) -> None:
    vid = devcloud.new_volume()
    res = devcloud.api("GET", f"/volumes/{vid}", cloud="devcloud")
    assert res.status == 200
    assert res.body["volume"]["status"] == "available"
    assert res.body["volume"]["volume_type"] == devcloud["default_type"]
    assert res.body["volume"]["multiattach"] is False


def test_multiattach_volume_has_multiattach_true(devcloud: Devcloud) -> None:
    vid = devcloud.new_volume(multiattach=True)
    res = devcloud.api("GET", f"/volumes/{vid}", cloud="devcloud")
    assert res.body["volume"]["multiattach"] is True
    assert res.body["volume"]["volume_type"] == devcloud["multiattach_type"]


def test_create_attachment_at_3_54_is_200_reserved(devcloud: Devcloud) -> None:
    vid = devcloud.new_volume()
    body = {"attachment": {"volume_uuid": vid, "instance_uuid": str(uuid.uuid4()), "mode": "rw"}}
    res = devcloud.api("POST", "/attachments", json=body, cloud="devcloud", microversion="3.54")
    assert res.status == 200, res.body
    assert res.headers["openstack-api-version"] == "volume 3.54"
    att = res.body["attachment"]
    assert (att["status"], att["volume_id"], att["attach_mode"]) == ("reserved", vid, "rw")
    vol = devcloud.api("GET", f"/volumes/{vid}", cloud="devcloud").body["volume"]
    assert vol["status"] == "reserved"
    # Deleting a reserved attachment needs no service token.
    gone = devcloud.api("DELETE", f"/attachments/{att['id']}", cloud="devcloud", microversion="3.54")
    assert gone.status == 200, gone.body


def test_multiattach_volume_takes_a_second_attachment_once_the_first_completed(devcloud: Devcloud) -> None:
    # Real Cinder: another reserve is refused (400) while the volume is
    # `reserved` or `attaching`, even for multiattach; it must be in-use.
    vid = devcloud.new_volume(multiattach=True)
    connector = {"initiator": "iqn.2004-10.org.devcloud:e2e", "host": "e2e-host", "ip": "127.0.0.1"}
    for _ in range(2):
        body = {"attachment": {"volume_uuid": vid, "instance_uuid": str(uuid.uuid4()), "connector": connector}}
        res = devcloud.api("POST", "/attachments", json=body, cloud="devcloud", microversion="3.54")
        assert res.status == 200, res.body
        aid = res.body["attachment"]["id"]
        done = devcloud.api("POST", f"/attachments/{aid}/action", json={"os-complete": None}, microversion="3.54")
        assert done.status == 204, done.body
    vol = devcloud.api("GET", f"/volumes/{vid}", cloud="devcloud").body["volume"]
    assert vol["status"] == "in-use"
    assert len(vol["attachments"]) == 2


def test_access_logs_record_each_request(devcloud: Devcloud) -> None:
    vid = devcloud.new_volume()
    devcloud.auth("devcloud")  # token issued (and validated by cinder) before the mark
    devcloud.api("GET", f"/volumes/{vid}", cloud="devcloud")
    mark = devcloud.log_mark()
    path = f"/v3/{devcloud.projects['demo']}/volumes/{vid}"
    devcloud.api("GET", f"/volumes/{vid}", cloud="devcloud", microversion="3.54")
    devcloud.api("GET", "/volumes/00000000-0000-0000-0000-000000000000", cloud="devcloud")
    reqs = devcloud.requests_since(mark)
    assert [r for r in reqs if r.service == "cinder"] == [
        ("cinder", "GET", path, 200),
        ("cinder", "GET", f"/v3/{devcloud.projects['demo']}/volumes/00000000-0000-0000-0000-000000000000", 404),
    ]
    # A token cinder has already validated costs no keystone round trip.
    assert [r for r in reqs if r.service == "keystone"] == []
    first = devcloud.access_entries_since(mark)[0]
    assert (first.microversion, first.user_agent) == ("volume 3.54", "devcloud-e2e")
    assert first.request_id.startswith("req-")
    assert devcloud.requests_since(devcloud.log_mark()) == []


def test_keystone_access_log_counts_token_requests(devcloud: Devcloud) -> None:
    mark = devcloud.log_mark()
    devcloud.auth("devcloud", fresh=True)
    assert devcloud.requests_since(mark) == [("keystone", "POST", "/v3/auth/tokens", 201)]


def test_up_again_is_a_quick_no_op_and_status_is_up(devcloud: Devcloud) -> None:
    started = time.monotonic()
    res = devcloud.run("up", timeout=60)
    assert res.returncode == 0, res.stderr
    assert "already up" in res.stderr
    assert res.stdout == ""
    assert time.monotonic() - started < 5
    status = devcloud.run("status", timeout=30)
    assert status.returncode == 0
    assert status.stdout.startswith("up\n")
    env = devcloud.run("env", timeout=30)
    first, second, path = env.stdout.splitlines()
    assert (first, second) == (f"export OS_CLIENT_CONFIG_FILE={devcloud.clouds_yaml}", "export OS_CLOUD=devcloud")
    assert "export PATH=" in path  # with .venv/bin first: tests/unit/test_devcloud_cli.py


def test_access_log_seconds_are_the_server_time(devcloud: Devcloud) -> None:
    devcloud.auth("devcloud")
    mark = devcloud.log_mark()
    started = time.perf_counter()
    res = devcloud.api("GET", "/volumes?limit=1", cloud="devcloud")
    wall = time.perf_counter() - started
    assert res.status == 200
    devcloud.auth("devcloud", fresh=True)
    entries = devcloud.access_entries_since(mark)
    assert {e.service for e in entries} >= {"keystone", "cinder"}
    cinder = [e for e in entries if e.service == "cinder"]
    assert len(cinder) == 1 and 0 < cinder[0].seconds < wall
    assert all(0 < e.seconds < 30 for e in entries)


def test_seeded_attachments_page_in_order_and_unseed_frees_the_volume(devcloud: Devcloud) -> None:
    vol = devcloud.new_volume(multiattach=True)
    assert devcloud.seed_attachments(vol, 1005) == 1005
    seen: list[str] = []
    marker = ""
    while True:  # Cinder's pages hold at most 1000 and carry no links: page with limit + marker
        page = devcloud.api("GET", f"/attachments?volume_id={vol}&limit=1000{marker}", cloud="devcloud",
                            microversion="3.27").body["attachments"]  # fmt: skip
        seen += [a["id"] for a in page]
        if len(page) < 1000:
            break
        marker = f"&marker={page[-1]['id']}"
    assert len(seen) == len(set(seen)) == 1005
    assert devcloud.api("GET", f"/volumes/{vol}", cloud="devcloud").body["volume"]["status"] == "in-use"
    res = devcloud.run("unseed", vol, timeout=120)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == "1005"
    assert devcloud.api("GET", f"/attachments?volume_id={vol}", cloud="devcloud", microversion="3.27").body == {
        "attachments": []
    }
    assert devcloud.api("GET", f"/volumes/{vol}", cloud="devcloud").body["volume"]["status"] == "available"


def test_fake_nova_is_in_the_catalog_only_while_on_and_cinder_asks_it(devcloud: Devcloud) -> None:
    """`devcloud nova on` registers `compute`; Cinder's own delete check asks it (409 while it holds the
    attachment); `nova off` removes it again, and Cinder is back to a 500 for an owner's connected delete."""
    from attach_runner import NovaControl
    from devcloud_lib.client import REFERENCE_CONNECTOR

    def compute_in_catalog() -> bool:
        _, token = devcloud.auth("devcloud", fresh=True)
        return any(svc["type"] == "compute" for svc in token["catalog"])

    assert not compute_in_catalog()
    vid = devcloud.new_volume()
    server = str(uuid.uuid4())
    body = {"attachment": {"volume_uuid": vid, "instance_uuid": server, "connector": REFERENCE_CONNECTOR}}
    made = devcloud.api("POST", "/attachments", json=body, cloud="devcloud", microversion="3.54")
    assert made.status == 200, made.body
    att = made.body["attachment"]["id"]
    assert devcloud.run("nova", "on").returncode == 0
    try:
        devcloud.reload()
        nova = NovaControl(devcloud)
        assert compute_in_catalog()
        nova.server(server, volumes=((vid, att),))
        held = devcloud.api("DELETE", f"/attachments/{att}", cloud="devcloud", microversion="3.27")
        assert held.status == 409, held.body
        asked = nova.requests_since(0)
        assert f"/v2.1/servers/{server}/os-volume_attachments/{vid}" in {e.path for e in asked}
        assert {e.microversion for e in asked if server in e.path} == {"compute 2.89"}
    finally:
        assert devcloud.run("nova", "off").returncode == 0
    assert not compute_in_catalog()
    without = devcloud.api("DELETE", f"/attachments/{att}", cloud="devcloud", microversion="3.27")
    assert without.status == 500, without.body

