"""devcloud: a real local OpenStack Cinder (29, or an older release) + Keystone 30 on 127.0.0.1.

Why: the `attach` CLI must be tested against the real server's behaviour, not
a mock, and the end-to-end tests and benchmarks need a cloud that starts in
seconds on a 2-core box with no network but PyPI. Stdlib only, so it runs
with a bare system python3 before any project venv exists.

Commands (progress goes to stderr, results to stdout):
  up        install (first time) and start Keystone + Cinder; idempotent.
            --with-fake-nova also starts the fake compute service
            (devcloud_lib/fake_nova.py) and registers it in the catalog
  nova on|off|status
            start and register / deregister and stop the fake Nova; status
            prints its catalog URL and control URL (exit 3 if it is off)
  down      stop exactly the processes `up` started, and free the loop
            devices the loop backend left
  reset     stop it and remove its volumes, attachments and state (databases,
            keys, configs, logs, clouds.yaml, state.json); keep the service
            venvs, so the next `up` starts fresh without reinstalling
  status    print up/down and the URLs; exit 0 if up, 3 if down
  env       print eval-able exports: OS_CLIENT_CONFIG_FILE, OS_CLOUD=devcloud, and PATH
            with the project's .venv/bin first (where `attach` and its python3 are)
  volume    create a volume (--multiattach, --size N, --cloud NAME), wait
            until it is available, print only its id. --type local puts it on
            the test-only loop backend (a sparse file; attaching it gives a
            loop device on this host); --property KEY=VALUE sets metadata,
            e.g. the loop backend's test hooks devcloud_fail_connect=1 and
            devcloud_device_path=/dev/nonexistent (cinder_loop_driver.py)
  seed-attachments VOLUME N
            make the volume hold N attachments: a few real ones through the
            API, the rest copied in Cinder's database (devcloud_lib/seed.py);
            print how many it holds
  unseed VOLUME
            remove the seeded attachments again; print how many there were
  restart-cinder [--set OPTION=VALUE ...]
            restart only Cinder with these [DEFAULT] options of cinder.conf
            overridden (e.g. osapi_max_limit=50); without --set, with the
            devcloud's own settings again (devcloud_lib/restart.py)
  logs      print the tail of the keystone and/or cinder logs

Cinder release: $DEVCLOUD_CINDER_RELEASE, one of settings.CINDER_RELEASES: 2026.2 (Cinder 29,
the default), 2025.1 (26.3) or 2024.1 (24.5). Each release's devcloud is separate (its own state
directory, ports and Keystone), so that they can run side by side:
  DEVCLOUD_CINDER_RELEASE=2024.1 scripts/devcloud up     state in <repo>/.devcloud-2024.1

State lives in $DEVCLOUD_DIR (default: <repo>/.devcloud, or <repo>/.devcloud-<release>):
  venv-cinder[-<release>]/, venv-keystone/
                                service venvs (marker file .devcloud-installed); with
                                $DEVCLOUD_DIR unset they live in <repo>/.devcloud for every
                                release ($DEVCLOUD_VENVS overrides), so all share one Keystone venv
  boot/, uv-cache/              a tiny venv holding `uv`, and uv's cache (beside the venvs)
  keystone/, cinder/            configs, SQLite databases, keys, state
  logs/                         server and install logs (see below)
  clouds.yaml                   clouds `devcloud` (member/demo), `devcloud-admin`, and
                                `devcloud-service` (cinder, service role: for service tokens)
  state.json                    ports, urls, pids, ids, users (mode 0600)

state.json keys: version, devcloud_dir, keystone_url (".../v3"), keystone_port,
cinder_url, cinder_port, region, cinder_release, cinder_requirement, pids {keystone, cinder}, pid_start_ticks,
logs {keystone, keystone_access, cinder, cinder_access}, clouds_yaml, clouds
(names), projects {demo, admin, service} -> id, users {member, admin, cinder}
-> {name, password, project, domain}, multiattach_type, default_type, local_type, local_multiattach_type, loop_dir,
block_storage_endpoint (demo's), block_storage_endpoints {demo, admin,
service}, max_microversion, ready, started_at; with the fake Nova on:
fake_nova (true), nova_port, nova_url (the catalog's ".../v2.1"), nova_control
(".../_fake"), pids.nova, logs {nova, nova_access} (logs/fake-nova-access.log
has the devcloud's access-log format).

Access logs (what tests and benchmarks count): logs/keystone-access.log and
logs/cinder-access.log get exactly one line per HTTP request that reached the
service's WSGI app, written before the response is sent (so a client that
got its answer can count its line at once). Format:

  [26/Nov/2026:13:40:00 +0000] "POST /v3/<project>/attachments HTTP/1.0" 200 245 0.041234 "volume 3.54" \\
      req-<uuid> "python-urllib/3.11"        (one line; wrapped here)

  = [TIME] "METHOD PATH[?QUERY] PROTOCOL" STATUS BYTES SERVER_SECONDS
    "OPENSTACK-API-VERSION request header, raw, or -" REQUEST_ID_OR_- "USER_AGENT_OR_-"

SERVER_SECONDS is the server time: from the WSGI app getting the request to
its whole answer being ready (Cinder's includes keystonemiddleware validating
the token). scripts/devcloud_lib/accesslog.py has the regex (LINE_RE) and a
parser (parse_line) that tests and benchmarks import.

To count requests: remember the files' byte sizes, do the work, then parse
the lines appended since (tests/e2e/conftest.py: log_mark/requests_since).
Logs are only appended to, never truncated by devcloud. Other traffic in them:
- Cinder validating a token it has not cached yet adds Keystone lines: GET
  /v3/auth/tokens (user agent "python-keystoneclient"), and, once per Cinder
  start, its own service token (POST /v3/auth/tokens, "cinder/29.0.0
  keystonemiddleware...").
- devcloud's own probes use user agent "devcloud" (`status`/`up`: GET /v3 on
  Keystone and GET / on Cinder; `volume`, `seed-attachments`, `unseed`: tokens,
  POSTs, GETs and DELETEs).
- Cinder (eventlet) reports the protocol as HTTP/1.0 whatever the client sent.
gunicorn's own access log (written after the response, racy for counting) is
logs/keystone-gunicorn-access.log; the servers' stdout/stderr go to
logs/keystone.log and logs/cinder.log; installs and setup to logs/install-*.log,
logs/*-setup.log.
"""

