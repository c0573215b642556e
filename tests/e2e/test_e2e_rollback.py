"""E2E: a failed connect leaves nothing behind (the reservation it left is found and deleted, or kept with
--keep-on-failure and found by the advice); the installed `attach` against the devcloud, checking server state."""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import urlsplit

import pytest
from attach_runner import CONNECTOR, Attach, server_attachments_of, server_volume

NO_INITIATOR = ["--connector", "host=h1"]  # the devcloud's backend needs `initiator`: Cinder answers 500


def reserved_of(devcloud: Any, volume: str) -> list[str]:
    return [a["id"] for a in server_attachments_of(devcloud, volume) if a["status"] == "reserved"]


def delete_connected(attach: Attach, attachment_id: str) -> None:
    done = attach("delete", attachment_id, "--os-service-cloud", "devcloud-service")
    assert done.code == 0, done.err


@pytest.mark.parametrize("command", ["create354", "create327"])
def test_a_failed_connect_leaves_the_volume_available(devcloud: Any, attach: Attach, command: str) -> None:
    vol, server = devcloud.new_volume(), str(uuid.uuid4())
    mark = devcloud.log_mark()
    failed = attach(command, "--volume-uuid", vol, "--instance-uuid", server, *NO_INITIATOR)
    assert failed.code == 1
    (line,) = failed.err.splitlines()
    assert line.startswith("Error: Unable to create attachment for volume") and "HTTP 500" in line
    assert "it left was deleted." in line and "--connector initiator=" in line
    base = urlsplit(devcloud.endpoint("devcloud")).path
    ours = [(m, p.removeprefix(base)) for svc, m, p, _ in attach.our_requests(mark) if svc == "cinder"]
    assert [m for m, _ in ours] == ["POST", "GET", "DELETE"] and ours[2][1].startswith("/attachments/"), ours
    # What the server holds now: no attachment, the volume available, so the retry with the fix works.
    assert server_attachments_of(devcloud, vol) == []
    assert server_volume(devcloud, vol)["status"] == "available"
    retry = attach(command, "--volume-uuid", vol, "--instance-uuid", server, *CONNECTOR, "-f", "value", "-c", "id")
    assert retry.code == 0, retry.err
    delete_connected(attach, retry.out.strip())
    assert server_volume(devcloud, vol)["status"] == "available"


def test_keep_on_failure_keeps_it_and_the_advice_finds_and_deletes_it(devcloud: Any, attach: Attach) -> None:
    vol, server = devcloud.new_volume(), str(uuid.uuid4())
    kept = attach("create354", "--volume-uuid", vol, "--instance-uuid", server, *NO_INITIATOR, "--keep-on-failure")
    assert kept.code == 1
    (left,) = reserved_of(devcloud, vol)
    assert f"the reservation {left} it left was kept" in kept.err
    assert kept.err.rstrip().endswith(f"Delete it with: attach delete {left}")
    assert server_volume(devcloud, vol)["status"] == "reserved"
    # Another server is now refused; the advice says how to find the leftover...
    refused = attach("create354", "--volume-uuid", vol, "--instance-uuid", str(uuid.uuid4()))
    assert refused.code == 1 and "HTTP 400" in refused.err
    assert f"attach list --volume-id {vol} --status reserved" in refused.err
    found = attach("list", "--volume-id", vol, "--status", "reserved", "-f", "value", "-c", "id")
    assert found.out.split() == [left]
    # ...and deleting it (a reserved attachment needs no service token) frees the volume.
    assert attach("delete", left).code == 0
    assert server_attachments_of(devcloud, vol) == []
    assert server_volume(devcloud, vol)["status"] == "available"
