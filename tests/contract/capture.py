#!/usr/bin/env python3
"""Capture real Cinder attachment responses as contract-test fixtures.

Run against a running devcloud (``scripts/devcloud up``; this script never starts or
stops it):

    python3 tests/contract/capture.py                 # writes tests/contract/fixtures/*.json
    python3 tests/contract/capture.py --out DIR       # somewhere else
    python3 tests/contract/capture.py --only volumes  # one group; only its fixtures are replaced

Stdlib only. Reads ``.devcloud/state.json`` (or ``$DEVCLOUD_DIR/state.json``) for the
Keystone URL and the users, gets a token for the ``member`` user of the ``demo``
project, takes the block-storage endpoint from the token's catalog, creates a few
volumes, drives the attachments API through every case listed in FIXTURES below,
cleans up what it created, and writes one JSON file per response:

    {"operation", "case",
     "request": {method, path_template, path_params, microversion, query, body},
     "status", "headers": {OpenStack-API-Version, X-OpenStack-Request-Id, Content-Type},
     "body"}

Nothing secret is written: tokens are never part of a fixture, and the fake driver's
connection_info carries no CHAP credentials.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
import urllib.parse
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))  # devcloud_lib: the HTTP client the devcloud and the tests share
from devcloud_lib.client import REFERENCE_CONNECTOR, ClientError, catalog_url, http_json, keystone_login  # noqa: E402

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TIMEOUT = 30.0
KEPT_HEADERS = ("OpenStack-API-Version", "X-OpenStack-Request-Id", "Content-Type")
MV_354 = "volume 3.54"
MV_327 = "volume 3.27"
MV_344 = "volume 3.44"
MV_348 = "volume 3.48"
MV_369 = "volume 3.69"


class CaptureError(Exception):
    """Something about the devcloud or a response was not as expected."""


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: Any


@dataclass
class Session:
    endpoint: str
    token: str
    out: Path
    written: list[str] = field(default_factory=list)

    # -- HTTP ---------------------------------------------------------------

    def request(
        self,
        method: str,
        path: str,
        *,
        microversion: str | None = None,
        body: Any = None,
        query: Mapping[str, str] | None = None,
        token: str | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> Reply:
        url = self.endpoint + path
        if query:
            url += "?" + urllib.parse.urlencode(query)
        headers = {"Accept": "application/json", "X-Auth-Token": token if token is not None else self.token}
        if microversion is not None:
            headers["OpenStack-API-Version"] = microversion
        if extra_headers:
            headers.update(extra_headers)
        return http(method, url, headers, body)

    # -- fixtures -----------------------------------------------------------

    def capture(
        self,
        operation: str,
        case: str,
        method: str,
        path_template: str,
        *,
        path_values: Mapping[str, str] | None = None,
        microversion: str | None,
        body: Any = None,
        query: Mapping[str, str] | None = None,
        expect: int,
        token: str | None = None,
    ) -> Reply:
        path = path_template.format(**(path_values or {}))
        reply = self.request(method, path, microversion=microversion, body=body, query=query, token=token)
        if reply.status != expect:
            raise CaptureError(
                f"{operation}/{case}: expected {expect}, got {reply.status}: {json.dumps(reply.body)[:500]}"
            )
        fixture = {
            "operation": operation,
            "case": case,
            "request": {
                "method": method,
                "path_template": path_template,
                "path_params": dict(path_values) if path_values else None,
                "microversion": microversion,
                "query": dict(query) if query else None,
                "body": body,
            },
            "status": reply.status,
            "headers": kept_headers(reply.headers),
            "body": reply.body,
        }
        name = f"{operation}.{reply.status}.{case}.json"
        (self.out / name).write_text(json.dumps(fixture, indent=2, ensure_ascii=False) + "\n")
        self.written.append(name)
        print(f"  {reply.status} {operation:<24} {case}", file=sys.stderr)
        return reply

    # -- helpers that are not fixtures --------------------------------------

    def create_volume(self, name: str) -> str:
        reply = self.request("POST", "/volumes", body={"volume": {"size": 1, "name": name}})
        if reply.status == 413:
            raise CaptureError(
                f"create volume: over quota ({reply.body}); delete some volumes of the project "
                "or capture as another devcloud user (--user admin)"
            )
        if reply.status != 202:
            raise CaptureError(f"create volume: {reply.status} {reply.body}")
        volume_id: str = reply.body["volume"]["id"]
        self.wait_volume(volume_id, "available")
        return volume_id

    def wait_volume(self, volume_id: str, status: str) -> None:
        deadline = time.monotonic() + TIMEOUT
        while True:
            reply = self.request("GET", f"/volumes/{volume_id}")
            current = reply.body.get("volume", {}).get("status") if reply.status == 200 else None
            if current == status:
                return
            if current is not None and current.startswith("error"):
                raise CaptureError(f"volume {volume_id} went to {current}")
            if time.monotonic() > deadline:
                raise CaptureError(f"volume {volume_id} is {current}, not {status}, after {TIMEOUT:.0f}s")
            time.sleep(0.2)

    def cleanup(self, volume_ids: list[str]) -> None:
        """Delete every attachment of our volumes, then the volumes (best effort)."""
        for volume_id in volume_ids:
            listing = self.request("GET", "/attachments", microversion=MV_327, query={"volume_id": volume_id})
            for attachment in listing.body.get("attachments", []) if listing.status == 200 else []:
                self.request("DELETE", f"/attachments/{attachment['id']}", microversion=MV_327)
        for volume_id in volume_ids:
            deadline = time.monotonic() + TIMEOUT
            while time.monotonic() < deadline:
                reply = self.request("DELETE", f"/volumes/{volume_id}")
                if reply.status in (202, 404):
                    break
                time.sleep(0.3)
            else:
                print(f"capture: could not delete volume {volume_id} (left behind)", file=sys.stderr)


def kept_headers(headers: Mapping[str, str]) -> dict[str, str]:
    """The KEPT_HEADERS of a response, under their canonical spelling (webob sends
    ``Openstack-Api-Version`` and ``X-Openstack-Request-Id``)."""
    by_lower = {name.lower(): value for name, value in headers.items()}
    return {name: by_lower[name.lower()] for name in KEPT_HEADERS if name.lower() in by_lower}


def http(method: str, url: str, headers: Mapping[str, str], body: Any = None) -> Reply:
    return Reply(*http_json(method, url, body, dict(headers), TIMEOUT))


def load_state() -> dict[str, Any]:
    directory = Path(os.environ.get("DEVCLOUD_DIR", ROOT / ".devcloud"))
    path = directory / "state.json"
    if not path.is_file():
        raise CaptureError(f"{path} not found: start the devcloud first (scripts/devcloud up)")
    state: dict[str, Any] = json.loads(path.read_text())
    if not state.get("ready"):
        raise CaptureError(f"{path} says the devcloud is not ready (scripts/devcloud status)")
    return state


def login(state: Mapping[str, Any], user_key: str) -> tuple[str, str]:
    """Password-authenticate a devcloud user; return (token, block-storage endpoint)."""
    user = state["users"][user_key]
    try:
        token, body = keystone_login(state["keystone_url"], user, timeout=TIMEOUT)
    except ClientError as err:
        raise CaptureError(str(err)) from None
    try:
        return token, catalog_url(body, "block-storage", region=state.get("region"))
    except ClientError:
        fallback = state.get("block_storage_endpoints", {}).get(user["project"])
        if fallback:
            return token, str(fallback).rstrip("/")
        raise CaptureError("no block-storage endpoint in the catalog") from None


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


def run_attachments(s: Session) -> None:
    """Drive every attachment case with two volumes (the demo project's quota is shared)."""
    stamp = time.strftime("%H%M%S")
    volumes: list[str] = []
    one = "/attachments/{attachment_id}"

    def cap(operation: str, case: str, method: str, path: str, expect: int, **kwargs: Any) -> Reply:
        return s.capture(operation, case, method, path, expect=expect, **kwargs)

    try:
        vol_a = s.create_volume(f"capture-{stamp}-a")
        volumes.append(vol_a)
        vol_b = s.create_volume(f"capture-{stamp}-b")
        volumes.append(vol_b)
        instance_1, instance_2 = str(uuid.uuid4()), str(uuid.uuid4())

        # A: reserve for an instance, show it, and be refused a second instance.
        body: Any = {"attachment": {"volume_uuid": vol_a, "instance_uuid": instance_1}}
        a1 = cap("create_attachment", "reserve_354", "POST", "/attachments", 200, microversion=MV_354, body=body)
        a1_id = {"attachment_id": a1.body["attachment"]["id"]}
        cap("show_attachment", "reserved", "GET", one, 200, path_values=a1_id, microversion=MV_327)
        body = {"attachment": {"volume_uuid": vol_a, "instance_uuid": instance_2}}
        cap(
            "create_attachment",
            "second_attachment_not_multiattach",
            "POST",
            "/attachments",
            400,
            microversion=MV_354,
            body=body,
        )

        # B: reserve and connect in one call, show (attaching), complete, show (attached).
        body = {"attachment": {"volume_uuid": vol_b, "connector": REFERENCE_CONNECTOR, "mode": "rw"}}
        b1 = cap(
            "create_attachment",
            "connector_mode_rw",
            "POST",
            "/attachments",
            200,
            microversion=MV_354,
            body=body,
        )
        b1_id = {"attachment_id": b1.body["attachment"]["id"]}
        cap("show_attachment", "attaching", "GET", one, 200, path_values=b1_id, microversion=MV_327)
        cap(
            "complete_attachment",
            "complete",
            "POST",
            one + "/action",
            204,
            path_values=b1_id,
            microversion=MV_344,
            body={"os-complete": None},
        )
        cap("show_attachment", "attached", "GET", one, 200, path_values=b1_id, microversion=MV_354)

        # Lists (they also show whatever else lives in the project).
        cap("list_attachments", "all", "GET", "/attachments", 200, microversion=MV_327)
        cap(
            "list_attachments",
            "volume_filter",
            "GET",
            "/attachments",
            200,
            microversion=MV_327,
            query={"volume_id": vol_a},
        )
        cap("list_attachments_detail", "all", "GET", "/attachments/detail", 200, microversion=MV_327)
        cap(
            "list_attachments_detail",
            "limit",
            "GET",
            "/attachments/detail",
            200,
            microversion=MV_354,
            query={"limit": "1", "sort": "created_at:desc"},
        )
        cap(
            "list_attachments_detail",
            "attach_status_filter",
            "GET",
            "/attachments/detail",
            200,
            microversion=MV_354,
            query={"attach_status": "reserved", "volume_id": vol_a},
        )
        cap(
            "list_attachments_detail",
            "instance_filter",
            "GET",
            "/attachments/detail",
            200,
            microversion=MV_354,
            query={"instance_id": instance_1},
        )
        # Quirk: `status` is accepted as a filter but matches nothing (the column is attach_status).
        cap(
            "list_attachments",
            "status_filter_matches_nothing",
            "GET",
            "/attachments",
            200,
            microversion=MV_354,
            query={"status": "reserved", "volume_id": vol_a},
        )
        cap(
            "list_attachments",
            "unknown_filter",
            "GET",
            "/attachments",
            400,
            microversion=MV_354,
            query={"bogus": "x"},
        )

        # Deletes: a reserved attachment with an instance, and a completed one without.
        cap("delete_attachment", "reserved", "DELETE", one, 200, path_values=a1_id, microversion=MV_327)
        cap(
            "delete_attachment",
            "attached_no_instance",
            "DELETE",
            one,
            200,
            path_values=b1_id,
            microversion=MV_354,
        )
        s.wait_volume(vol_a, "available")

        # A again: reserve at 3.27 (no mode, no instance), give it a connector, delete it.
        c1 = cap(
            "create_attachment",
            "reserve_327",
            "POST",
            "/attachments",
            200,
            microversion=MV_327,
            body={"attachment": {"volume_uuid": vol_a}},
        )
        c1_id = {"attachment_id": c1.body["attachment"]["id"]}
        cap(
            "update_attachment",
            "connector",
            "PUT",
            one,
            200,
            path_values=c1_id,
            microversion=MV_327,
            body={"attachment": {"connector": REFERENCE_CONNECTOR}},
        )
        s.request("DELETE", one.format(**c1_id), microversion=MV_327)
        s.wait_volume(vol_a, "available")

        # Faults (none of these creates anything, except possibly the last one).
        missing = str(uuid.uuid4())
        plain = {"attachment": {"volume_uuid": vol_a}}
        cap(
            "create_attachment",
            "missing_volume",
            "POST",
            "/attachments",
            404,
            microversion=MV_354,
            body={"attachment": {"volume_uuid": missing}},
        )
        cap(
            "create_attachment",
            "invalid_mode",
            "POST",
            "/attachments",
            400,
            microversion=MV_354,
            body={"attachment": {"volume_uuid": vol_a, "mode": "xx"}},
        )
        cap(
            "create_attachment",
            "unknown_field",
            "POST",
            "/attachments",
            400,
            microversion=MV_354,
            body={"attachment": {"volume_uuid": vol_a, "bogus": "x"}},
        )
        cap(
            "create_attachment",
            "mode_null",
            "POST",
            "/attachments",
            400,
            microversion=MV_354,
            body={"attachment": {"volume_uuid": vol_a, "mode": None}},
        )
        cap(
            "create_attachment",
            "version_too_high",
            "POST",
            "/attachments",
            406,
            microversion="volume 3.99",
            body=plain,
        )
        cap("create_attachment", "no_microversion", "POST", "/attachments", 404, microversion=None, body=plain)
        cap(
            "create_attachment",
            "bad_token",
            "POST",
            "/attachments",
            401,
            microversion=MV_354,
            body=plain,
            token="not-a-valid-token",
        )
        cap(
            "list_attachments",
            "bad_token",
            "GET",
            "/attachments",
            401,
            microversion=MV_327,
            token="not-a-valid-token",
        )
        cap(
            "show_attachment",
            "missing",
            "GET",
            one,
            404,
            path_values={"attachment_id": missing},
            microversion=MV_327,
        )
        cap(
            "create_attachment",
            "connector_without_initiator",
            "POST",
            "/attachments",
            500,
            microversion=MV_354,
            body={"attachment": {"volume_uuid": vol_a, "connector": {"host": "h1"}}},
        )
    finally:
        s.cleanup(volumes)


GROUPS = {"attachments": run_attachments, "volumes": run_volumes}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=FIXTURES, help=f"fixture directory (default {FIXTURES})")
    parser.add_argument("--user", default="member", help="devcloud user key in state.json (default member)")
    parser.add_argument(
        "--only", choices=sorted(GROUPS), help="capture one group of cases; only the fixtures it writes are replaced"
    )
    args = parser.parse_args(argv)
    try:
        state = load_state()
        token, endpoint = login(state, args.user)
        args.out.mkdir(parents=True, exist_ok=True)
        print(f"capture: {endpoint} as {args.user}", file=sys.stderr)
        # Capture into a scratch directory; replace the old fixtures only if all went well.
        with tempfile.TemporaryDirectory(prefix=".capture-", dir=args.out) as scratch:
            session = Session(endpoint=endpoint, token=token, out=Path(scratch))
            (GROUPS[args.only] if args.only else run)(session)
            operations = {name.split(".")[0] for name in session.written}
            for old in args.out.glob("*.json"):
                if not args.only or old.name.split(".")[0] in operations:
                    old.unlink()
            for name in session.written:
                shutil.move(Path(scratch) / name, args.out / name)
    except (CaptureError, OSError) as err:
        print(f"capture: error: {err}", file=sys.stderr)
        return 1
    print(f"capture: wrote {len(session.written)} fixtures to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
