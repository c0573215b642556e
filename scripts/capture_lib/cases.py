"""The cases a capture drives, in groups (``--only`` picks one): each request is one fixture, and the order
matters (a show after a complete, a delete after the lists that show the attachment)."""

from __future__ import annotations

import time
import uuid
from collections.abc import Mapping
from typing import Any

from devcloud_lib.client import REFERENCE_CONNECTOR

from capture_lib.session import MV_327, MV_344, MV_348, MV_354, MV_369, CaptureError, Reply, Session

ONE = "/attachments/{attachment_id}"
MANY = "/attachments"
DETAIL = "/attachments/detail"
BAD_TOKEN = "not-a-valid-token"


def run_attachments(s: Session) -> None:
    """Drive every attachment case with two volumes (the demo project's quota is shared)."""
    stamp = time.strftime("%H%M%S")
    volumes: list[str] = []
    try:
        vol_a = s.create_volume(f"capture-{stamp}-a")
        volumes.append(vol_a)
        vol_b = s.create_volume(f"capture-{stamp}-b")
        volumes.append(vol_b)
        instance_1 = str(uuid.uuid4())
        a1_id = reserve_for_an_instance(s, vol_a, instance_1)
        b1_id = connect_and_complete(s, vol_b)
        lists(s, vol_a, instance_1)
        deletes(s, vol_a, a1_id, b1_id)
        reserve_327_then_connect(s, vol_a)
        faults(s, vol_a)
    finally:
        s.cleanup(volumes)


def reserve_for_an_instance(s: Session, vol: str, instance: str) -> dict[str, str]:
    """Reserve for an instance, show it, and be refused a second instance."""
    body: Any = {"attachment": {"volume_uuid": vol, "instance_uuid": instance}}
    a1 = s.capture("create_attachment", "reserve_354", "POST", MANY, microversion=MV_354, body=body, expect=200)
    a1_id = {"attachment_id": a1.body["attachment"]["id"]}
    s.capture("show_attachment", "reserved", "GET", ONE, path_values=a1_id, microversion=MV_327, expect=200)
    body = {"attachment": {"volume_uuid": vol, "instance_uuid": str(uuid.uuid4())}}
    case = "second_attachment_not_multiattach"
    s.capture("create_attachment", case, "POST", MANY, microversion=MV_354, body=body, expect=400)
    return a1_id


def connect_and_complete(s: Session, vol: str) -> dict[str, str]:
    """Reserve and connect in one call, show (attaching), complete, show (attached)."""
    body = {"attachment": {"volume_uuid": vol, "connector": REFERENCE_CONNECTOR, "mode": "rw"}}
    b1 = s.capture("create_attachment", "connector_mode_rw", "POST", MANY, microversion=MV_354, body=body, expect=200)
    b1_id = {"attachment_id": b1.body["attachment"]["id"]}
    s.capture("show_attachment", "attaching", "GET", ONE, path_values=b1_id, microversion=MV_327, expect=200)
    complete = {"os-complete": None}
    action = ONE + "/action"
    s.capture(
        "complete_attachment", "complete", "POST", action, path_values=b1_id, microversion=MV_344, body=complete,
        expect=204,
    )  # fmt: skip
    s.capture("show_attachment", "attached", "GET", ONE, path_values=b1_id, microversion=MV_354, expect=200)
    return b1_id


def lists(s: Session, vol: str, instance: str) -> None:
    """Lists (they also show whatever else lives in the project)."""

    def listing(operation: str, case: str, query: dict[str, str] | None, microversion: str, expect: int = 200) -> None:
        path = DETAIL if operation == "list_attachments_detail" else MANY
        s.capture(operation, case, "GET", path, microversion=microversion, query=query, expect=expect)

    listing("list_attachments", "all", None, MV_327)
    listing("list_attachments", "volume_filter", {"volume_id": vol}, MV_327)
    listing("list_attachments_detail", "all", None, MV_327)
    listing("list_attachments_detail", "limit", {"limit": "1", "sort": "created_at:desc"}, MV_354)
    listing("list_attachments_detail", "attach_status_filter", {"attach_status": "reserved", "volume_id": vol}, MV_354)
    listing("list_attachments_detail", "instance_filter", {"instance_id": instance}, MV_354)
    # Quirk: `status` is accepted as a filter but matches nothing (the column is attach_status).
    listing("list_attachments", "status_filter_matches_nothing", {"status": "reserved", "volume_id": vol}, MV_354)
    listing("list_attachments", "unknown_filter", {"bogus": "x"}, MV_354, expect=400)


def deletes(s: Session, vol: str, reserved_id: dict[str, str], attached_id: dict[str, str]) -> None:
    """A reserved attachment with an instance, and a completed one without."""
    s.capture("delete_attachment", "reserved", "DELETE", ONE, path_values=reserved_id, microversion=MV_327, expect=200)
    case = "attached_no_instance"
    s.capture("delete_attachment", case, "DELETE", ONE, path_values=attached_id, microversion=MV_354, expect=200)
    s.wait_volume(vol, "available")


