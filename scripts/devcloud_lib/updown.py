"""`up` and `down`: start Keystone and Cinder (installing them the first time), stop them again.

Keystone's side and Cinder's side are set up in two threads; their pids go to state.json as soon
as they exist, so that a failure or an interrupt never leaves half a cloud running.
"""

from __future__ import annotations

import concurrent.futures
import shutil
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

from devcloud_lib import loops, nova
from devcloud_lib.cinder_setup import (
    backend_ready,
    ensure_volume_types,
    max_microversion,
    setup_cinder,
    start_cinder,
    write_cinder_conf,
)  # fmt: skip
from devcloud_lib.client import http_json, keystone_login
from devcloud_lib.clouds_yaml import write_clouds_yaml
from devcloud_lib.console import say, since_start, step
from devcloud_lib.keystone_admin import register
from devcloud_lib.keystone_setup import setup_keystone, start_keystone, write_keystone_conf
from devcloud_lib.procs import free_port, proc_alive, start_ticks, stop_pid, wait_for
from devcloud_lib.settings import (
    CI,
    CINDER_REQS,
    CINDER_VENV,
    CLOUD_USERS,
    CLOUDS_YAML,
    DEFAULT_RELEASE,
    DEFAULT_TYPE,
    HOST,
    KEYSTONE_REQS,
    KS,
    LOCAL_MULTIATTACH_TYPE,
    LOCAL_TYPE,
    LOG_FILES,
    LOGS,
    LOOP_DIR,
    MULTIATTACH_TYPE,
    REGION,
    RELEASE,
    RESET_PATHS,
    SCRIPTS,
    STATE_VERSION,
    USERS,
    D,
    keystone_url,
)  # fmt: skip
from devcloud_lib.state import load_state, save_state, state_lock
from devcloud_lib.venvs import ensure_venv


def answering(state: dict[str, Any]) -> bool:
    """Both servers alive (our pids) and answering HTTP."""
    if not state.get("ready") or not (proc_alive(state, "keystone") and proc_alive(state, "cinder")):
        return False
    try:
        k = http_json("GET", state["keystone_url"], timeout=3)[0] == 200
        c = http_json("GET", f"{state['cinder_url']}/", timeout=3)[0] in (200, 300)
    except (OSError, KeyError):
        return False
    return k and c


def stop_recorded(state: dict[str, Any]) -> None:
    """Stop whatever we recorded (cinder first: it talks to keystone) and forget it."""
    pids = state.get("pids", {})
    ticks = state.get("pid_start_ticks", {})
    for name in ("nova", "cinder", "keystone"):
        if pids.get(name):
            stop_pid(name, pids[name], ticks.get(name))
    state["pids"], state["pid_start_ticks"], state["ready"] = {}, {}, False


def up(with_fake_nova: bool = False) -> int:
    """Start the devcloud (idempotent); ``with_fake_nova`` also starts and registers the fake Nova,
    which a fresh ``up`` without it removes from the catalog again."""
    with state_lock():
        state = load_state()
        if answering(state):
            say(f"already up: keystone {state['keystone_url']}  cinder {state['cinder_url']}")
            if with_fake_nova:
                nova.on(state)
                save_state(state)
            return 0
        if state.get("pids"):
            say("found a half-running devcloud: stopping its leftovers first")
            stop_recorded(state)
            save_state(state)
        try:
            return _up(state, with_fake_nova)
        except BaseException:
            if state.get("pids"):
                stop_recorded(state)  # never leave half a cloud running
                save_state(state)
            raise


def free_loops() -> None:
    """Free the loop devices the loop backend left (attached volumes' connections die with the devcloud)."""
    freed = loops.free_all()
    if freed:
        say(f"freed the loop backend's loop devices: {', '.join(freed)}")


def down() -> int:
    with state_lock():
        state = load_state()
        if not state.get("pids"):
            free_loops()
            say("already down")
            return 0
        stop_recorded(state)
        save_state(state)
        free_loops()
    say("down")
    return 0


def reset() -> int:
    """`down` (the loop backend's loop devices freed before their files go), then forget everything the clouds
    hold: the databases (volumes, attachments, users), the loop backend's files, keys, configs, logs, clouds.yaml
    and state.json. The service venvs and uv's cache stay: the next `up` sets
    Keystone and Cinder up again from scratch (a fresh db sync and bootstrap) without reinstalling them."""
    with state_lock():
        state = load_state()
        if state.get("pids"):
            stop_recorded(state)
            save_state(state)
        free_loops()
        removed = [path.name for path in RESET_PATHS if _remove(path)]
    say(f"reset: removed {', '.join(removed)}" if removed else "reset: nothing to remove")
    return 0


def _remove(path: Path) -> bool:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
        return True
    if path.exists() or path.is_symlink():
        path.unlink()
        return True
    return False


