"""The bench's floor for a local attach + detach: the same calls as `attach local-attach` and `local-detach`, and
nothing else.

Run twice, as the two commands are: ``floor_local.py attach`` reads this host's connector with os-brick (as root,
its privileged steps in-process), reads the volume at 3.69, creates the attachment at 3.54 with that connector,
connects it with os-brick's connector factory under its connection guard, checks the device path, completes it
(3.44), and writes the attachment id and os-brick's device_info to $BENCH_STATE. ``floor_local.py detach`` reads
that back, reads the attachment and the volume, disconnects under the guard and deletes the attachment. One httpx
client per run, a token obtained beforehand; no config loading, token cache, checks, rollback or formatting.

Environment: BENCH_TOKEN, BENCH_ENDPOINT (``.../v3/<project_id>``), BENCH_VOLUME, BENCH_STATE. Exit 0 or 1.
"""

import json
import os
import sys
import warnings

import httpx

warnings.simplefilter("ignore")  # eventlet's deprecation warning on import, as attach hides it
from os_brick import privileged  # noqa: E402
from os_brick.initiator import connector as brick  # noqa: E402
from os_brick.initiator import utils as brick_utils  # noqa: E402

ENDPOINT, VOLUME, STATE = os.environ["BENCH_ENDPOINT"], os.environ["BENCH_VOLUME"], os.environ["BENCH_STATE"]
HEADERS = {"X-Auth-Token": os.environ["BENCH_TOKEN"], "Accept": "application/json", "User-Agent": "bench-floor/1"}


def call(client: httpx.Client, method: str, path: str, version: str, body: object = None) -> httpx.Response:
    headers = {**HEADERS, "OpenStack-API-Version": f"volume {version}"}
    response = client.request(method, f"{ENDPOINT}{path}", json=body, headers=headers)
    if response.status_code >= 400:
        sys.exit(f"floor_local: {method} {path}: HTTP {response.status_code}: {response.text[:300]}")
    return response


def guard(volume: dict) -> object:
    return brick_utils.guard_connection({k: volume.get(k) for k in ("shared_targets", "service_uuid")})


def attach(client: httpx.Client) -> None:
    props = brick.get_connector_properties("sudo", "127.0.0.1", False, False)
    volume = call(client, "GET", f"/volumes/{VOLUME}", "3.69").json()["volume"]
    with guard(volume):
        body = {"attachment": {"volume_uuid": VOLUME, "connector": props, "mode": "rw"}}
        made = call(client, "POST", "/attachments", "3.54", body).json()["attachment"]
        info = made["connection_info"]
        conn = brick.InitiatorConnector.factory(info["driver_volume_type"], "sudo")
        device_info = conn.connect_volume(info)
        if not os.path.exists(device_info["path"]):
            sys.exit(f"floor_local: {device_info['path']} did not appear")
        call(client, "POST", f"/attachments/{made['id']}/action", "3.44", {"os-complete": None})
    with open(STATE, "w") as fh:
        json.dump({"id": made["id"], "device_info": device_info}, fh)
    print(device_info["path"])


def detach(client: httpx.Client) -> None:
    with open(STATE) as fh:
        state = json.load(fh)
    info = call(client, "GET", f"/attachments/{state['id']}", "3.27").json()["attachment"]["connection_info"]
    volume = call(client, "GET", f"/volumes/{VOLUME}", "3.69").json()["volume"]
    with guard(volume):
        conn = brick.InitiatorConnector.factory(info["driver_volume_type"], "sudo")
        conn.disconnect_volume(info, state["device_info"])
        call(client, "DELETE", f"/attachments/{state['id']}", "3.27")
    os.unlink(STATE)


if __name__ == "__main__":
    privileged.default.set_client_mode(False)  # root: os-brick's privileged steps in this process
    with httpx.Client(verify=False, trust_env=False, timeout=60) as http:
        {"attach": attach, "detach": detach}[sys.argv[1]](http)