def reserve_327_then_connect(s: Session, vol: str) -> None:
    """Reserve at 3.27 (no mode, no instance), give it a connector, delete it."""
    body: Any = {"attachment": {"volume_uuid": vol}}
    c1 = s.capture("create_attachment", "reserve_327", "POST", MANY, microversion=MV_327, body=body, expect=200)
    c1_id = {"attachment_id": c1.body["attachment"]["id"]}
    body = {"attachment": {"connector": REFERENCE_CONNECTOR}}
    s.capture(
        "update_attachment", "connector", "PUT", ONE, path_values=c1_id, microversion=MV_327, body=body, expect=200
    )
    s.request("DELETE", ONE.format(**c1_id), microversion=MV_327)
    s.wait_volume(vol, "available")


def faults(s: Session, vol: str) -> None:
    """Refusals (none of these creates anything, except possibly the last one)."""
    missing = str(uuid.uuid4())
    plain = {"attachment": {"volume_uuid": vol}}

    def create(case: str, expect: int, body: Any, microversion: str | None = MV_354, **kw: Any) -> Reply:
        return s.capture(
            "create_attachment", case, "POST", MANY, microversion=microversion, body=body, expect=expect, **kw
        )

    create("missing_volume", 404, {"attachment": {"volume_uuid": missing}})
    create("invalid_mode", 400, {"attachment": {"volume_uuid": vol, "mode": "xx"}})
    create("unknown_field", 400, {"attachment": {"volume_uuid": vol, "bogus": "x"}})
    create("mode_null", 400, {"attachment": {"volume_uuid": vol, "mode": None}})
    create("version_too_high", 406, plain, microversion="volume 3.99")
    create("no_microversion", 404, plain, microversion=None)
    create("bad_token", 401, plain, token=BAD_TOKEN)
    s.capture("list_attachments", "bad_token", "GET", MANY, microversion=MV_327, token=BAD_TOKEN, expect=401)
    gone = {"attachment_id": missing}
    s.capture("show_attachment", "missing", "GET", ONE, path_values=gone, microversion=MV_327, expect=404)
    create("connector_without_initiator", 500, {"attachment": {"volume_uuid": vol, "connector": {"host": "h1"}}})


def run_volumes(s: Session) -> None:
    """The volume lookup by name (GET /volumes/detail?name=), with three volumes: one unique name, two alike;
    then one volume read (GET /volumes/{id})."""
    stamp = time.strftime("%H%M%S")
    volumes: list[str] = []
    unique, twin = f"capture-{stamp}-unique", f"capture-{stamp}-twin"

    def cap(case: str, name: str) -> Reply:
        query = {"name": name}
        return s.capture(
            "list_volumes_detail", case, "GET", "/volumes/detail", microversion=MV_327, query=query, expect=200
        )

    try:
        for name in (unique, twin, twin):
            volumes.append(s.create_volume(name))
        if len(cap("name_unique", unique).body["volumes"]) != 1:
            raise CaptureError(f"name={unique} did not match exactly one volume")
        if len(cap("name_ambiguous", twin).body["volumes"]) != 2:
            raise CaptureError(f"name={twin} did not match both volumes")
        cap("name_missing", f"capture-{stamp}-none")
        # On SQLite the filter is exact and case-sensitive (a MySQL Cinder would match this one).
        cap("name_other_case", unique.upper())
        run_show_volume(s, volumes[0])
    finally:
        s.cleanup(volumes)


def run_show_volume(s: Session, volume_id: str) -> None:
    """GET /volumes/{id}: available at the three described microversions, in-use, and missing."""
    one = "/volumes/{volume_id}"
    path_values = {"volume_id": volume_id}

    def cap(case: str, microversion: str, expect: int = 200, values: Mapping[str, str] = path_values) -> Reply:
        return s.capture("show_volume", case, "GET", one, path_values=values, microversion=microversion, expect=expect)

    for microversion in (MV_327, MV_348, MV_369):
        cap("available_" + microversion.split()[1].replace(".", ""), microversion)
    # Attached (connector, completed; no instance, so the cleanup's plain delete is allowed).
    body = {"attachment": {"volume_uuid": volume_id, "connector": REFERENCE_CONNECTOR, "mode": "rw"}}
    created = s.request("POST", "/attachments", microversion=MV_354, body=body)
    if created.status != 200:
        raise CaptureError(f"attach {volume_id}: {created.status} {created.body}")
    action = f"/attachments/{created.body['attachment']['id']}/action"
    done = s.request("POST", action, microversion=MV_344, body={"os-complete": None})
    if done.status != 204:
        raise CaptureError(f"complete {action}: {done.status} {done.body}")
    if cap("in_use_369", MV_369).body["volume"]["status"] != "in-use":
        raise CaptureError(f"volume {volume_id} is not in-use after os-complete")
    cap("missing", MV_327, 404, {"volume_id": str(uuid.uuid4())})


def run(s: Session) -> None:
    """Every group of cases."""
    run_attachments(s)
    run_volumes(s)


GROUPS = {"attachments": run_attachments, "volumes": run_volumes}
