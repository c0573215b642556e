"""local-detach: which attachment, the disconnect's failures with and without --force, and what is kept."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

from helpers import ATT, VOL, Result
from local_fakes import FakeHost, connected, volume

from cinder_attach import local_state

OTHER = "0b5e1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d"
CONFLICT = {"conflictingRequest": {"code": 409, "message": "Detach volume from instance using the Compute API"}}
MISSING = {"itemNotFound": {"code": 404, "message": f"Attachment {ATT} could not be found."}}


def directory() -> Path:
    return Path(os.environ["CINDER_ATTACH_STATE_DIR"])


def remember(attachment: str = ATT, host_name: str = "node-1") -> None:
    record = local_state.LocalRecord(attachment, VOL, "local", {"type": "local", "path": "/dev/loop9"}, host_name,
                                     time.time())  # fmt: skip
    local_state.save(record, directory())


def sent(result: Result) -> list[str]:
    return [f"{r.method} {r.url.path.split('/v3/', 1)[1].split('/', 1)[1]}" for r in result.requests]


def test_detach_by_volume_finds_the_recorded_attachment_disconnects_and_deletes(
    cli: Callable[..., Result], cinder, host: FakeHost
) -> None:
    remember()
    cinder.reply(200, connected(status="attached")).reply(200, volume(status="in-use"))
    cinder.reply(200, {"attachments": []})
    result = cli("local-detach", VOL, "-f", "value", "-c", "result")
    assert (result.code, result.out) == (0, "detached\n"), result.err
    assert sent(result) == [f"GET attachments/{ATT}", f"GET volumes/{VOL}", f"DELETE attachments/{ATT}"]
    assert host.names() == ["guard", "disconnect", "unguard"]
    assert local_state.load(ATT, directory()) is None


def test_a_failing_disconnect_keeps_the_attachment_and_suggests_force(
    cli: Callable[..., Result], cinder, host: FakeHost
) -> None:
    remember()
    host.disconnect_fails = "os-brick could not disconnect the local volume: device busy."
    cinder.reply(200, connected(status="attached")).reply(200, volume(status="in-use"))
    result = cli("local-detach", VOL)
    assert result.code == 1 and len(result.err.splitlines()) == 1
    assert f"device busy; the attachment {ATT} was kept" in result.err and "Retry, or give --force" in result.err
    assert ("disconnect", False) in host.calls
    assert not any(s.startswith("DELETE") for s in sent(result))
    assert local_state.load(ATT, directory()) is not None


def test_force_is_passed_to_os_brick_and_a_forced_disconnect_that_works_deletes(
    cli: Callable[..., Result], cinder, host: FakeHost
) -> None:
    remember()
    cinder.reply(200, connected(status="attached")).reply(200, volume(status="in-use"))
    cinder.reply(200, {"attachments": []})
    result = cli("local-detach", VOL, "--force")
    assert result.code == 0, result.err
    assert ("disconnect", True) in host.calls and sent(result)[-1] == f"DELETE attachments/{ATT}"


def test_a_forced_disconnect_that_fails_still_keeps_the_attachment(
    cli: Callable[..., Result], cinder, host: FakeHost
) -> None:
    remember()
    host.disconnect_fails = "os-brick could not disconnect the local volume: flush failed."
    cinder.reply(200, connected(status="attached")).reply(200, volume(status="in-use"))
    result = cli("local-detach", VOL, "--attachment", ATT, "--force")
    assert result.code == 1
    assert f"the attachment {ATT} was kept" in result.err and "Make sure nothing uses the device" in result.err
    assert not any(s.startswith("DELETE") for s in sent(result))


def test_a_device_os_brick_cannot_find_is_no_reason_to_stop(
    cli: Callable[..., Result], cinder, host: FakeHost
) -> None:
    remember()
    host.device_missing = True
    cinder.reply(200, connected(status="attached")).reply(200, volume(status="in-use"))
    cinder.reply(200, {"attachments": []})
    result = cli("local-detach", VOL, "-f", "value", "-c", "disconnected")
    assert (result.code, result.out) == (0, "false\n"), result.err
    assert sent(result)[-1] == f"DELETE attachments/{ATT}"


def test_an_attachment_already_gone_is_success_and_forgotten(
    cli: Callable[..., Result], cinder, host: FakeHost
) -> None:
    remember()
    cinder.reply(404, MISSING)
    result = cli("local-detach", VOL, "-f", "value", "-c", "result")
    assert (result.code, result.out) == (0, "already gone\n"), result.err
    assert host.calls == [] and local_state.load(ATT, directory()) is None


def test_another_attachment_on_this_host_keeps_a_multiattach_volumes_device(
    cli: Callable[..., Result], cinder, host: FakeHost
) -> None:
    remember()
    here = [{"attachment_id": ATT, "host_name": "node-1"}, {"attachment_id": OTHER, "host_name": "node-1"}]
    cinder.reply(200, connected(status="attached")).reply(200, volume(status="in-use", multiattach=True,
                                                                      attachments=here))  # fmt: skip
    cinder.reply(200, {"attachments": []})
    result = cli("local-detach", VOL, "--attachment", ATT)
    assert result.code == 0, result.err
    assert "disconnect" not in host.names() and sent(result)[-1] == f"DELETE attachments/{ATT}"


def test_several_attachments_and_no_record_is_a_usage_error_that_lists_them(
    cli: Callable[..., Result], cinder, host: FakeHost
) -> None:
    rows = [{"id": ATT, "status": "attached", "instance": None, "volume_id": VOL},
            {"id": OTHER, "status": "attached", "instance": None, "volume_id": VOL}]  # fmt: skip
    cinder.reply(200, {"attachments": rows}).reply(200, {"attachments": []})  # a page, then the end (paging)
    result = cli("local-detach", VOL)
    assert result.code == 2
    assert f"the volume has 2 attachments of volume {VOL}: {ATT}, {OTHER}" in result.err
    assert "--attachment" in result.err


def test_no_attachment_at_all_is_success(cli: Callable[..., Result], cinder, host: FakeHost) -> None:
    cinder.reply(200, {"attachments": []})
    result = cli("local-detach", VOL, "-f", "value", "-c", "result")
    assert (result.code, result.out) == (0, "nothing attached\n"), result.err


def test_a_409_says_nova_owns_the_attachment(cli: Callable[..., Result], cinder, host: FakeHost) -> None:
    remember()
    cinder.reply(200, connected(status="attached")).reply(200, volume(status="in-use"))
    cinder.reply(409, CONFLICT)
    result = cli("local-detach", VOL)
    assert result.code == 1 and "openstack server remove volume" in result.err
    assert local_state.load(ATT, directory()) is not None
