"""One capture session against the devcloud: log in, send a request, and write its answer as a fixture."""

from __future__ import annotations

import json
import os
import sys
import time
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from devcloud_lib.client import ClientError, catalog_url, http_json, keystone_login

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "contract" / "fixtures"
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
