"""E2E: the installed `attach create354` against the devcloud's real Cinder, checking server state after.

Cinder shows no attachment's connector through its API (the detail view has connection_info, not the
connector), so the typed-connector tests read what Cinder stored from the devcloud's SQLite database
(.devcloud/cinder/cinder.db, table volume_attachment, column connector, JSON), read-only."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from attach_runner import (
    INITIATOR,
    Attach,
    Made,
    server_attachment,
    server_attachments_of,
    server_volume,
    stored_connector,
)
from devcloud_lib.client import connector_options

REFERENCE_CONNECTOR = connector_options()  # the API reference's example, as --connector KEY=VALUE options


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


# --- connector values typed by the key, as Cinder stores them ------------------------------------------------------


def test_cinder_stores_each_key_with_its_type(devcloud: Any, attach: Attach, made: Made, tmp_path: Path) -> None:
    vol = made.volume()
    conn_file = tmp_path / "conn.yaml"
    conn_file.write_text("system uuid: '4c4c4544'\nenforce_multipath: false\nport: 3260\n")
    r = attach(
        "create354", "--volume-uuid", vol, "--connector-file", str(conn_file),
        "--connector", f"initiator={INITIATOR}", "--connector", "host=1234", "--connector", "os_type=123",
        "--connector", "multipath=false", "--connector", "wwpns=21000024ff3a1b2c,21000024ff3a1b2d",
        "-f", "value", "-c", "id",
    )  # fmt: skip
    assert r.code == 0, r.err
    stored = stored_connector(devcloud, r.out.strip())
    assert {k: v for k, v in stored.items() if k != "mode"} == {
        "initiator": INITIATOR,
        "host": "1234",  # a string, as cinderclient sends it
        "os_type": "123",
        "multipath": False,  # a real boolean: "false" would be truthy in a driver
        "wwpns": ["21000024ff3a1b2c", "21000024ff3a1b2d"],
        "system uuid": "4c4c4544",
        "enforce_multipath": False,
        "port": 3260,  # not an os-brick key: JSON if it parses
    }


def test_a_wrongly_typed_value_creates_nothing(devcloud: Any, attach: Attach, made: Made, tmp_path: Path) -> None:
    vol = made.volume()
    r = attach(
        "create354", "--volume-uuid", vol, "--connector", f"initiator={INITIATOR}", "--connector", "multipath=maybe"
    )
    assert r.code == 2 and r.err.startswith("Error: --connector multipath='maybe'")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"initiator": INITIATOR, "multipath": "yes"}))
    r = attach("create354", "--volume-uuid", vol, "--connector-file", str(bad))
    assert r.code == 2 and "'multipath' is \"yes\" (a string)" in r.err
    assert server_attachments_of(devcloud, vol) == []
