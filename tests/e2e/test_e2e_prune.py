"""`attach prune` against the real Cinder and the devcloud's fake Nova: verdicts, the dry run, --apply,
Nova failing, no compute endpoint, and who may prune what. Server state is checked after every run."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from attach_runner import CONNECTOR, Attach, NovaControl, attached, server_attachments_of

if TYPE_CHECKING:
    from conftest import Devcloud


def new_server() -> str:
    return str(uuid.uuid4())


def unowned(attach: Attach, volume: str) -> str:
    """A connected, completed attachment with no instance (a local attach, say)."""
    made = attach("create354", "--volume-uuid", volume, *CONNECTOR, "-f", "value", "-c", "id")
    assert made.code == 0, made.err
    ident = made.out.strip()
    assert attach("complete", ident).code == 0
    return ident


def ids_on(devcloud: Devcloud, volume: str) -> set[str]:
    return {a["id"] for a in server_attachments_of(devcloud, volume)}


def by_id(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {row["id"]: row for row in rows}


def four_attachments(devcloud: Devcloud, attach: Attach, nova: NovaControl) -> tuple[str, dict[str, str]]:
    """A multiattach volume with four connected attachments: server gone, server alive but not holding it,
    Nova holding it, and no instance."""
    volume = devcloud.new_volume(multiattach=True)
    gone, alive, holder = new_server(), new_server(), new_server()
    atts = {"gone": attached(attach, volume, gone), "alive": attached(attach, volume, alive),
            "held": attached(attach, volume, holder), "none": unowned(attach, volume)}  # fmt: skip
    nova.server(alive)
    nova.server(holder, volumes=((volume, atts["held"]),))
    return volume, atts


def test_dry_run_gives_each_verdict_and_deletes_nothing_then_apply_deletes_the_prune_rows(
    devcloud: Devcloud, attach: Attach, nova: NovaControl
) -> None:
    volume, atts = four_attachments(devcloud, attach, nova)
    mark = nova.mark()
    dry = attach("prune", "--volume", volume, "-f", "json")
    assert dry.code == 0, dry.err
    rows = by_id(dry.json())
    assert set(rows) == set(atts.values())
    assert {k: rows[v]["verdict"] for k, v in atts.items()} == {
        "gone": "prune", "alive": "prune", "held": "keep", "none": "unknown"}  # fmt: skip
    assert rows[atts["gone"]]["reason"].startswith("server gone")
    assert "old host may still hold the device" in rows[atts["gone"]]["reason"]
    assert rows[atts["alive"]]["reason"].startswith("Nova does not hold it")
    assert rows[atts["held"]]["reason"] == "Nova holds it"
    assert rows[atts["none"]]["instance"] is None
    assert all(set(r) >= {"id", "volume_id", "instance", "status", "verdict", "reason"} for r in rows.values())
    assert ids_on(devcloud, volume) == set(atts.values())  # the dry run deleted nothing
    # One list per distinct server, and one GET /servers/{id} only for the one whose list was a 404.
    asked = sorted((e.method, e.path.split("/v2.1")[1], e.status) for e in nova.requests_since(mark))
    gone, alive, holder = (rows[atts[k]]["instance"] for k in ("gone", "alive", "held"))
    assert asked == sorted([("GET", f"/servers/{s}/os-volume_attachments", 200) for s in (alive, holder)]
                           + [("GET", f"/servers/{gone}/os-volume_attachments", 404),
                              ("GET", f"/servers/{gone}", 404)])  # fmt: skip
    assert {e.microversion for e in nova.requests_since(mark)} == {"compute 2.89"}
    assert "2 prune, 1 keep, 1 unknown" in dry.err and "nothing deleted" in dry.err

    applied = attach("prune", "--volume", volume, "--apply", "-f", "json")
    assert applied.code == 0, applied.err
    results = {r["id"]: r["result"] for r in applied.json()}
    assert results == {atts["gone"]: "deleted", atts["alive"]: "deleted", atts["held"]: "", atts["none"]: ""}
    assert ids_on(devcloud, volume) == {atts["held"], atts["none"]}
    assert "deleted 2, skipped 0" in applied.err


def test_rows_in_value_and_table_formats(devcloud: Devcloud, attach: Attach, nova: NovaControl) -> None:
    volume, atts = four_attachments(devcloud, attach, nova)
    value = attach("prune", "--volume", volume, "-f", "value", "-c", "id", "-c", "verdict")
    assert value.code == 0, value.err
    assert sorted(value.out.split("\n")[:-1]) == sorted(
        f"{atts[k]} {v}" for k, v in (("gone", "prune"), ("alive", "prune"), ("held", "keep"), ("none", "unknown"))
    )
    table = attach("prune", "--volume", volume)
    assert table.code == 0 and all(a in table.out for a in atts.values()) and "verdict" in table.out.lower()
    assert ids_on(devcloud, volume) == set(atts.values())


@pytest.mark.parametrize("failure", [403, 500])
def test_nova_failing_for_a_server_is_unknown_and_nothing_is_deleted(
    devcloud: Devcloud, attach: Attach, nova: NovaControl, failure: int
) -> None:
    volume = devcloud.new_volume(multiattach=True)
    server = new_server()
    att = attached(attach, volume, server)
    nova.server(server, fail=failure)
    ran = attach("prune", "--volume", volume, "--apply", "-f", "json")
    assert ran.code == 0, ran.err
    (row,) = ran.json()
    assert (row["id"], row["verdict"], row["result"]) == (att, "unknown", "")
    assert str(failure) in row["reason"]
    assert ids_on(devcloud, volume) == {att}


def test_a_409_at_delete_time_is_skipped_not_an_error(devcloud: Devcloud, attach: Attach, nova: NovaControl) -> None:
    """Nova takes the volume between prune's look-up and its delete: Cinder's own check answers 409."""
    volume = devcloud.new_volume(multiattach=True)
    server = new_server()
    att = attached(attach, volume, server)
    nova.server(server, volumes=((volume, att),), listed=False)  # not in the list, but Cinder's question sees it
    ran = attach("prune", "--volume", volume, "--apply", "-f", "json")
    assert ran.code == 0, ran.err
    (row,) = ran.json()
    assert row["verdict"] == "prune" and row["result"].startswith("skipped")
    assert "deleted 0, skipped 1" in ran.err
    assert ids_on(devcloud, volume) == {att}


def test_no_compute_endpoint_makes_every_instance_row_unknown_with_one_line(devcloud: Devcloud, attach: Attach) -> None:
    volume = devcloud.new_volume(multiattach=True)
    atts = {attached(attach, volume, new_server()), attached(attach, volume, new_server()), unowned(attach, volume)}
    ran = attach("prune", "--volume", volume, "--apply", "-f", "json")
    assert ran.code == 0, ran.err
    rows = ran.json()
    assert {r["id"] for r in rows} == atts and {r["verdict"] for r in rows} == {"unknown"}
    assert [line for line in ran.err.splitlines() if "compute endpoint" in line] == [
        "Warning: no compute endpoint in the catalog: every attachment with an instance is unknown."
    ]
    assert ids_on(devcloud, volume) == atts


def test_a_member_prunes_only_their_project_and_all_projects_is_refused(
    devcloud: Devcloud, attach: Attach, nova: NovaControl
) -> None:
    mine = devcloud.new_volume(multiattach=True)
    theirs = devcloud.new_volume(multiattach=True, cloud="devcloud-admin")
    mine_att = attached(attach, mine, new_server())
    admin_att = attach("create354", "--volume-uuid", theirs, "--instance-uuid", new_server(), *CONNECTOR,
                       "-f", "value", "-c", "id", cloud="devcloud-admin").out.strip()  # fmt: skip
    refused = attach("prune", "--all-projects")
    assert refused.code == 2 and refused.out == ""
    assert refused.err.strip().splitlines() == [
        "Error: --all-projects and --project need an admin: you would prune only your own project."
    ]
    member = attach("prune", "-f", "json")
    assert member.code == 0, member.err
    seen = {r["id"] for r in member.json()}
    assert mine_att in seen and admin_att not in seen
    admin = attach("prune", "--all-projects", "-f", "json", cloud="devcloud-admin")
    assert admin.code == 0, admin.err
    assert {mine_att, admin_att} <= {r["id"] for r in admin.json()}


def test_the_python_api_yields_the_rows_and_deletes_with_apply(
    devcloud: Devcloud, attach: Attach, nova: NovaControl, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import cinder_attach

    volume = devcloud.new_volume(multiattach=True)
    held_by, gone_att = new_server(), attached(attach, volume, new_server())
    held = attached(attach, volume, held_by)
    nova.server(held_by, volumes=((volume, held),))
    monkeypatch.setenv("OS_CLIENT_CONFIG_FILE", str(devcloud.clouds_yaml))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    client = cinder_attach.connect("devcloud", use_cache=False)
    rows = {row.id: row for row in client.prune(volume_id=volume)}
    assert {k: (r.verdict, r.result) for k, r in rows.items()} == {gone_att: ("prune", ""), held: ("keep", "")}
    applied = {row.id: row.result for row in client.prune(volume_id=volume, apply=True)}
    assert applied == {gone_att: "deleted", held: ""}
    assert ids_on(devcloud, volume) == {held}
