"""The optional fake Nova (devcloud_lib/fake_nova.py): start it, register it in Keystone's catalog as
service type ``compute``, and undo both.

Why here: without a compute endpoint Cinder refuses an owner's delete of a connected attachment with
500, and `attach prune` says every server's state is unknown. Tests that need a Nova turn it on, and
off again afterwards, so that every other test sees the devcloud exactly as before. Cinder reads the
catalog from a fresh token each time it asks Nova, so a change is seen at once.

- ``scripts/devcloud up --with-fake-nova`` (or ``scripts/devcloud nova on``): start and register;
- ``scripts/devcloud nova off``: deregister and stop; ``down`` stops it too.
- The bench registers its own copy under its own name with :func:`register` and :func:`deregister`.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from devcloud_lib.client import http_json
from devcloud_lib.console import DevcloudError, say
from devcloud_lib.keystone_admin import Admin
from devcloud_lib.procs import base_env, free_port, proc_alive, spawn, start_ticks, stop_pid, wait_for
from devcloud_lib.settings import HOST, LOG_FILES, NOVA_NAME, SCRIPTS


def compute_url(port: int) -> str:
    """The catalog's compute endpoint: Nova's is ``…/v2.1`` (no project id since Nova 2.18)."""
    return f"http://{HOST}:{port}/v2.1"


def control_url(port: int) -> str:
    """Where tests program the fake (``/_fake/servers/{id}``)."""
    return f"http://{HOST}:{port}/_fake"


def _compute_services(adm: Admin) -> list[dict[str, Any]]:
    return adm.find("services", type="compute")


def register(keystone_url: str, url: str, name: str = NOVA_NAME) -> None:
    """A ``compute`` service called ``name`` with public, internal and admin endpoints at ``url``
    (idempotent). Another compute service in the catalog is an error: this is not a devcloud then."""
    adm = Admin(keystone_url)
    services = _compute_services(adm)
    others = [s for s in services if s.get("name") != name]
    if others:
        raise DevcloudError(f"the catalog already has a compute service ({others[0].get('name')})")
    if services:
        sid = str(services[0]["id"])
    else:
        body = {"service": {"type": "compute", "name": name, "enabled": True, "description": "devcloud fake Nova"}}
        sid = str(adm.call("POST", "/services", body, ok=(201,))["service"]["id"])
    adm.ensure_endpoints(sid, url)


def deregister(keystone_url: str, name: str = NOVA_NAME) -> bool:
    """Remove the compute service called ``name`` and its endpoints; True if there was one."""
    adm = Admin(keystone_url)
    found = [s for s in _compute_services(adm) if s.get("name") == name]
    for service in found:
        for endpoint in adm.find("endpoints", service_id=service["id"]):
            adm.call("DELETE", f"/endpoints/{endpoint['id']}", ok=(204,))
        adm.call("DELETE", f"/services/{service['id']}", ok=(204,))
    return bool(found)


def spawn_fake(port: int, log: Path, server_log: Path, any_server: bool = False) -> subprocess.Popen[bytes]:
    """The fake as a detached process on ``port``, writing its access log to ``log``."""
    env = base_env()
    env["PYTHONPATH"] = str(SCRIPTS)
    cmd = [sys.executable, "-m", "devcloud_lib.fake_nova", "--port", str(port), "--log", str(log)]
    return spawn("fake nova", cmd + (["--any-server"] if any_server else []), env, server_log)


def _answers(port: int) -> bool:
    return http_json("GET", f"http://{HOST}:{port}/", timeout=2)[0] == 300


def start(state: dict[str, Any]) -> None:
    """Start the devcloud's fake Nova unless it runs; its pid, port and URLs go to ``state``."""
    if proc_alive(state, "nova"):
        return
    avoid = {state.get("keystone_port"), state.get("cinder_port")}
    port = free_port(state.get("nova_port"), {p for p in avoid if p})
    proc = spawn_fake(port, LOG_FILES["nova_access"], LOG_FILES["nova"])
    state["pids"]["nova"], state["pid_start_ticks"]["nova"] = proc.pid, start_ticks(proc.pid)
    state.update(nova_port=port, nova_url=compute_url(port), nova_control=control_url(port))
    state.setdefault("logs", {}).update(nova=str(LOG_FILES["nova"]), nova_access=str(LOG_FILES["nova_access"]))
    wait_for("the fake nova to answer", lambda: _answers(port), "nova", state, LOG_FILES["nova"])


def on(state: dict[str, Any]) -> None:
    """Start the fake Nova and register it in the catalog."""
    start(state)
    register(state["keystone_url"], state["nova_url"])
    state["fake_nova"] = True
    say(f"fake nova {state['nova_url']} registered as `compute` (control: {state['nova_control']})")


def off(state: dict[str, Any]) -> None:
    """Deregister the fake Nova and stop it: the devcloud has no compute endpoint again."""
    if state.get("keystone_url") and deregister(state["keystone_url"]):
        say("fake nova removed from the catalog")
    pid = state.get("pids", {}).pop("nova", None)
    ticks = state.get("pid_start_ticks", {}).pop("nova", None)
    if pid:
        stop_pid("fake nova", pid, ticks)
    state["fake_nova"] = False


def require_running(state: dict[str, Any]) -> None:
    if not proc_alive(state, "nova"):
        raise DevcloudError("the fake nova is not running (scripts/devcloud nova on)")
