"""A Keystone-like local server for the cold path: POST /v3/auth/tokens answers with a token and a catalog,
so openstacksdk's loader and keystoneauth1 run for real (no monkeypatched ``authenticate``)."""

from __future__ import annotations

import ssl
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from local_server import Answer, LocalServer, Seen

PROJECT = "0123456789abcdef0123456789abcdef"


def token_of(user: str) -> str:
    return f"token-for-{user}"


@dataclass
class FakeKeystone:
    """Hands every user ``token-for-<name>``; ``regions`` maps a region name to its block-storage URL."""

    regions: dict[str, str] = field(default_factory=dict)
    tls: ssl.SSLContext | None = None
    logins: list[str] = field(default_factory=list)  # user names, in order
    # What each login named: (user's domain, project, project's domain), in order.
    scopes: list[tuple[str | None, str | None, str | None]] = field(default_factory=list)

    def answer(self, seen: Seen) -> Answer:
        if seen.method != "POST" or not seen.path.startswith("/v3/auth/tokens"):
            return Answer.json(404, {"error": {"code": 404, "title": "Not Found", "message": seen.path}})
        auth = seen.json()["auth"]
        named = auth["identity"]["password"]["user"]
        user = named["name"]
        self.logins.append(user)
        project = auth.get("scope", {}).get("project", {})
        domain = lambda found: (found.get("domain") or {}).get("name")  # noqa: E731
        self.scopes.append((domain(named), project.get("name"), domain(project)))
        return Answer.json(201, {"token": self._token(user)}, **{"X-Subject-Token": token_of(user)})

    def _token(self, user: str) -> dict[str, Any]:
        domain = {"id": "default", "name": "Default"}
        endpoints = [
            {"id": f"e{i}", "interface": "public", "region": name, "region_id": name, "url": url}
            for i, (name, url) in enumerate(self.regions.items())
        ]
        return {
            "methods": ["password"],
            "expires_at": "2099-01-01T00:00:00.000000Z",
            "issued_at": "2025-01-01T00:00:00.000000Z",
            "user": {"id": f"id-{user}", "name": user, "domain": domain},
            "project": {"id": PROJECT, "name": "demo", "domain": domain},
            "roles": [{"id": "r1", "name": "member"}],
            "catalog": [{"id": "s1", "type": "block-storage", "name": "cinder", "endpoints": endpoints}],
        }

    def server(self) -> LocalServer:
        return LocalServer(self.answer, tls=self.tls)


def write_clouds(path: Path, auth_url: str, clouds: dict[str, dict[str, Any]]) -> Path:
    """A clouds.yaml with one password cloud per entry: ``{name: {"username": …, **extra top-level keys}}``."""
    import yaml

    doc: dict[str, Any] = {"clouds": {}}
    for name, spec in clouds.items():
        spec = dict(spec)
        doc["clouds"][name] = {
            "auth_type": "password",
            "auth": {
                "auth_url": auth_url,
                "username": spec.pop("username"),
                "password": "pw",
                "project_name": "demo",
                "user_domain_name": "Default",
                "project_domain_name": "Default",
            },
            **spec,
        }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(doc))
    return path
