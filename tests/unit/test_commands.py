"""The lifecycle commands: the exact requests they send and how they report (MockTransport)."""

from __future__ import annotations

import json
import uuid

from unit_fakes import ATT, ENDPOINT, INST, VOL, FakeCinder, attachment

OTHER = "11111111-2222-4333-8444-555555555555"


def test_create327_sends_327_without_mode(cli, cinder: FakeCinder) -> None:
    cinder.reply()
    r = cli("create327", "--volume-uuid", VOL, "--instance-uuid", INST, "--connector", "host=h")
    assert r.code == 0, r.err
    req = r.requests[0]
    assert req.headers["OpenStack-API-Version"] == "volume 3.27"
    assert json.loads(req.content) == {
        "attachment": {"volume_uuid": VOL, "instance_uuid": INST, "connector": {"host": "h"}}
    }


def test_create327_has_no_mode_option(cli, cinder: FakeCinder) -> None:
    r = cli("create327", "--volume-uuid", VOL, "--mode", "rw")
    assert r.code == 2 and r.requests == []
    assert "--mode" in r.err


def test_show(cli, cinder: FakeCinder) -> None:
    cinder.reply(body={"attachment": attachment(status="attached")})
    r = cli("show", ATT.upper(), "-f", "value", "-c", "status")
    assert r.code == 0
    assert r.out == "attached\n"
    req = r.requests[0]
    assert (req.method, str(req.url)) == ("GET", f"{ENDPOINT}/attachments/{ATT}")
    assert req.headers["OpenStack-API-Version"] == "volume 3.27"


def test_show_rejects_a_non_uuid_before_sending(cli, cinder: FakeCinder) -> None:
    r = cli("show", "nope")
    assert r.code == 2 and r.requests == [] and "ATTACHMENT_ID" in r.err


def test_list_with_filters(cli, cinder: FakeCinder) -> None:
    summary = {k: attachment()[k] for k in ("id", "status", "instance", "volume_id")}
    cinder.reply(body={"attachments": [summary]})
    r = cli(
        "list",
        "--volume-id",
        VOL,
        "--instance-id",
        INST,
        "--status",
        "reserved",
        "--sort",
        "created_at:desc",
        "-f",
        "json",
    )
    assert r.code == 0, r.err
    req = r.requests[0]
    assert req.url.path.endswith("/attachments")
    assert dict(req.url.params) == {
        "volume_id": VOL,
        "instance_id": INST,
        "attach_status": "reserved",
        "sort": "created_at:desc",
    }
    assert r.json() == [summary]


def test_list_long_uses_detail(cli, cinder: FakeCinder) -> None:
    cinder.reply(body={"attachments": [attachment()]})
    r = cli("list", "--long", "-f", "value", "-c", "id", "-c", "attach_mode")
    assert r.code == 0, r.err
    assert r.requests[0].url.path.endswith("/attachments/detail")
    assert r.out == f"{ATT} null\n"


def test_list_all_pages_follows_markers(cli, cinder: FakeCinder) -> None:
    ids = [str(uuid.UUID(int=i + 1)) for i in range(5)]

    def page(chunk):
        return {"attachments": [{"id": i, "status": "reserved", "instance": None, "volume_id": VOL} for i in chunk]}  # noqa: E731

    cinder.reply(body=page(ids[:2])).reply(body=page(ids[2:4])).reply(body=page(ids[4:]))
    r = cli("list", "--all-pages", "--limit", "2", "-f", "value", "-c", "id")
    assert r.code == 0, r.err
    assert r.out.split() == ids
    assert [dict(q.url.params) for q in r.requests] == [
        {"limit": "2"},
        {"limit": "2", "marker": ids[1]},
        {"limit": "2", "marker": ids[3]},
    ]


def test_list_shell_format_is_refused(cli, cinder: FakeCinder) -> None:
    r = cli("list", "-f", "shell")
    assert r.code == 2 and r.requests == []


def test_update_puts_the_connector(cli, cinder: FakeCinder) -> None:
    cinder.reply(body={"attachment": attachment(connection_info={"driver_volume_type": "iscsi"})})
    r = cli("update", ATT, "--connector", "initiator=iqn.x", "--connector", "multipath=false", "-f", "json")
    assert r.code == 0, r.err
    req = r.requests[0]
    assert (req.method, req.url.path.rsplit("/", 2)[-2:]) == ("PUT", ["attachments", ATT])
    assert req.headers["OpenStack-API-Version"] == "volume 3.27"
    assert json.loads(req.content) == {"attachment": {"connector": {"initiator": "iqn.x", "multipath": False}}}
    assert r.json()["connection_info"] == {"driver_volume_type": "iscsi"}


def test_update_alias_set_and_connector_required(cli, cinder: FakeCinder) -> None:
    r = cli("set", ATT)
    assert r.code == 2 and r.requests == [] and "connector" in r.err


def test_complete_posts_the_action(cli, cinder: FakeCinder) -> None:
    cinder.reply(204, b"")
    r = cli("complete", ATT)
    assert r.code == 0, r.err
    req = r.requests[0]
    assert (req.method, req.url.path.rsplit("/", 3)[-3:]) == ("POST", ["attachments", ATT, "action"])
    assert req.headers["OpenStack-API-Version"] == "volume 3.44"
    assert json.loads(req.content) == {"os-complete": None}
    assert r.out == f"Attachment {ATT} completed.\n"


def test_a_bodiless_2xx_is_an_error_not_a_crash(cli, cinder: FakeCinder) -> None:
    cinder.reply(204, b"")
    r = cli("create354", "--volume-uuid", VOL)
    assert r.code == 1
    assert r.err.startswith("Error: Cinder answered HTTP 204 without the expected body.") and "noauth" in r.err


def test_complete_value_format_prints_nothing(cli, cinder: FakeCinder) -> None:
    cinder.reply(204, b"")
    r = cli("complete", ATT, "-f", "value")
    assert (r.code, r.out) == (0, "")


def test_delete_goes_on_after_a_failure(cli, cinder: FakeCinder) -> None:
    cinder.reply(body={"attachments": []})
    cinder.reply(404, {"itemNotFound": {"code": 404, "message": "Volume attachment could not be found."}})
    cinder.reply(body={"attachments": []})
    r = cli("delete", ATT, OTHER, INST)
    assert r.code == 1
    assert [q.method for q in r.requests] == ["DELETE"] * 3
    assert [q.url.path.rsplit("/", 1)[-1] for q in r.requests] == [ATT, OTHER, INST]
    assert r.out == f"Deleted attachment {ATT}.\nDeleted attachment {INST}.\n"
    assert r.err.count("Error:") == 1 and OTHER in r.err


def test_delete_checks_every_id_before_sending_any(cli, cinder: FakeCinder) -> None:
    r = cli("delete", ATT, "bogus")
    assert r.code == 2 and r.requests == []


def test_delete_sends_the_service_token_when_given(cli, cinder: FakeCinder) -> None:
    cinder.reply(body={"attachments": []})
    r = cli("delete", ATT, "--os-service-token", "svc-token-xyz", "--debug")
    assert r.code == 0
    assert r.requests[0].headers["X-Service-Token"] == "svc-token-xyz"
    assert "svc-token-xyz" not in r.err + r.out