from __future__ import annotations

import argparse
import shlex
import sys
import time
from typing import Any

from devcloud_lib import nova, restart, seed, updown
from devcloud_lib.client import ClientError, catalog_url, expect, http_json, keystone_login
from devcloud_lib.console import DevcloudError, tail
from devcloud_lib.procs import proc_alive
from devcloud_lib.settings import (
    CLOUD_USERS,
    CLOUDS_YAML,
    EXIT_DOWN,
    LOCAL_MULTIATTACH_TYPE,
    LOCAL_TYPE,
    LOG_FILES,
    MULTIATTACH_TYPE,
    PROJECT_BIN,
    TIMEOUT,
    USERS,
)  # fmt: skip
from devcloud_lib.state import load_state, save_state, state_lock

# (--type, --multiattach) -> the volume type (None: the cloud's default type)
VOLUME_TYPES = {
    ("default", False): None,
    ("default", True): MULTIATTACH_TYPE,
    ("local", False): LOCAL_TYPE,
    ("local", True): LOCAL_MULTIATTACH_TYPE,
}


def cmd_status(_: argparse.Namespace) -> int:
    state = load_state()
    if updown.answering(state):
        print("up")
        print(f"keystone {state['keystone_url']} (pid {state['pids']['keystone']})")
        print(f"cinder {state['cinder_url']} (pid {state['pids']['cinder']})")
        print(f"clouds_yaml {state['clouds_yaml']}")
        return 0
    partial = [n for n in ("keystone", "cinder") if proc_alive(state, n)]
    print("down" + (f" (partly running: {', '.join(partial)}; run `up` or `down`)" if partial else ""))
    return EXIT_DOWN


def cmd_nova(args: argparse.Namespace) -> int:
    if args.action == "status":
        state = load_state()
        if not (state.get("fake_nova") and proc_alive(state, "nova")):
            print("off")
            return EXIT_DOWN
        print(f"on\ncompute {state['nova_url']} (pid {state['pids']['nova']})\ncontrol {state['nova_control']}")
        return 0
    with state_lock():
        state = running_state()
        if args.action == "on":
            nova.on(state)
        else:
            nova.off(state)
        save_state(state)
    return 0


def cmd_env(_: argparse.Namespace) -> int:
    """The exports a newcomer's shell needs: the clouds, and `attach` (and its python3) on PATH."""
    print(f"export OS_CLIENT_CONFIG_FILE={shlex.quote(str(CLOUDS_YAML))}")
    print("export OS_CLOUD=devcloud")
    bindir = shlex.quote(str(PROJECT_BIN))
    # Idempotent: evaluating it twice does not put .venv/bin on PATH twice.
    print(f'case ":$PATH:" in *:{bindir}:*) ;; *) export PATH={bindir}"${{PATH:+:$PATH}}" ;; esac')
    if not (PROJECT_BIN / "attach").exists():
        print(f"devcloud env: no {PROJECT_BIN / 'attach'} yet: run scripts/demo first", file=sys.stderr)
    return 0


def running_state() -> dict[str, Any]:
    state = load_state()
    if not updown.answering(state):
        raise DevcloudError("devcloud is not up (run `scripts/devcloud up`)")
    return state