def _reset_state(state: dict[str, Any]) -> None:
    kport = free_port(state.get("keystone_port"), set())
    cport = free_port(state.get("cinder_port"), {kport})
    state.update(
        version=STATE_VERSION,
        devcloud_dir=str(D),
        keystone_port=kport,
        cinder_port=cport,
        keystone_url=keystone_url(kport),
        cinder_url=f"http://{HOST}:{cport}",
        region=REGION,
        cinder_release=RELEASE,
        cinder_requirement=CINDER_REQS[0],
        logs={k: str(v) for k, v in LOG_FILES.items()},
        clouds_yaml=str(CLOUDS_YAML),
        clouds=list(CLOUD_USERS),
        pids={},
        pid_start_ticks={},
        ready=False,
        cinder_overrides={},
    )


def _start_servers(state: dict[str, Any]) -> None:
    """Install, configure and start both servers, in parallel; Keystone is answering at the end."""
    kport, cport = state["keystone_port"], state["cinder_port"]
    lock = threading.Lock()

    def record(name: str, proc: subprocess.Popen[bytes]) -> None:
        with lock:
            state["pids"][name] = proc.pid
            state["pid_start_ticks"][name] = start_ticks(proc.pid)
            save_state(state)

    def keystone_side() -> None:
        venv = ensure_venv("keystone", KEYSTONE_REQS)
        conf = write_keystone_conf(kport)
        setup_keystone(venv, conf, kport)
        with step(f"starting keystone on {keystone_url(kport)}"):
            record("keystone", start_keystone(venv, conf, kport))
            answers = lambda: http_json("GET", keystone_url(kport), timeout=2)[0] == 200  # noqa: E731
            wait_for("keystone to answer", answers, "keystone", state, LOG_FILES["keystone"])

    def cinder_side() -> None:
        venv = ensure_venv(CINDER_VENV, CINDER_REQS)
        conf = write_cinder_conf(venv, kport, cport)
        setup_cinder(venv, conf)
        record("cinder", start_cinder(venv, conf))  # waited for in _finish, after the registration

    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        futures = [pool.submit(keystone_side), pool.submit(cinder_side)]
        for fut in futures:
            fut.result()  # re-raise the first failure


def _finish(state: dict[str, Any]) -> None:
    """Register the catalog and users (while Cinder starts), wait for Cinder, create the volume types."""
    with step("keystone: projects, users, roles and the catalog"):
        projects = register(state["keystone_port"], state["cinder_port"])
    state["projects"], state["users"] = projects, USERS
    cinder_url = state["cinder_url"]
    with step(f"starting cinder on {cinder_url} (API, scheduler, volume service)"):
        answers = lambda: http_json("GET", f"{cinder_url}/", timeout=2)[0] == 300  # noqa: E731
        wait_for("cinder API to answer", answers, "cinder", state, LOG_FILES["cinder"])
        token, _ = keystone_login(state["keystone_url"], USERS["admin"])
        ready = lambda: backend_ready(cinder_url, projects["admin"], token)  # noqa: E731
        wait_for("both backends to report to the scheduler", ready, "cinder", state, LOG_FILES["cinder"])
    ensure_volume_types(cinder_url, projects["admin"], token)
    write_clouds_yaml(state["keystone_port"])
    state.update(
        multiattach_type=MULTIATTACH_TYPE,
        local_type=LOCAL_TYPE,
        local_multiattach_type=LOCAL_MULTIATTACH_TYPE,
        loop_dir=str(LOOP_DIR),
        default_type=DEFAULT_TYPE,
        block_storage_endpoint=f"{cinder_url}/v3/{projects['demo']}",
        block_storage_endpoints={name: f"{cinder_url}/v3/{pid}" for name, pid in projects.items()},
        max_microversion=max_microversion(cinder_url, token),
        ready=True,
        started_at=time.strftime("%FT%T%z"),
    )


def _up(state: dict[str, Any], with_fake_nova: bool) -> int:
    for d in (D, LOGS, KS, CI):
        d.mkdir(parents=True, exist_ok=True)
    _reset_state(state)
    _start_servers(state)
    _finish(state)
    if with_fake_nova:
        nova.on(state)
    else:
        nova.off(state)  # a registration left by an earlier `up --with-fake-nova` goes
    save_state(state)
    say(f"up in {since_start():.1f}s: keystone {state['keystone_url']}  cinder {state['cinder_url']}")
    release = "" if RELEASE == DEFAULT_RELEASE else f"DEVCLOUD_CINDER_RELEASE={RELEASE} "
    say(f'eval "$({release}{SCRIPTS / "devcloud"} env)"  # to use clouds devcloud / devcloud-admin / devcloud-service')
    return 0
