"""Keystone's admin API, used once per `up` to register projects, users, roles and the catalog."""

from __future__ import annotations

import urllib.parse
from typing import Any

from devcloud_lib.client import expect, http_json, keystone_login
from devcloud_lib.settings import HOST, REGION, USERS, keystone_url


class Admin:
    """Minimal Keystone admin REST client, for idempotent look-up-then-create."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.token, _ = keystone_login(url, USERS["admin"])

    def call(self, method: str, path: str, body: Any = None, ok: tuple[int, ...] = (200,)) -> Any:
        res = http_json(method, f"{self.url}{path}", body, {"X-Auth-Token": self.token})
        return expect(res, ok, f"keystone {method} {path}")

    def find(self, collection: str, **query: str) -> list[dict[str, Any]]:
        return list(self.call("GET", f"/{collection}?{urllib.parse.urlencode(query)}")[collection])

    def ensure(self, collection: str, query: dict[str, str], create: dict[str, Any]) -> str:
        found = self.find(collection, **query)
        if found:
            return str(found[0]["id"])
        key = collection[:-1]
        return str(self.call("POST", f"/{collection}", {key: create}, ok=(201,))[key]["id"])

    def ensure_endpoints(self, service_id: str, url: str) -> None:
        existing = self.find("endpoints", service_id=service_id)
        for iface in ("public", "internal", "admin"):
            mine = [e for e in existing if e["interface"] == iface]
            if not mine:
                endpoint = {"service_id": service_id, "interface": iface, "url": url, "region_id": REGION}
                self.call("POST", "/endpoints", {"endpoint": endpoint}, ok=(201,))
            elif mine[0]["url"] != url or mine[0].get("region_id") != REGION:
                self.call("PATCH", f"/endpoints/{mine[0]['id']}", {"endpoint": {"url": url, "region_id": REGION}})


GRANTS = {"admin": ["admin"], "member": ["member"], "cinder": ["admin", "service"]}


def register(kport: int, cport: int) -> dict[str, str]:
    """Projects, users, roles, services and endpoints (idempotent); returns project ids."""
    url = keystone_url(kport)
    adm = Admin(url)
    dom = {"domain_id": "default"}
    projects = {
        name: adm.ensure("projects", {"name": name, **dom}, {"name": name, **dom, "description": f"devcloud {name}"})
        for name in ("admin", "service", "demo")
    }
    roles = {r: adm.ensure("roles", {"name": r}, {"name": r}) for r in ("admin", "member", "reader", "service")}
    for key, user in USERS.items():
        pid = projects[user["project"]]
        uid = adm.ensure(
            "users",
            {"name": user["name"], **dom},
            {"name": user["name"], "password": user["password"], **dom, "default_project_id": pid, "enabled": True},
        )
        for role in GRANTS[key]:
            adm.call("PUT", f"/projects/{pid}/users/{uid}/roles/{roles[role]}", ok=(201, 204))
    # Keystone's own endpoints follow its port (bootstrap wrote the first one).
    ks_id = adm.ensure("services", {"type": "identity"}, {"type": "identity", "name": "keystone"})
    adm.ensure_endpoints(ks_id, url)
    cinder_url = f"http://{HOST}:{cport}/v3/%(project_id)s"
    for stype, name in (("block-storage", "cinder"), ("volumev3", "cinderv3")):
        sid = adm.ensure("services", {"type": stype}, {"type": stype, "name": name, "enabled": True})
        adm.ensure_endpoints(sid, cinder_url)
    return projects