def wait_available(base: str, hdr: dict[str, str], vid: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while True:
        vol = expect(http_json("GET", f"{base}/volumes/{vid}", None, hdr), (200,), f"show volume {vid}")["volume"]
        if vol["status"] == "available":
            return
        if vol["status"].startswith("error"):
            raise DevcloudError(f"volume {vid} went to status {vol['status']}", LOG_FILES["cinder"])
        if time.monotonic() > deadline:
            raise DevcloudError(f"volume {vid} still {vol['status']} after {TIMEOUT:.0f}s", LOG_FILES["cinder"])
        time.sleep(0.2)


def _property(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key:
        raise argparse.ArgumentTypeError(f"{text!r} is not KEY=VALUE")
    return key, value


def cmd_volume(args: argparse.Namespace) -> int:
    state = running_state()
    token, body = keystone_login(state["keystone_url"], USERS[CLOUD_USERS[args.cloud]])
    base = catalog_url(body, "block-storage", region=state["region"])
    hdr = {"X-Auth-Token": token}
    volume: dict[str, Any] = {"size": args.size, "name": args.name or f"devcloud-{int(time.time() * 1000)}"}
    kind = VOLUME_TYPES[(args.type, args.multiattach)]
    if kind:
        volume["volume_type"] = kind
    if args.property:
        volume["metadata"] = dict(args.property)
    made = expect(http_json("POST", f"{base}/volumes", {"volume": volume}, hdr), (202,), "create volume")
    wait_available(base, hdr, made["volume"]["id"])
    print(made["volume"]["id"])
    return 0


def cmd_seed(args: argparse.Namespace) -> int:
    if args.count < 1:
        raise DevcloudError("N must be at least 1")
    print(seed.seed(running_state(), args.volume, args.count, args.cloud))
    return 0


def cmd_unseed(args: argparse.Namespace) -> int:
    print(seed.unseed(running_state(), args.volume, args.cloud))
    return 0


def cmd_logs(args: argparse.Namespace) -> int:
    names = [args.service] if args.service else ["keystone", "cinder"]
    for name in names:
        for key in (name, f"{name}_access"):
            path = LOG_FILES[key]
            print(f"==> {path} <==")
            print(tail(path, args.lines))
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="devcloud", description=(__doc__ or "").split("\n\n")[0])
    sub = top.add_subparsers(dest="command", required=True)
    upp = sub.add_parser("up", help="install (first time) and start keystone + cinder")
    upp.add_argument("--with-fake-nova", action="store_true", help="also start and register the fake compute API")
    upp.set_defaults(func=lambda a: updown.up(with_fake_nova=a.with_fake_nova))
    nv = sub.add_parser("nova", help="the fake compute API: on, off, status")
    nv.add_argument("action", choices=["on", "off", "status"])
    nv.set_defaults(func=cmd_nova)
    sub.add_parser("down", help="stop the servers that `up` started").set_defaults(func=lambda _: updown.down())
    sub.add_parser("reset", help="stop, then remove every volume, attachment and the state").set_defaults(
        func=lambda _: updown.reset()
    )
    sub.add_parser("status", help="exit 0 if up, 3 if down").set_defaults(func=cmd_status)
    sub.add_parser("env", help="print eval-able OS_CLIENT_CONFIG_FILE, OS_CLOUD and PATH exports").set_defaults(
        func=cmd_env
    )
    vol = sub.add_parser("volume", help="create a volume, wait for available, print its id")
    vol.add_argument("--multiattach", action="store_true", help="a multiattach volume type")
    vol.add_argument("--type", choices=["default", "local"], default="default",
                     help="default: the fake backend; local: the loop backend (a loop device per connection)")
    vol.add_argument("--property", type=_property, action="append", metavar="KEY=VALUE", help="volume metadata")
    vol.add_argument("--size", type=int, default=1, help="GiB (default 1)")
    vol.add_argument("--cloud", choices=list(CLOUD_USERS), default="devcloud")
    vol.add_argument("--name", help="volume name (default devcloud-<ms>)")
    vol.set_defaults(func=cmd_volume)
    sd = sub.add_parser("seed-attachments", help="make a volume hold N attachments (most copied in the DB)")
    sd.add_argument("volume", metavar="VOLUME_ID")
    sd.add_argument("count", metavar="N", type=int, help="attachments the volume should hold")
    sd.add_argument("--cloud", choices=list(CLOUD_USERS), default="devcloud", help="the volume's owner")
    sd.set_defaults(func=cmd_seed)
    us = sub.add_parser("unseed", help="remove the attachments that seed-attachments made")
    us.add_argument("volume", metavar="VOLUME_ID")
    us.add_argument("--cloud", choices=list(CLOUD_USERS), default="devcloud", help="the volume's owner")
    us.set_defaults(func=cmd_unseed)
    rc = sub.add_parser("restart-cinder", help="restart only cinder, with [DEFAULT] options overridden (or none)")
    rc.add_argument("--set", action="append", default=[], metavar="OPTION=VALUE", help="e.g. osapi_max_limit=50")
    rc.set_defaults(func=lambda args: restart.restart_cinder(restart.parse_overrides(args.set)))
    logs = sub.add_parser("logs", help="tail the server and access logs")
    logs.add_argument("service", nargs="?", choices=["keystone", "cinder"])
    logs.add_argument("-n", "--lines", type=int, default=30)
    logs.set_defaults(func=cmd_logs)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.func(args))
    except (DevcloudError, ClientError) as exc:
        print(f"devcloud {args.command}: error: {exc}", file=sys.stderr)
        log = getattr(exc, "log", None)
        if log is not None:
            print(f"---- last lines of {log} ----\n{tail(log)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
