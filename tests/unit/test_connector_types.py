"""Connector values typed by the key: the spec's Connector schema decides, read from the generated model.

The peers' cases: cinderclient's `--ostype 123` sends "123", so must we; `multipath` must be a real boolean (the
string "false" is truthy in a driver); lists of WWPNs as a,b; a file's `"multipath": "yes"` is refused.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import VOL, FakeCinder, Result

import cinder_attach
from cinder_attach import UsageError
from cinder_attach.connector import build_connector, check_types, declared_keys, parse_pairs, typed_value
from cinder_attach.errors import EXIT_USAGE

SPEC = yaml.safe_load((Path(__file__).resolve().parents[2] / "spec" / "cinder-attachments.yaml").read_text())
SPEC_KINDS = {"string": "string", "boolean": "boolean", "array": "list"}


def sent_connector(r: Result) -> dict[str, Any]:
    (request,) = r.requests
    connector: dict[str, Any] = json.loads(request.content)["attachment"]["connector"]
    return connector


# --- the kinds come from the generated model, and agree with the spec ----------------------------------------------


def test_declared_keys_are_the_specs_connector_properties() -> None:
    """Read from the generated attrs model, the kinds equal what the spec says (an independent reading of the YAML)."""
    props = SPEC["components"]["schemas"]["Connector"]["properties"]
    assert declared_keys() == {key: SPEC_KINDS[prop["type"]] for key, prop in props.items()}
    assert SPEC["components"]["schemas"]["Connector"]["additionalProperties"] is True


def test_the_key_with_a_space_is_found_under_its_wire_name() -> None:
    """The generator names the attribute system_uuid; the key sent is 'system uuid'."""
    kinds = declared_keys()
    assert kinds["system uuid"] == "string"
    assert "system_uuid" not in kinds


def test_the_peers_keys_have_os_bricks_types() -> None:
    kinds = declared_keys()
    strings = ["initiator", "host", "ip", "platform", "os_type", "nqn", "uuid", "system uuid", "nvme_hostid"]
    assert {k: kinds[k] for k in [*strings, "mountpoint"]} == dict.fromkeys([*strings, "mountpoint"], "string")
    booleans = ["multipath", "enforce_multipath", "do_local_attach", "nvme_native_multipath"]
    assert {k: kinds[k] for k in booleans} == dict.fromkeys(booleans, "boolean")
    assert {k: kinds[k] for k in ("wwpns", "wwnns", "host_ips")} == dict.fromkeys(
        ("wwpns", "wwnns", "host_ips"), "list"
    )


# --- --connector KEY=VALUE -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ("os_type=123", "123"),  # cinderclient --ostype 123 sends "123"
        ("host=1234", "1234"),
        ("host=true", "true"),
        ("host=null", "null"),
        ('host="quoted"', '"quoted"'),  # a string key keeps the text exactly as given
        ("ip= 10.0.0.1 ", " 10.0.0.1 "),
        ("initiator=iqn.1993-08.org.debian:01:cad181614cec", "iqn.1993-08.org.debian:01:cad181614cec"),
        ("system uuid=4c4c4544-0000", "4c4c4544-0000"),
        ("mountpoint=/dev/vdb", "/dev/vdb"),
        ("multipath=true", True),
        ("multipath=false", False),
        ("multipath=False", False),
        ("enforce_multipath=TRUE", True),
        ("do_local_attach=false", False),
        ("nvme_native_multipath=true", True),
        ("wwpns=a,b", ["a", "b"]),
        ("wwpns=21000024ff3a1b2c", ["21000024ff3a1b2c"]),
        ("wwnns=a, b ,c", ["a", "b", "c"]),
        ('host_ips=["10.0.0.1", "10.0.0.2"]', ["10.0.0.1", "10.0.0.2"]),
        ("wwpns=[]", []),
        # unknown keys keep the generic rule: JSON if it parses, else the text
        ("port=3260", 3260),
        ("x=false", False),
        ("Multipath=yes", "yes"),
        ('opts={"a": 1}', {"a": 1}),
        ("label=tempest-1", "tempest-1"),
    ],
)
def test_a_value_is_typed_by_its_key(item: str, expected: Any) -> None:
    key = item.partition("=")[0]
    value = parse_pairs([item])[key]
    assert value == expected
    assert type(value) is type(expected)


@pytest.mark.parametrize(
    ("item", "needle"),
    [
        ("multipath=maybe", "multipath=true or multipath=false"),
        ("multipath=yes", "must be true or false"),
        ("multipath=1", "must be true or false"),
        ("multipath=", "must be true or false"),
        ('enforce_multipath="true"', "must be true or false"),
        ("wwpns=", "is empty"),
        ("wwpns=a,,b", "has an empty item"),
        ("wwpns=a,", "has an empty item"),
        ("wwpns=[1, 2]", "not a JSON array of strings"),
        ('wwpns=["a"', "not a JSON array of strings"),
    ],
)
def test_a_wrong_value_for_a_typed_key_is_a_usage_error_naming_it(item: str, needle: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_pairs([item])
    err = caught.value
    assert err.exit_code == EXIT_USAGE
    assert str(err).startswith(f"--connector {item.partition('=')[0]}=")
    assert needle in str(err)


def test_typed_value_names_the_option() -> None:
    with pytest.raises(UsageError, match=r"^--other multipath="):
        typed_value("multipath", "maybe", "--other")


# --- --connector-file and dicts: already typed, so checked, never converted ---------------------------------------


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ('{"multipath": "yes"}', "'multipath' is \"yes\" (a string), but it must be a boolean"),
        ('{"multipath": "false"}', "must be a boolean"),
        ('{"os_type": 123}', "'os_type' is 123 (a number), but it must be a string"),
        ('{"host": true}', "'host' is true (a boolean)"),
        ('{"initiator": null}', "'initiator' is null (null)"),
        ('{"wwpns": "a,b"}', "'wwpns' is \"a,b\" (a string), but it must be a list of strings"),
        ('{"wwpns": ["a", 1]}', "must be a list of strings"),
        ('{"connector": {"host_ips": {"a": 1}}}', "(an object)"),
        ("host: 1234\n", "'host' is 1234 (a number)"),  # YAML reads it as a number: quote it
        ("os_type: 0123\n", "'os_type' is 83 (a number)"),  # YAML 1.1 octal: converting would send "83"
    ],
)
def test_a_file_value_of_the_wrong_type_is_a_usage_error(tmp_path: Path, text: str, needle: str) -> None:
    path = tmp_path / "c.txt"
    path.write_text(text)
    with pytest.raises(UsageError) as caught:
        build_connector(file=str(path))
    assert str(caught.value).startswith(f"--connector-file {path}: ")
    assert needle in str(caught.value)


def test_a_file_with_the_right_types_is_taken_as_is(tmp_path: Path) -> None:
    body = {
        "initiator": "iqn.x",
        "host": "1234",
        "multipath": False,
        "wwpns": ["a", "b"],
        "system uuid": "u",
        "port": 3260,  # not declared: anything JSON can carry
        "extra": {"nested": [1, None]},
    }
    path = tmp_path / "c.json"
    path.write_text(json.dumps(body))
    assert build_connector(file=str(path)) == body
    yaml_path = tmp_path / "c.yaml"
    yaml_path.write_text("multipath: yes\nhost: '1234'\nwwpns: [a, b]\n")  # YAML's own booleans are booleans
    assert build_connector(file=str(yaml_path)) == {"multipath": True, "host": "1234", "wwpns": ["a", "b"]}


def test_check_types_accepts_good_values_and_unknown_keys() -> None:
    check_types({"multipath": True, "os_type": "linux", "wwnns": [], "anything": [1, {"x": None}]}, "here")
    with pytest.raises(UsageError, match=r"^here: 'multipath'"):
        check_types({"multipath": 0}, "here")


# --- through the CLI -----------------------------------------------------------------------------------------------


def test_cli_sends_the_peers_cases_with_their_types(cli: Callable[..., Result], cinder: FakeCinder) -> None:
    cinder.reply()
    pairs = ["os_type=123", "host=1234", "multipath=true", "wwpns=a,b", "initiator=iqn.x", "port=3260"]
    r = cli("create354", "--volume-uuid", VOL, *[arg for p in pairs for arg in ("--connector", p)])
    assert r.code == 0, r.err
    sent = sent_connector(r)
    assert sent == {
        "os_type": "123",
        "host": "1234",
        "multipath": True,
        "wwpns": ["a", "b"],
        "initiator": "iqn.x",
        "port": 3260,
    }


@pytest.mark.parametrize("value", ["maybe", "yes", "0"])
def test_cli_refuses_a_non_boolean_multipath_and_sends_nothing(
    cli: Callable[..., Result], cinder: FakeCinder, value: str
) -> None:
    r = cli("create354", "--volume-uuid", VOL, "--connector", f"multipath={value}")
    assert r.code == 2 and r.requests == []
    assert r.err.startswith(f"Error: --connector multipath='{value}'")
    assert "multipath=true or multipath=false" in r.err and r.err.count("\n") == 1


def test_cli_refuses_a_file_with_multipath_yes(cli: Callable[..., Result], cinder: FakeCinder, tmp_path: Path) -> None:
    path = tmp_path / "conn.json"
    path.write_text('{"initiator": "iqn.x", "multipath": "yes"}')
    for command in (["create354", "--volume-uuid", VOL], ["update", VOL]):
        r = cli(*command, "--connector-file", str(path))
        assert r.code == 2 and r.requests == []
        assert r.err.startswith(f"Error: --connector-file {path}: 'multipath' is \"yes\"")
        assert "true or false" in r.err


def test_cli_update_types_the_connector_too(cli: Callable[..., Result], cinder: FakeCinder) -> None:
    cinder.reply()
    r = cli("update", VOL, "--connector", "initiator=iqn.x", "--connector", "multipath=False")
    assert r.code == 0, r.err
    assert json.loads(r.requests[0].content) == {
        "attachment": {"connector": {"initiator": "iqn.x", "multipath": False}}
    }


# --- the Python API checks the same types --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "connector",
    [{"multipath": "yes"}, {"os_type": 123}, {"wwpns": "a,b"}, {"host": None}],
)
def test_the_python_api_refuses_a_wrongly_typed_dict(
    client: cinder_attach.AttachmentClient, cinder: FakeCinder, connector: dict[str, Any]
) -> None:
    for call in (
        lambda: client.create354(VOL, connector=connector),
        lambda: client.create327(VOL, connector=connector),
        lambda: client.update(VOL, connector),
    ):
        with pytest.raises(UsageError, match=r"^connector: '"):
            call()
    assert cinder.requests == []


def test_the_python_api_refuses_a_wrongly_typed_model(
    client: cinder_attach.AttachmentClient, cinder: FakeCinder
) -> None:
    from cinder_attach_client.models import Connector

    model = Connector(initiator="iqn.x", multipath="false")  # type: ignore[arg-type]
    with pytest.raises(UsageError, match="'multipath' is \"false\" \\(a string\\)"):
        client.create354(VOL, connector=model)
    assert cinder.requests == []


def test_the_python_api_sends_a_well_typed_connector(
    client: cinder_attach.AttachmentClient, cinder: FakeCinder
) -> None:
    from cinder_attach_client.models import Connector

    cinder.reply().reply()
    client.create354(VOL, connector={"os_type": "123", "multipath": False, "wwpns": ["a"], "port": 3260})
    model = Connector.from_dict({"system uuid": "u", "host_ips": ["10.0.0.1"]})
    client.create354(VOL, connector=model)
    first, second = (json.loads(r.content)["attachment"]["connector"] for r in cinder.requests)
    assert first == {"os_type": "123", "multipath": False, "wwpns": ["a"], "port": 3260}
    assert second == {"system uuid": "u", "host_ips": ["10.0.0.1"]}
