"""local-attach: the flow's steps against queued Cinder answers and a stand-in for os-brick, for the failures that
have no real trigger on the devcloud (the e2e tier has the real data path)."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import httpx
from helpers import ATT, VOL, Result, attachment
from local_fakes import CONNECTOR, DEVICE, FakeHost, connected, volume

REFUSED = {"computeFault": {"code": 500, "message": "The server has either erred or is incapable."}}
NOT_READY = {"badRequest": {"code": 400, "message": "Invalid volume: attachment not ready"}}


def state_files() -> list[str]:
    directory = Path(os.environ["CINDER_ATTACH_STATE_DIR"])
    return sorted(p.name for p in directory.glob("*.json")) if directory.exists() else []


def sent(result: Result) -> list[str]:
    return [f"{r.method} {r.url.path.split('/v3/', 1)[1].split('/', 1)[1]}" for r in result.requests]


def test_attach_reads_connects_records_and_completes(cli: Callable[..., Result], cinder, host: FakeHost) -> None:
    cinder.reply(200, volume()).reply(200, connected()).reply(204, "")
    result = cli("local-attach", VOL, "-f", "json")
    assert result.code == 0, result.err
    assert result.json()["device_path"] == DEVICE and result.json()["attachment_id"] == ATT
    assert sent(result) == [f"GET volumes/{VOL}", "POST attachments", f"POST attachments/{ATT}/action"]
    read, create, complete = result.requests
    assert read.headers["openstack-api-version"] == "volume 3.69"
    assert create.headers["openstack-api-version"] == "volume 3.54"
    body = json.loads(create.content)["attachment"]
    assert body == {"volume_uuid": VOL, "connector": CONNECTOR, "mode": "rw"}, "no instance by default"
    assert complete.headers["openstack-api-version"] == "volume 3.44"
    assert host.names() == ["guard", "connect", "unguard"]
    assert state_files() == [f"{ATT}.json"]


def test_value_output_of_the_device_path_is_the_path_alone(cli: Callable[..., Result], cinder, host: FakeHost) -> None:
    cinder.reply(200, volume()).reply(200, connected()).reply(204, "")
    result = cli("local-attach", VOL, "-f", "value", "-c", "device_path")
    assert (result.code, result.out) == (0, f"{DEVICE}\n")


def test_a_cloud_below_3_69_is_read_at_3_48(cli: Callable[..., Result], cinder, host: FakeHost) -> None:
    too_new = {"computeFault": {"code": 406, "message": "Version 3.69 is not supported by the API. "
                                "Minimum is 3.0 and maximum is 3.60."}}  # fmt: skip
    cinder.reply(406, too_new).reply(200, volume()).reply(200, connected()).reply(204, "")
    result = cli("local-attach", VOL)
    assert result.code == 0, result.err
    assert [r.headers["openstack-api-version"] for r in result.requests[:2]] == ["volume 3.69", "volume 3.48"]


def test_an_encrypted_volume_is_refused_before_anything_is_made(
    cli: Callable[..., Result], cinder, host: FakeHost
) -> None:
    cinder.reply(200, volume(encrypted=True))
    result = cli("local-attach", VOL)
    assert result.code == 1
    assert f"volume {VOL} is encrypted" in result.err and len(result.err.splitlines()) == 1
    assert sent(result) == [f"GET volumes/{VOL}"] and host.calls == []


def test_a_connection_that_says_encrypted_is_deleted_unconnected(
    cli: Callable[..., Result], cinder, host: FakeHost
) -> None:
    info = {"driver_volume_type": "local", "device_path": DEVICE, "encrypted": True}
    cinder.reply(200, volume()).reply(200, {"attachment": attachment(connection_info=info)})
    cinder.reply(200, {"attachments": []})
    result = cli("local-attach", VOL)
    assert result.code == 1
    assert "is encrypted" in result.err and f"the attachment {ATT} was deleted" in result.err
    assert sent(result)[-1] == f"DELETE attachments/{ATT}"
    assert "connect" not in host.names() and state_files() == []


def test_a_failed_connect_is_disconnected_with_force_and_deleted(
    cli: Callable[..., Result], cinder, host: FakeHost
) -> None:
    host.connect_fails = "the device /dev/loop9 that os-brick connected (local) did not appear on this host."
    cinder.reply(200, volume()).reply(200, connected()).reply(200, {"attachments": []})
    result = cli("local-attach", VOL)
    assert result.code == 1
    assert result.err.startswith("Error: the device /dev/loop9 that os-brick connected (local) did not appear")
    assert f"the attachment {ATT} was deleted" in result.err
    assert ("disconnect", True) in host.calls
    assert sent(result)[-1] == f"DELETE attachments/{ATT}" and state_files() == []


def test_a_failed_complete_with_a_working_disconnect_deletes_the_attachment(
    cli: Callable[..., Result], cinder, host: FakeHost
) -> None:
    cinder.reply(200, volume()).reply(200, connected()).reply(400, NOT_READY).reply(200, {"attachments": []})
    result = cli("local-attach", VOL)
    assert result.code == 1
    assert "attachment not ready" in result.err and f"the attachment {ATT} was deleted" in result.err
    assert host.names() == ["guard", "connect", "disconnect", "unguard"]
    assert ("disconnect", False) in host.calls
    assert sent(result)[-1] == f"DELETE attachments/{ATT}" and state_files() == []


def test_a_failed_complete_whose_disconnect_fails_keeps_the_attachment(
    cli: Callable[..., Result], cinder, host: FakeHost
) -> None:
    host.disconnect_fails = "os-brick could not disconnect the local volume: device busy."
    cinder.reply(200, volume()).reply(200, connected()).reply(500, REFUSED)
    result = cli("local-attach", VOL)
    assert result.code == 1
    assert "disconnecting it failed too (os-brick could not disconnect the local volume: device busy)" in result.err
    assert f"the attachment {ATT} was kept" in result.err
    assert f"attach local-detach {VOL} --attachment {ATT} --force" in result.err
    assert not any(s.startswith("DELETE") for s in sent(result)), "never deleted while the device may be here"
    assert state_files() == [f"{ATT}.json"], "local-detach needs the device_info"


def test_a_complete_whose_answer_was_lost_succeeds_when_the_attachment_reads_attached(
    cli: Callable[..., Result], cinder, host: FakeHost
) -> None:
    cinder.reply(200, volume()).reply(200, connected())
    cinder.responses.append(httpx.ReadTimeout("timed out"))
    cinder.reply(200, connected(status="attached"))
    result = cli("local-attach", VOL, "-f", "value", "-c", "status")
    assert (result.code, result.out) == (0, "attached\n"), result.err
    assert sent(result)[-1] == f"GET attachments/{ATT}"
    assert "disconnect" not in host.names()


def test_a_complete_whose_answer_was_lost_and_did_not_happen_is_undone(
    cli: Callable[..., Result], cinder, host: FakeHost
) -> None:
    cinder.reply(200, volume()).reply(200, connected())
    cinder.responses.append(httpx.ReadTimeout("timed out"))
    cinder.reply(200, connected(status="attaching")).reply(200, {"attachments": []})
    result = cli("local-attach", VOL)
    assert result.code == 1
    assert "no answer" in result.err and f"the attachment {ATT} was deleted" in result.err
    assert sent(result)[-2:] == [f"GET attachments/{ATT}", f"DELETE attachments/{ATT}"]


def test_a_volume_in_use_that_is_not_multiattach_is_refused(cli: Callable[..., Result], cinder, host: FakeHost) -> None:
    cinder.reply(200, volume(status="in-use"))
    result = cli("local-attach", VOL)
    assert result.code == 1 and "it is in use and not multiattach" in result.err
    assert host.calls == []


def test_a_busy_volume_names_its_status_and_wait(cli: Callable[..., Result], cinder, host: FakeHost) -> None:
    cinder.reply(200, volume(status="creating"))
    result = cli("local-attach", VOL)
    assert result.code == 1 and "its status is creating" in result.err and "--wait" in result.err


def test_wait_reads_again_until_the_volume_is_available(cli: Callable[..., Result], cinder, host: FakeHost) -> None:
    cinder.reply(200, volume(status="creating")).reply(200, volume())
    cinder.reply(200, connected()).reply(204, "")
    result = cli("local-attach", VOL, "--wait", "5")
    assert result.code == 0, result.err
    assert sent(result)[:2] == [f"GET volumes/{VOL}", f"GET volumes/{VOL}"]


def test_a_bad_mode_is_a_usage_error_and_sends_nothing(cli: Callable[..., Result], cinder, host: FakeHost) -> None:
    result = cli("local-attach", VOL, "--mode", "rx")
    assert result.code == 2 and "--mode 'rx' is not rw or ro" in result.err
    assert result.requests == [] and host.calls == []


def test_ctrl_c_after_the_create_disconnects_and_deletes_then_exits_130(
    cli: Callable[..., Result], cinder, host: FakeHost
) -> None:
    host.connect_interrupted = True
    cinder.reply(200, volume()).reply(200, connected()).reply(200, {"attachments": []})
    result = cli("local-attach", VOL)
    assert result.code == 130
    assert ("disconnect", False) in host.calls and sent(result)[-1] == f"DELETE attachments/{ATT}"
    assert state_files() == []


def test_without_os_brick_it_is_a_usage_error_and_nothing_is_sent(
    cli: Callable[..., Result], cinder, no_os_brick: None, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv("CINDER_ATTACH_STATE_DIR", str(tmp_path / "state"))
    result = cli("local-attach", VOL)
    assert result.code == 2 and "-m pip install '.[host]'" in result.err
    assert result.requests == []


def test_the_python_api_words_the_advice_for_python_and_names_the_kept_attachment(cinder, host: FakeHost) -> None:
    import pytest
    from helpers import ENDPOINT, TOKEN

    import cinder_attach
    from cinder_attach.local_attach import LocalAttachError

    host.disconnect_fails = "os-brick could not disconnect the local volume: device busy."
    cinder.reply(200, volume()).reply(200, connected()).reply(500, REFUSED)
    client = cinder_attach.connect(token=TOKEN, endpoint=ENDPOINT)
    with pytest.raises(LocalAttachError) as caught:
        client.local_attach(VOL)
    assert caught.value.attachment_id == ATT and caught.value.reason == "local_kept"
    assert f"local_detach(attachment_id='{ATT}', force=True)" in str(caught.value)
    assert "--" not in str(caught.value), "the library names no command-line flag"
