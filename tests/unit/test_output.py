"""cinder_attach.output: every format, column selection, human blanking and secret masking."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import ATT, INST, VOL, FakeCinder, Result, attachment

from cinder_attach import output
from cinder_attach.errors import UsageError
from cinder_attach.output import FORMATS, OutputOptions
from cinder_attach.views import ATTACHMENT_COLUMNS, BLANK_IN_TABLE, SUMMARY_COLUMNS


def render_one(record: dict[str, Any], opts: OutputOptions) -> str:
    """One attachment, as `attach show` renders it (the attachment's view)."""
    return output.render_one(record, opts, ATTACHMENT_COLUMNS, BLANK_IN_TABLE)


def render_list(records: list[dict[str, Any]], opts: OutputOptions) -> str:
    """Attachments, as `attach list` renders them, in one piece."""
    return "".join(output.stream_list(records, opts, SUMMARY_COLUMNS, BLANK_IN_TABLE)).rstrip("\n")

CHAP = "Chap-Pa55-s3cr3t"
DISCOVERY = "D1sc0very-s3cr3t"
TARGET_SECRET = "t4rget-s3cr3t"
KEY_VALUE = "k3y-material-0123"

CONNECTED = attachment(
    status="attaching",
    attached_at="2026-11-26T12:35:46.000000",
    attach_mode="rw",
    connection_info={
        "driver_volume_type": "iscsi",
        "access_mode": "rw",
        "attachment_id": ATT,
        "encrypted": False,
        "encryption_key_id": "not-a-secret-id",
        "target_iqn": "iqn.2010-10.org.openstack:volume-1",
        "auth_method": "CHAP",
        "auth_username": "chapuser",
        "auth_password": CHAP,
        "discovery_auth_password": DISCOVERY,
        "target_secret": TARGET_SECRET,
        "volume_key": KEY_VALUE,
        "data": {"nested_password": CHAP, "target_portal": "10.0.0.1:3260"},
        "empty_password": "",
    },
)
SECRETS = (CHAP, DISCOVERY, TARGET_SECRET, KEY_VALUE)


def opts(**kw: Any) -> OutputOptions:
    return OutputOptions(**kw)


def table_rows(text: str) -> dict[str, list[str]]:
    """Parse an Attribute/Value table into {attribute: [value lines]}."""
    rows: dict[str, list[str]] = {}
    current = ""
    for line in text.splitlines():
        if not line.startswith("| "):
            continue
        name, value = (part.strip() for part in line[2:-2].split(" | ", 1))
        if name:
            current = name
            rows[current] = [value]
        else:
            rows[current].append(value)
    return rows


# --- table -------------------------------------------------------------------------------------


def test_table_shape() -> None:
    text = render_one(attachment(), opts())
    lines = text.splitlines()
    assert lines[0].startswith("+-") and lines[0] == lines[2] == lines[-1]
    assert lines[1].split("|")[1].strip() == "Attribute"
    assert lines[1].split("|")[2].strip() == "Value"
    assert len({len(line) for line in lines}) == 1, "every line has the same width"
    rows = table_rows(text)
    assert list(rows)[1:] == list(ATTACHMENT_COLUMNS)
    assert rows["id"] == [ATT] and rows["volume_id"] == [VOL] and rows["instance"] == [INST]


def test_table_blanks_unset_values() -> None:
    rows = table_rows(render_one(attachment(instance=None), opts()))
    assert rows["attached_at"] == [""]
    assert rows["detached_at"] == [""]
    assert rows["attach_mode"] == [""]
    assert rows["instance"] == [""]
    assert rows["connection_info"] == [""]


def test_table_keeps_real_values() -> None:
    rows = table_rows(render_one(CONNECTED, opts()))
    assert rows["attached_at"] == ["2026-11-26T12:35:46.000000"]
    assert rows["attach_mode"] == ["rw"]
    assert rows["status"] == ["attaching"]


def test_null_string_is_only_blanked_for_attach_mode() -> None:
    rows = table_rows(render_one(attachment(status="null"), opts()))
    assert rows["status"] == ["null"]


def test_table_masks_connection_info_secrets() -> None:
    text = render_one(CONNECTED, opts())
    for secret in SECRETS:
        assert secret not in text
    info = table_rows(text)["connection_info"]
    assert "auth_password=***" in info
    assert "discovery_auth_password=***" in info
    assert "target_secret=***" in info
    assert "volume_key=***" in info
    assert "auth_username=chapuser" in info
    assert "encryption_key_id=not-a-secret-id" in info
    assert "encrypted=false" in info
    assert "empty_password=" in info, "an empty secret has nothing to hide"
    (data,) = [line for line in info if line.startswith("data=")]
    assert json.loads(data.removeprefix("data=")) == {"nested_password": "***", "target_portal": "10.0.0.1:3260"}


def test_table_show_secrets() -> None:
    text = render_one(CONNECTED, opts(show_secrets=True))
    for secret in SECRETS:
        assert secret in text
    assert "***" not in text


@pytest.mark.parametrize("fmt", ["json", "yaml", "value", "shell"])
def test_machine_formats_are_verbatim(fmt: str) -> None:
    # The documented rule: machine formats print the server's values as sent, secrets included.
    text = render_one(CONNECTED, opts(format=fmt))
    for secret in SECRETS:
        assert secret in text
    assert "***" not in text


def test_list_table_masks_too() -> None:
    text = render_list([CONNECTED], opts(columns=("id", "connection_info")))
    assert CHAP not in text and "auth_password=***" in text
    assert CHAP in render_list([CONNECTED], opts(columns=("id", "connection_info"), show_secrets=True))


# --- json / yaml --------------------------------------------------------------------------------


def test_json_is_verbatim_and_indented() -> None:
    text = render_one(attachment(), opts(format="json"))
    assert json.loads(text) == attachment()
    assert "\n  " in text
    data = json.loads(text)
    assert data["attached_at"] == "" and data["attach_mode"] == "null" and data["connection_info"] == {}
    assert list(data) == list(ATTACHMENT_COLUMNS)


def test_json_noindent_is_one_line() -> None:
    text = render_one(CONNECTED, opts(format="json", noindent=True))
    assert "\n" not in text
    assert json.loads(text) == CONNECTED


def test_json_keeps_unicode() -> None:
    text = render_one(attachment(status="ünï"), opts(format="json"))
    assert "ünï" in text


def test_yaml_round_trips() -> None:
    text = render_one(CONNECTED, opts(format="yaml"))
    assert yaml.safe_load(text) == CONNECTED
    assert "attach_mode: rw" in text
    assert yaml.safe_load(render_one(attachment(), opts(format="yaml")))["attach_mode"] == "null"


def test_list_json_and_yaml() -> None:
    records = [attachment(), attachment(id="other")]
    assert json.loads(render_list(records, opts(format="json"))) == [
        {k: r[k] for k in ("id", "status", "instance", "volume_id")} for r in records
    ]
    assert yaml.safe_load(render_list(records, opts(format="yaml")))[1]["id"] == "other"
    assert render_list([], opts(format="yaml")) == "[]"
    assert render_list([], opts(format="json")) == "[]"


# --- value / shell ------------------------------------------------------------------------------


def test_value_format() -> None:
    text = render_one(attachment(instance=None), opts(format="value", columns=("id", "instance", "attach_mode")))
    assert text.split("\n") == [ATT, "", "null"]


def test_value_format_compact_json_for_objects() -> None:
    text = render_one(CONNECTED, opts(format="value", columns=("connection_info",)))
    assert "\n" not in text and json.loads(text) == CONNECTED["connection_info"]


def test_list_value_format() -> None:
    text = render_list([attachment(), attachment(id="b", status="attached")], opts(format="value"))
    assert text.splitlines() == [f"{ATT} reserved {INST} {VOL}", f"b attached {INST} {VOL}"]


def test_shell_format_lines() -> None:
    text = render_one(attachment(), opts(format="shell", prefix="att_", columns=("id", "attach_mode", "attached_at")))
    assert text.splitlines() == [f"att_id={ATT}", "att_attach_mode=null", "att_attached_at=''"]


def test_shell_list_is_refused() -> None:
    with pytest.raises(UsageError):
        render_list([attachment()], opts(format="shell"))


NASTY = {
    "id": "$(touch PWNED)",
    "status": "`touch PWNED2`",
    "instance": 'it\'s "quoted" \\ back',
    "volume_id": "line1\nline2\n; touch PWNED3",
    "attached_at": "",
    "detached_at": "${HOME}",
    "attach_mode": "ünï*?[a]",
    "connection_info": {"auth_password": "'; touch PWNED4; '"},
}


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
@pytest.mark.parametrize("prefix", ["", "att_"])
def test_shell_output_is_safe_to_eval(tmp_path: Path, prefix: str) -> None:
    text = render_one(NASTY, opts(format="shell", prefix=prefix))
    names = [f"{prefix}{k}" for k in NASTY]
    script = 'eval "$1"\n' + "".join(f'printf "%s\\0" "${n}"\n' for n in names)
    done = subprocess.run(
        ["bash", "-c", script, "bash", text], cwd=tmp_path, capture_output=True, timeout=30, check=True
    )
    values = done.stdout.decode().split("\0")[:-1]
    expected = [v if isinstance(v, str) else json.dumps(v, separators=(",", ":")) for v in NASTY.values()]
    assert values == expected
    assert list(tmp_path.iterdir()) == [], "eval must not run anything"


@pytest.mark.parametrize("prefix", ["my-", "x;touch y;", "a b", "$(id)", "1abc"])
def test_prefix_must_make_shell_names(prefix: str) -> None:
    with pytest.raises(UsageError) as info:
        opts(format="shell", prefix=prefix).check(ATTACHMENT_COLUMNS)
    assert "--prefix" in str(info.value)


def test_prefix_only_for_shell() -> None:
    with pytest.raises(UsageError) as info:
        opts(format="json", prefix="x_").check(ATTACHMENT_COLUMNS)
    assert "--prefix" in str(info.value)


# --- columns and checks -------------------------------------------------------------------------


def test_column_selection_in_given_order() -> None:
    o = opts(format="json", columns=("status", "id"))
    o.check(ATTACHMENT_COLUMNS)
    assert list(json.loads(render_one(attachment(), o))) == ["status", "id"]
    assert list(table_rows(render_one(attachment(), opts(columns=("volume_id",))))) == ["Attribute", "volume_id"]


def test_unknown_column() -> None:
    with pytest.raises(UsageError) as info:
        opts(columns=("id", "bogus")).check(ATTACHMENT_COLUMNS)
    assert "'bogus'" in str(info.value) and "Choose from" in str(info.value)
    assert info.value.exit_code == 2


def test_unknown_format() -> None:
    with pytest.raises(UsageError) as info:
        opts(format="xml").check(ATTACHMENT_COLUMNS)
    assert "xml" in str(info.value)
    for fmt in FORMATS:
        opts(format=fmt).check(ATTACHMENT_COLUMNS)


def test_extra_server_fields_follow_the_defaults() -> None:
    record = {**attachment(), "new_field": 1}
    assert list(json.loads(render_one(record, opts(format="json")))) == [*ATTACHMENT_COLUMNS, "new_field"]


# --- through the CLI ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["-c", "bogus"],
        ["-f", "xml"],
        ["--prefix", "x_"],
        ["-f", "shell", "--prefix", "bad-name"],
    ],
)
def test_cli_output_usage_errors_send_nothing(cli: Callable[..., Result], argv: list[str]) -> None:
    r = cli("create354", "--volume-uuid", VOL, *argv)
    assert r.code == 2 and r.requests == []
    assert r.err.startswith("Error: ") and r.err.count("\n") == 1


def test_cli_table_masks_and_json_does_not(cli: Callable[..., Result], cinder: FakeCinder) -> None:
    cinder.reply(body={"attachment": CONNECTED}).reply(body={"attachment": CONNECTED})
    cinder.reply(body={"attachment": CONNECTED})
    table = cli("show", ATT)
    assert table.code == 0 and CHAP not in table.out and "auth_password=***" in table.out
    shown = cli("show", ATT, "--show-secrets")
    assert shown.code == 0 and CHAP in shown.out
    machine = cli("show", ATT, "-f", "json")
    assert machine.code == 0 and machine.json()["connection_info"]["auth_password"] == CHAP
    for r in (table, shown, machine):
        assert CHAP not in r.err


def test_cli_shell_with_prefix(cli: Callable[..., Result], cinder: FakeCinder) -> None:
    cinder.reply()
    r = cli("show", ATT, "-f", "shell", "--prefix", "a_", "-c", "id", "-c", "attach_mode")
    assert r.code == 0
    assert r.out == f"a_id={ATT}\na_attach_mode=null\n"
