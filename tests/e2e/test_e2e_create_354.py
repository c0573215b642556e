"""E2E: the installed `attach create354` against the devcloud's real Cinder, checking server state after."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from attach_runner import Attach, server_attachment, server_attachments_of, server_volume
from devcloud_lib.client import connector_options

REFERENCE_CONNECTOR = connector_options()  # the API reference's example, as --connector KEY=VALUE options


@pytest.fixture
def attach(devcloud, attach_bin: Path, tmp_path: Path) -> Attach:
    return Attach(devcloud, attach_bin, tmp_path / "home")


def test_reserve_only(devcloud, attach: Attach) -> None:
    vol, server = devcloud.new_volume(), str(uuid.uuid4())
    r = attach("create354", "--volume-uuid", vol, "--instance-uuid", server, "-f", "json")
    assert r.code == 0, r.err
    made = r.json()
    assert made["status"] == "reserved" and made["volume_id"] == vol and made["instance"] == server
    assert made["connection_info"] == {}
    seen = server_attachment(devcloud, made["id"])
    assert seen["status"] == "reserved" and seen["instance"] == server
    assert server_volume(devcloud, vol)["status"] == "reserved"


@pytest.mark.parametrize("mode", ["rw", "ro"])
def test_reference_connector_with_mode(devcloud, attach: Attach, mode: str) -> None:
    vol, server = devcloud.new_volume(), str(uuid.uuid4())
    r = attach("create354", "--volume-uuid", vol, "--instance-uuid", server, "--mode", mode, *REFERENCE_CONNECTOR,
               "-f", "json")  # fmt: skip
    assert r.code == 0, r.err
    made = r.json()
    assert made["attach_mode"] == mode
    assert made["connection_info"]["attachment_id"] == made["id"]
    seen = server_attachment(devcloud, made["id"])
    assert seen["status"] == "attaching" and seen["attach_mode"] == mode and seen["attached_at"]
    assert server_volume(devcloud, vol)["status"] == "attaching"


def test_table_output_is_readable(devcloud, attach: Attach) -> None:
    vol = devcloud.new_volume()
    r = attach("create354", "--volume-uuid", vol, *REFERENCE_CONNECTOR)
    assert r.code == 0, r.err
    assert "| Attribute" in r.out and "| status" in r.out and "driver_volume_type=" in r.out
    assert "null" not in r.out


def test_uppercase_volume_uuid_is_normalised(devcloud, attach: Attach) -> None:
    vol = devcloud.new_volume()
    r = attach("create354", "--volume-uuid", vol.upper().replace("-", ""), "-f", "value", "-c", "volume_id")
    assert r.code == 0, r.err
    assert r.out.strip() == vol
    assert len(server_attachments_of(devcloud, vol)) == 1


def test_missing_volume(devcloud, attach: Attach) -> None:
    missing = str(uuid.uuid4())
    r = attach("create354", "--volume-uuid", missing)
    assert r.code == 1
    assert r.err.startswith("Error: Volume ") and missing in r.err and "HTTP 404 itemNotFound" in r.err
    assert "request-id req-" in r.err
    assert len(r.err.strip().splitlines()) == 1


def test_bad_mode_sends_nothing(devcloud, attach: Attach) -> None:
    vol = devcloud.new_volume()
    mark = devcloud.log_mark()
    r = attach("create354", "--volume-uuid", vol, "--mode", "rx")
    assert r.code == 2
    assert "--mode" in r.err
    assert attach.our_requests(mark) == []
    assert server_attachments_of(devcloud, vol) == []


def test_second_attachment_to_a_non_multiattach_volume(devcloud, attach: Attach) -> None:
    vol = devcloud.new_volume()
    first = attach("create354", "--volume-uuid", vol, "--instance-uuid", str(uuid.uuid4()), *REFERENCE_CONNECTOR)
    assert first.code == 0, first.err
    second = attach("create354", "--volume-uuid", vol, "--instance-uuid", str(uuid.uuid4()))
    assert second.code == 1
    assert "already reserved or attached" in second.err and "multiattach" in second.err
    assert "HTTP 400 badRequest" in second.err
    assert len(server_attachments_of(devcloud, vol)) == 1


def test_two_instances_on_a_multiattach_volume(devcloud, attach: Attach) -> None:
    # Cinder refuses a new reserve while the volume is reserved or attaching, multiattach or not:
    # each attachment is connected and completed (volume in-use) before the next.
    vol = devcloud.new_volume(multiattach=True)
    servers = [str(uuid.uuid4()), str(uuid.uuid4())]
    for server in servers:
        r = attach("create354", "--volume-uuid", vol, "--instance-uuid", server, "--mode", "rw", *REFERENCE_CONNECTOR,
                   "-f", "value", "-c", "id")  # fmt: skip
        assert r.code == 0, r.err
        assert attach("complete", r.out.strip()).code == 0
    attached = server_attachments_of(devcloud, vol)
    assert sorted(a["instance"] for a in attached) == sorted(servers)


def test_connector_from_stdin_yaml(devcloud, attach: Attach) -> None:
    vol = devcloud.new_volume()
    conn = "initiator: iqn.1993-08.org.debian:01:cad181614cec\nhost: from-stdin\nmultipath: false\n"
    r = attach("create354", "--volume-uuid", vol, "--connector-file", "-", "-f", "json", stdin=conn)
    assert r.code == 0, r.err
    assert r.json()["connection_info"]["driver_volume_type"]


def test_connector_without_initiator_explains_the_500(devcloud, attach: Attach) -> None:
    vol = devcloud.new_volume()
    r = attach("create354", "--volume-uuid", vol, "--connector", "host=no-initiator")
    assert r.code == 1
    assert "initiator" in r.err and "HTTP 500" in r.err


def test_python_dash_m_works_too(devcloud, attach: Attach) -> None:
    import subprocess

    python = attach.binary.parent / "python"
    proc = subprocess.run([str(python), "-m", "cinder_attach", "--version"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and "cinder-attach" in proc.stdout
