"""`restart-cinder`: restart only Cinder, with some [DEFAULT] options of cinder.conf overridden (or
none: the devcloud's own settings again).

Why: some behaviour depends on the operator's cinder.conf, e.g. `osapi_max_limit` (the page cap of
every list). A test sets it for a while and restores it; Keystone, the ports, the databases and the
volumes stay as they are. The overrides are kept in state.json (`cinder_overrides`) until the next
restart or `up`.
"""

from __future__ import annotations

import re

from devcloud_lib.cinder_setup import backend_ready, start_cinder, write_cinder_conf
from devcloud_lib.client import http_json, keystone_login
from devcloud_lib.console import DevcloudError, step
from devcloud_lib.procs import start_ticks, stop_pid, wait_for
from devcloud_lib.settings import CINDER_REQS, CINDER_VENV, LOG_FILES, USERS
from devcloud_lib.state import load_state, save_state, state_lock
from devcloud_lib.venvs import ensure_venv

_KEY = re.compile(r"[a-z][a-z0-9_]*")


def parse_overrides(pairs: list[str]) -> dict[str, str]:
    """KEY=VALUE texts as a dict; a key must look like an oslo.config option name."""
    overrides = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not _KEY.fullmatch(key) or "\n" in value:
            raise DevcloudError(f"--set {pair!r}: expected OPTION=VALUE, e.g. osapi_max_limit=50")
        overrides[key] = value
    return overrides


def restart_cinder(overrides: dict[str, str]) -> int:
    """Stop Cinder, rewrite cinder.conf with `overrides` in [DEFAULT], start it, and wait until its API
    answers and the backend has reported to the scheduler."""
    with state_lock():
        state = load_state()
        if not state.get("ready"):
            raise DevcloudError("devcloud is not up (run `scripts/devcloud up`)")
        pids, ticks = state["pids"], state["pid_start_ticks"]
        if pids.get("cinder"):
            stop_pid("cinder", pids["cinder"], ticks.get("cinder"))
        state["cinder_overrides"] = overrides
        venv = ensure_venv(CINDER_VENV, CINDER_REQS)
        conf = write_cinder_conf(venv, state["keystone_port"], state["cinder_port"], overrides)
        shown = " ".join(f"{k}={v}" for k, v in overrides.items()) or "the devcloud's defaults"
        with step(f"restarting cinder with {shown}"):
            proc = start_cinder(venv, conf)
            pids["cinder"], ticks["cinder"] = proc.pid, start_ticks(proc.pid)
            save_state(state)
            cinder_url = state["cinder_url"]
            answers = lambda: http_json("GET", f"{cinder_url}/", timeout=2)[0] == 300  # noqa: E731
            wait_for("cinder API to answer", answers, "cinder", state, LOG_FILES["cinder"])
            token, _ = keystone_login(state["keystone_url"], USERS["admin"])
            ready = lambda: backend_ready(cinder_url, state["projects"]["admin"], token)  # noqa: E731
            wait_for("the fake backend to report to the scheduler", ready, "cinder", state, LOG_FILES["cinder"])
    return 0
