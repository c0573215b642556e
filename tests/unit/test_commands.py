"""The lifecycle commands: the exact requests they send and how they report (MockTransport)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from helpers import ATT, ENDPOINT, INST, OTHER, THIRD, TOKEN, VOL, FakeCinder, Result, attachment, summary

import cinder_attach


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
    assert "3.27 has no attach mode" in r.err and "create354 --mode" in r.err
    assert "No such option" not in r.err
    assert "--mode" not in cli("create327", "--help").out.split("Options:")[1], "the option stays hidden"


def test_help_says_required_once_and_nothing_is_cut_off(cli) -> None:
    create = cli("create354", "--help").out
    line = next(x for x in create.splitlines() if x.strip().startswith("--volume-uuid"))
    assert line.lower().count("required") <= 1, line
    root = cli("--help", direct=False).out
    commands = root.split("Commands:")[1]
    assert "..." not in commands and "…" not in commands, root
    assert "..." not in cli("cache", "--help", direct=False).out.split("Commands:")[1]


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
    cinder.reply(body={"attachments": [summary]}).reply(body={"attachments": []})
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
    }, "only what was asked for: no limit"
    assert r.json() == [summary]
    assert len(r.requests) == 2, "a short page may have been cut by the server: the empty one ends the list"
    assert dict(r.requests[1].url.params) == {**dict(req.url.params), "marker": summary["id"]}


def test_list_long_uses_detail(cli, cinder: FakeCinder) -> None:
    cinder.reply(body={"attachments": [attachment()]}).reply(body={"attachments": []})
    r = cli("list", "--long", "-f", "value", "-c", "id", "-c", "attach_mode")
    assert r.code == 0, r.err
    assert r.requests[0].url.path.endswith("/attachments/detail")
    assert r.out == f"{ATT} null\n"


def _ids(n: int, start: int = 0) -> list[str]:
    return [str(uuid.UUID(int=i + 1)) for i in range(start, start + n)]


def _page(chunk: list[str]) -> dict[str, Any]:
    return {"attachments": [{"id": i, "status": "reserved", "instance": None, "volume_id": VOL} for i in chunk]}


def test_list_follows_markers_to_the_end_by_default(cli, cinder: FakeCinder) -> None:
    ids = _ids(2005)
    cinder.reply(body=_page(ids[:1000])).reply(body=_page(ids[1000:2000])).reply(body=_page(ids[2000:]))
    r = cli("list", "-f", "value", "-c", "id")
    assert r.code == 0, r.err
    assert r.out.split() == ids
    assert [dict(q.url.params) for q in r.requests] == [
        {},
        {"marker": ids[999]},
        {"marker": ids[1999], "limit": "1000"},
    ], "the third page asks for the cap the second one showed; shorter than it, it is the last"


def test_list_all_pages_is_an_accepted_no_op(cli, cinder: FakeCinder) -> None:
    ids = _ids(1001)
    cinder.reply(body=_page(ids[:1000])).reply(body=_page(ids[1000:]))
    r = cli("list", "--all-pages", "-f", "value", "-c", "id")
    assert r.code == 0, r.err
    assert r.out.split() == ids and len(r.requests) == 2


def test_list_limit_caps_the_total_across_pages(cli, cinder: FakeCinder) -> None:
    ids = _ids(1500)
    cinder.reply(body=_page(ids[:1000])).reply(body=_page(ids[1000:1500]))
    r = cli("list", "--limit", "1500", "--marker", INST, "-f", "value", "-c", "id")
    assert r.code == 0, r.err
    assert r.out.split() == ids
    assert [dict(q.url.params) for q in r.requests] == [
        {"limit": "1500", "marker": INST},
        {"limit": "500", "marker": ids[999]},
    ], "the total, then what it still lacks"


def test_list_small_limit_is_one_request(cli, cinder: FakeCinder) -> None:
    ids = _ids(2)
    cinder.reply(body=_page(ids))
    r = cli("list", "--limit", "2", "-f", "value", "-c", "id")
    assert r.code == 0 and r.out.split() == ids
    assert [dict(q.url.params) for q in r.requests] == [{"limit": "2"}]


def test_list_stops_when_a_page_repeats(cli, cinder: FakeCinder) -> None:
    # Equal created_at values can make marker paging hand back the same page: stop, never loop.
    ids = _ids(1000)
    cinder.reply(body=_page(ids)).reply(body=_page(ids))
    r = cli("list", "-f", "value", "-c", "id")
    assert r.code == 0 and r.out.split() == ids and len(r.requests) == 2


@pytest.mark.parametrize("noindent", [False, True])
def test_list_json_streams_the_same_text_as_one_dump(cli, cinder: FakeCinder, noindent: bool) -> None:
    ids = _ids(1003)
    cinder.reply(body=_page(ids[:1000])).reply(body=_page(ids[1000:]))
    r = cli("list", "-f", "json", *(["--noindent"] if noindent else []))
    assert r.code == 0, r.err
    expected = [{"id": i, "status": "reserved", "instance": None, "volume_id": VOL} for i in ids]
    assert r.out == json.dumps(expected, indent=None if noindent else 2) + "\n"


def test_list_rejects_a_bad_limit_before_sending(cli, cinder: FakeCinder) -> None:
    r = cli("list", "--limit", "0")
    assert r.code == 2 and r.requests == [] and "--limit" in r.err


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


# --- list --all-projects / --project ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "params"),
    [
        (["--all-projects"], {"all_tenants": "1"}),
        (["--project", "0123abc"], {"all_tenants": "1", "project_id": "0123abc"}),
        (["--all-projects", "--project", "0123abc"], {"all_tenants": "1", "project_id": "0123abc"}),
        ([], {}),
    ],
)
def test_list_all_projects_and_project(
    cli: Callable[..., Result], cinder: FakeCinder, argv: list[str], params: dict[str, str]
) -> None:
    for long in (False, True):
        cinder.reply(body={"attachments": [attachment() if long else summary()]}).reply(body={"attachments": []})
        r = cli("list", *argv, *(["--long"] if long else []), "-f", "json")
        assert r.code == 0, r.err
        request, _end = r.requests
        assert request.url.path.endswith("/attachments/detail" if long else "/attachments")
        assert dict(request.url.params) == params
        cinder.requests.clear()


def test_list_empty_project_is_a_usage_error(cli: Callable[..., Result], cinder: FakeCinder) -> None:
    r = cli("list", "--project", "")
    assert r.code == 2 and r.requests == []


def test_python_list_all_projects(cinder: FakeCinder) -> None:
    client = cinder_attach.connect(token=TOKEN, endpoint=ENDPOINT)
    cinder.reply(body={"attachments": [summary()]}).reply(body={"attachments": []})
    assert [a.id for a in client.list(all_projects=True, project_id="p1")] == [ATT]
    assert dict(cinder.requests[0].url.params) == {"all_tenants": "1", "project_id": "p1"}


# --- complete ID [ID…] -----------------------------------------------------------------------------------------------


def test_complete_several_ids(cli: Callable[..., Result], cinder: FakeCinder) -> None:
    cinder.reply(204, b"").reply(204, b"")
    r = cli("complete", ATT, OTHER.upper())
    assert r.code == 0, r.err
    assert r.out == f"Attachment {ATT} completed.\nAttachment {OTHER} completed.\n"
    assert [str(req.url) for req in r.requests] == [f"{ENDPOINT}/attachments/{i}/action" for i in (ATT, OTHER)]
    assert all(json.loads(req.content) == {"os-complete": None} for req in r.requests)


def test_complete_goes_on_after_a_failure_and_exits_1(cli: Callable[..., Result], cinder: FakeCinder) -> None:
    cinder.reply(204, b"")
    cinder.reply(404, {"itemNotFound": {"code": 404, "message": f"Attachment {OTHER} could not be found."}})
    cinder.reply(204, b"")
    r = cli("complete", ATT, OTHER, THIRD)
    assert r.code == 1
    assert len(r.requests) == 3
    assert r.out == f"Attachment {ATT} completed.\nAttachment {THIRD} completed.\n"
    assert r.err.startswith(f"Error: {OTHER}: Attachment {OTHER} could not be found. (HTTP 404 itemNotFound")
    assert r.err.count("Error:") == 1


def test_complete_checks_every_id_before_sending_any(cli: Callable[..., Result], cinder: FakeCinder) -> None:
    r = cli("complete", ATT, "nope")
    assert r.code == 2 and r.requests == [] and "ATTACHMENT_ID 'nope' is not a UUID." in r.err


def test_complete_json_gives_one_object_per_id(cli: Callable[..., Result], cinder: FakeCinder) -> None:
    cinder.reply(204, b"").reply(204, b"")
    r = cli("complete", ATT, OTHER, "-f", "json", "--noindent")
    assert r.code == 0, r.err
    assert [json.loads(line) for line in r.out.splitlines()] == [
        {"id": ATT, "completed": True},
        {"id": OTHER, "completed": True},
    ]


def test_complete_dry_run_shows_every_request(cli: Callable[..., Result], cinder: FakeCinder) -> None:
    r = cli("complete", ATT, OTHER, "--dry-run")
    assert r.code == 0 and r.requests == []
    assert r.out.count("POST ") == 2 and OTHER in r.out


def test_list_takes_the_openstack_clis_headings_in_any_case(cli, cinder: FakeCinder) -> None:
    cinder.reply(body={"attachments": [summary()]}).reply(body={"attachments": []})
    r = cli("list", "-f", "value", "-c", "ID", "-c", "Volume ID", "-c", "server id", "-c", "STATUS")
    assert r.code == 0, r.err
    assert r.out == f"{ATT} {VOL} {INST} reserved\n"


def test_show_takes_the_openstack_clis_headings(cli, cinder: FakeCinder) -> None:
    cinder.reply(body={"attachment": attachment(status="attached")})
    r = cli("show", ATT, "-f", "json", "-c", "Instance ID", "-c", "Attach Mode", "-c", "Properties")
    assert r.code == 0, r.err
    assert list(json.loads(r.out)) == ["instance", "attach_mode", "connection_info"]


@pytest.mark.parametrize(
    ("asked", "named"), [(["attach_mode"], "'attach_mode'"), (["Attach Mode", "detached_at"], "'attach_mode', 'det")]
)
def test_list_says_a_long_only_column_needs_long_and_sends_nothing(
    cli, cinder: FakeCinder, asked: list[str], named: str
) -> None:
    r = cli("list", "--volume", "data-1", *[arg for c in asked for arg in ("-c", c)])
    assert r.code == 2 and r.requests == [], "refused before the volume's name is looked up"
    assert r.err.startswith(f"Error: -c/--column {named}") and "only `attach list --long`" in r.err, r.err
    assert r.err.rstrip().endswith("Add --long."), r.err


def test_list_long_shows_the_column_the_short_list_refuses(cli, cinder: FakeCinder) -> None:
    cinder.reply(body={"attachments": [attachment()]}).reply(body={"attachments": []})
    r = cli("list", "--long", "-f", "value", "-c", "ID", "-c", "Attach Mode")
    assert r.code == 0, r.err
    assert r.out == f"{ATT} null\n"


def test_an_unknown_column_is_still_refused_with_the_choices(cli, cinder: FakeCinder) -> None:
    r = cli("list", "-c", "Bogus")
    assert r.code == 2 and r.requests == []
    assert "'Bogus' is not a column" in r.err and "Choose from: id, status, instance, volume_id." in r.err
