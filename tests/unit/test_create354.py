"""`attach create354`: the exact request, the body rules, output and error mapping (MockTransport)."""

from __future__ import annotations

import json

import pytest
from helpers import ATT, ENDPOINT, INST, TOKEN, VOL, FakeCinder, attachment

REFERENCE_CONNECTOR = [
    "--connector", "initiator=iqn.1993-08.org.debian:01:cad181614cec",
    "--connector", "ip=192.168.1.20",
    "--connector", "platform=x86_64",
    "--connector", "host=tempest-1",
    "--connector", "os_type=linux2",
    "--connector", "multipath=false",
    "--connector", "mountpoint=/dev/vdb",
]  # fmt: skip


def body_of(request) -> dict:
    return json.loads(request.content)


def test_reserve_sends_exactly_one_post_with_354_header(cli, cinder: FakeCinder) -> None:
    cinder.reply()
    r = cli("create354", "--volume-uuid", VOL, "--instance-uuid", INST)
    assert r.code == 0, r.err
    assert len(r.requests) == 1
    req = r.requests[0]
    assert req.method == "POST"
    assert str(req.url) == ENDPOINT + "/attachments"
    assert req.headers["OpenStack-API-Version"] == "volume 3.54"
    assert req.headers["X-Auth-Token"] == TOKEN
    assert req.headers["Content-Type"] == "application/json"
    assert body_of(req) == {"attachment": {"volume_uuid": VOL, "instance_uuid": INST}}


def test_optional_fields_are_left_out_never_null(cli, cinder: FakeCinder) -> None:
    cinder.reply()
    r = cli("create354", "--volume-uuid", VOL)
    assert r.code == 0, r.err
    sent = body_of(r.requests[0])
    assert sent == {"attachment": {"volume_uuid": VOL}}
    assert "null" not in r.requests[0].content.decode()


def test_reference_connector_with_mode_rw(cli, cinder: FakeCinder) -> None:
    cinder.reply(body={"attachment": attachment(connection_info={"driver_volume_type": "iscsi"}, attach_mode="rw")})
    r = cli("create354", "--volume-uuid", VOL, "--instance-uuid", INST, "--mode", "rw", *REFERENCE_CONNECTOR)
    assert r.code == 0, r.err
    assert body_of(r.requests[0]) == {
        "attachment": {
            "volume_uuid": VOL,
            "instance_uuid": INST,
            "mode": "rw",
            "connector": {
                "initiator": "iqn.1993-08.org.debian:01:cad181614cec",
                "ip": "192.168.1.20",
                "platform": "x86_64",
                "host": "tempest-1",
                "os_type": "linux2",
                "multipath": False,
                "mountpoint": "/dev/vdb",
            },
        }
    }


@pytest.mark.parametrize(
    "given",
    [VOL.upper(), VOL.replace("-", ""), "urn:uuid:" + VOL, "{" + VOL + "}"],
    ids=["upper", "no-dashes", "urn", "braces"],
)
def test_lenient_uuids_are_sent_canonical(cli, cinder: FakeCinder, given: str) -> None:
    cinder.reply()
    r = cli("create354", "--volume-uuid", given, "--instance-uuid", INST.upper())
    assert r.code == 0, r.err
    assert body_of(r.requests[0])["attachment"] == {"volume_uuid": VOL, "instance_uuid": INST}


@pytest.mark.parametrize(
    "argv, needle",
    [
        (["--volume-uuid", "not-a-uuid"], "--volume-uuid"),
        (["--volume-uuid", VOL, "--instance-uuid", "1234"], "--instance-uuid"),
        (["--volume-uuid", VOL, "--mode", "rx"], "--mode"),
        (["--volume-uuid", VOL, "--mode", "null"], "--mode"),
        (["--volume-uuid", VOL, "--connector", "novalue"], "--connector"),
        (["--volume-uuid", VOL, "--connector", "=x"], "--connector"),
        (["--volume-uuid", VOL, "--connector", "a=1", "--connector", "a=2"], "--connector"),
        (["--volume-uuid", VOL, "--connector-file", "/nonexistent/conn.json"], "--connector-file"),
        (["--volume-uuid", VOL, "-f", "xml"], "--format"),
        (["--volume-uuid", VOL, "-c", "nope"], "--column"),
        ([], "--volume-uuid"),
        (["--volume-uuid", VOL, "--timeout", "0"], "--timeout"),
        (["--volume-uuid", VOL, "--timeout", "nan"], "--timeout"),
        (["--volume-uuid", VOL, "--timeout", "inf"], "--timeout"),
    ],
)
def test_usage_errors_exit_2_and_send_nothing(cli, cinder: FakeCinder, argv: list[str], needle: str) -> None:
    r = cli("create354", *argv)
    assert r.code == 2
    assert r.requests == []
    assert r.err.startswith("Error: ")
    assert needle in r.err
    assert "Traceback" not in r.err
    assert len(r.err.strip().splitlines()) == 1


