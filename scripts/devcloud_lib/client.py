"""The one small HTTP client that devcloud, bench, the e2e tests and the contract capture share.

Stdlib only (urllib): it runs under a bare python3 before any venv exists. Everything it talks to
is on loopback, so proxies from the environment are never used.

- ``http_json``: one JSON request, answering ``(status, headers, body)``; an HTTP error status is
  an answer, not an exception. Header names come back in lower case. ``expect`` checks the status.
- ``keystone_login``: a Keystone v3 password login scoped to the user's project.
- ``catalog_url``: an endpoint from a token's catalog.
- ``REFERENCE_CONNECTOR``: the connector example of Cinder's API reference (attachment create),
  and ``connector_options`` to turn a connector into ``attach --connector KEY=VALUE`` options.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

DEFAULT_TIMEOUT = 30.0
DEFAULT_USER_AGENT = "devcloud"

# Cinder's API reference, "Create attachment" (os-brick's keys for an iSCSI host).
REFERENCE_CONNECTOR: dict[str, Any] = {
    "initiator": "iqn.1993-08.org.debian:01:cad181614cec",
    "ip": "192.168.1.20",
    "platform": "x86_64",
    "host": "tempest-1",
    "os_type": "linux2",
    "multipath": False,
    "mountpoint": "/dev/vdb",
}

_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback: never via a proxy


class ClientError(Exception):
    """A service answered, but not with what the caller needs (e.g. Keystone refused a login)."""


def http_json(
    method: str,
    url: str,
    body: Any = None,
    headers: dict[str, str] | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> tuple[int, dict[str, str], Any]:
    """Send one request (``body`` as JSON if not None) and return (status, headers, parsed body).

    The body is the parsed JSON, else the text, else None when empty. Header names are lower case.
    A connection failure raises OSError (urllib's URLError is one).
    """
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method)
    req.add_header("Accept", "application/json")
    req.add_header("User-Agent", DEFAULT_USER_AGENT)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    for name, value in (headers or {}).items():
        req.add_header(name, value)  # a caller's User-Agent replaces the default
    try:
        with _OPENER.open(req, timeout=timeout) as resp:
            status, raw_headers, raw = resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as err:
        status, raw_headers, raw = err.code, err.headers, err.read()
    parsed: Any = None
    if raw:
        try:
            parsed = json.loads(raw)
        except ValueError:
            parsed = raw.decode("utf-8", "replace")
    return status, {k.lower(): v for k, v in raw_headers.items()}, parsed


def expect(result: tuple[int, dict[str, str], Any], ok: tuple[int, ...], what: str) -> Any:
    """The body of an ``http_json`` answer whose status is in ``ok``; else ClientError naming ``what``."""
    status, _, body = result
    if status not in ok:
        raise ClientError(f"{what}: HTTP {status}: {str(body)[:500]}")
    return body


def password_body(user: dict[str, str]) -> dict[str, Any]:
    """Keystone v3 password auth scoped to the user's project, for a devcloud user
    (``{"name", "password", "project", "domain"}``, as in the devcloud's state.json)."""
    domain = {"name": user["domain"]}
    return {
        "auth": {
            "identity": {
                "methods": ["password"],
                "password": {"user": {"name": user["name"], "domain": domain, "password": user["password"]}},
            },
            "scope": {"project": {"name": user["project"], "domain": domain}},
        }
    }


def keystone_login(
    keystone_url: str,
    user: dict[str, str],
    headers: dict[str, str] | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> tuple[str, dict[str, Any]]:
    """Log in with a password; return (token, the token body with its catalog).

    ``keystone_url`` ends in ``/v3``. Raises ClientError when Keystone does not issue a token.
    """
    status, hdrs, data = http_json("POST", f"{keystone_url}/auth/tokens", password_body(user), headers, timeout)
    token = hdrs.get("x-subject-token")
    if status != 201 or not token or not isinstance(data, dict):
        raise ClientError(f"keystone refused a token for {user['name']}: HTTP {status}: {str(data)[:300]}")
    return token, data["token"]


def catalog_url(
    token_body: dict[str, Any],
    service_type: str,
    interface: str = "public",
    region: str | None = None,
) -> str:
    """The URL (no trailing slash) of a service's endpoint in a token's catalog; ClientError if none."""
    for service in token_body.get("catalog", []):
        if service.get("type") != service_type:
            continue
        for endpoint in service.get("endpoints", []):
            if endpoint.get("interface") != interface:
                continue
            if region is None or region in (endpoint.get("region_id"), endpoint.get("region")):
                return str(endpoint["url"]).rstrip("/")
    raise ClientError(f"no {interface} {service_type} endpoint in the catalog")


def connector_options(connector: dict[str, Any] | None = None) -> list[str]:
    """``["--connector", "KEY=VALUE", ...]`` for `attach`: strings as they are, anything else as JSON."""
    options: list[str] = []
    for key, value in (REFERENCE_CONNECTOR if connector is None else connector).items():
        text = value if isinstance(value, str) else json.dumps(value)
        options += ["--connector", f"{key}={text}"]
    return options


if __name__ == "__main__":  # `python3 scripts/devcloud_lib/client.py` prints the reference connector's options
    print("\n".join(connector_options()))
