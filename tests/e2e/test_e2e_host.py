"""E2E: this host's connector (os-brick, the `host` extra) as `attach connector` prints it and as Cinder stores it."""

from __future__ import annotations

import json
import subprocess
import uuid
from pathlib import Path
from typing import Any

from attach_runner import Attach, server_volume, stored_connector

# The keys that do not depend on this machine's storage hardware.
STABLE = ("platform", "os_type", "host", "multipath", "enforce_multipath", "do_local_attach")
INITIATOR = "iqn.2004-10.com.example:e2e-host"

# What the test itself gets from os-brick, called directly (as root, its privileged steps run in-process).
DIRECT = """
import json, os, warnings
warnings.simplefilter("ignore")
from os_brick.initiator import connector
from os_brick import privileged
if os.geteuid() == 0:
    privileged.default.set_client_mode(False)
print(json.dumps(connector.get_connector_properties("sudo", "192.0.2.1", False, False)))
"""


def os_brick_directly(attach_bin: Path) -> dict[str, Any]:
    done = subprocess.run(
        [str(attach_bin.parent / "python"), "-c", DIRECT], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    found: dict[str, Any] = json.loads(done.stdout)
    return found


def test_attach_connector_matches_os_brick(attach: Attach, attach_bin: Path) -> None:
    shown = attach("connector", "-f", "json")
    assert shown.code == 0, shown.err
    mine = shown.json()
    direct = os_brick_directly(attach_bin)
    assert {k: mine.get(k) for k in STABLE} == {k: direct.get(k) for k in STABLE}
    assert mine["ip"], "the ip is the route's local address"
    assert all(line.startswith("note: ") for line in shown.err.splitlines()), shown.err
    assert "Traceback" not in shown.err and "Deprecat" not in shown.err


def test_create354_from_host_stores_that_connector(devcloud, attach: Attach, attach_bin: Path) -> None:
    vol, server = devcloud.new_volume(), str(uuid.uuid4())
    made = attach("create354", "--volume-uuid", vol, "--instance-uuid", server, "--mode", "rw",
                  "--connector-from-host", "--connector", f"initiator={INITIATOR}", "-f", "json")  # fmt: skip
    assert made.code == 0, made.err
    att = made.json()["id"]
    assert made.json()["connection_info"], "the connect happened in the same call"
    stored = stored_connector(devcloud, att)
    direct = os_brick_directly(attach_bin)
    assert stored["initiator"] == INITIATOR
    assert {k: stored.get(k) for k in STABLE} == {k: direct.get(k) for k in STABLE}
    assert isinstance(stored["multipath"], bool) and isinstance(stored["ip"], str)
    assert server_volume(devcloud, vol)["status"] in ("attaching", "reserved")