def test_connector_file_and_overrides(cli, cinder: FakeCinder, tmp_path) -> None:
    f = tmp_path / "conn.yaml"
    f.write_text("connector:\n  initiator: iqn.2004-01.com:node-1\n  host: old\n  port: 3260\n")
    cinder.reply()
    r = cli("create354", "--volume-uuid", VOL, "--connector-file", str(f), "--connector", "host=new")
    assert r.code == 0, r.err
    assert body_of(r.requests[0])["attachment"]["connector"] == {
        "initiator": "iqn.2004-01.com:node-1",
        "host": "new",
        "port": 3260,
    }


def test_connector_values_parse_as_json_literals(cli, cinder: FakeCinder) -> None:
    cinder.reply()
    r = cli(
        "create354", "--volume-uuid", VOL,
        "--connector", "multipath=false", "--connector", "port=3260", "--connector", 'x={"a":1}',
        "--connector", 'q="quoted"', "--connector", "eq=a=b=c", "--connector", "empty=",
        "--connector", "uni=ünïcødé", "--connector", "host=tempest-1",
    )  # fmt: skip
    assert r.code == 0, r.err
    assert body_of(r.requests[0])["attachment"]["connector"] == {
        "multipath": False,
        "port": 3260,
        "x": {"a": 1},
        "q": "quoted",
        "eq": "a=b=c",
        "empty": "",
        "uni": "ünïcødé",
        "host": "tempest-1",
    }


def test_json_output_is_the_attachment_verbatim(cli, cinder: FakeCinder) -> None:
    server = attachment(connection_info={"auth_password": "chap-secret", "driver_volume_type": "iscsi"})
    cinder.reply(body={"attachment": server})
    r = cli("create354", "--volume-uuid", VOL, "-f", "json")
    assert r.code == 0, r.err
    assert r.json() == server


def test_table_masks_secrets_and_blanks_unset(cli, cinder: FakeCinder) -> None:
    server = attachment(connection_info={"auth_password": "chap-secret", "target_iqn": "iqn.x"})
    cinder.reply(body={"attachment": server})
    r = cli("create354", "--volume-uuid", VOL)
    assert r.code == 0
    assert "chap-secret" not in r.out
    assert "auth_password=***" in r.out
    assert "target_iqn=iqn.x" in r.out
    assert "null" not in r.out
    cinder.reply(body={"attachment": server})
    r = cli("create354", "--volume-uuid", VOL, "--show-secrets")
    assert "auth_password=chap-secret" in r.out


def test_value_and_columns(cli, cinder: FakeCinder) -> None:
    cinder.reply()
    r = cli("create354", "--volume-uuid", VOL, "-f", "value", "-c", "id", "-c", "status")
    assert r.out == f"{ATT}\nreserved\n"


def test_dry_run_shows_request_sends_nothing_and_hides_token(cli, cinder: FakeCinder) -> None:
    r = cli("create354", "--volume-uuid", VOL.upper(), "--mode", "ro", "--dry-run")
    assert r.code == 0, r.err
    assert r.requests == []
    assert f"POST {ENDPOINT}/attachments" in r.out
    assert "openstack-api-version: volume 3.54" in r.out.lower()
    assert TOKEN not in r.out + r.err
    assert '"volume_uuid": "' + VOL + '"' in r.out
    assert '"mode": "ro"' in r.out


def test_debug_trace_redacts_token(cli, cinder: FakeCinder) -> None:
    cinder.reply()
    r = cli("create354", "--volume-uuid", VOL, "--debug")
    assert r.code == 0
    assert "DEBUG request" in r.err and "DEBUG response: HTTP 200" in r.err
    assert TOKEN not in r.err + r.out
    assert "x-auth-token: ***" in r.err.lower()


def test_alias_create_is_create354(cli, cinder: FakeCinder) -> None:
    cinder.reply()
    r = cli("create", "--volume-uuid", VOL)
    assert r.code == 0
    assert r.requests[0].headers["OpenStack-API-Version"] == "volume 3.54"
