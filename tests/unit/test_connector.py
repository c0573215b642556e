"""cinder_attach.connector: KEY=VALUE parsing, connector files, and hostile input."""

from __future__ import annotations

import io
import json
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers import VOL, Result

from cinder_attach import connector
from cinder_attach.connector import build_connector, load_file, parse_pairs, parse_value
from cinder_attach.errors import EXIT_USAGE, UsageError


def usage_error(fn: Callable[[], object]) -> UsageError:
    with pytest.raises(UsageError) as info:
        fn()
    assert info.value.exit_code == EXIT_USAGE
    return info.value


# --- KEY=VALUE ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("false", False),
        ("true", True),
        ("null", None),
        ("3260", 3260),
        ("-1.5", -1.5),
        ('{"a":1}', {"a": 1}),
        ('[1, "x"]', [1, "x"]),
        ('"quoted"', "quoted"),
        ('"3260"', "3260"),
        ("iqn.1993-08.org.debian:01:cad181614cec", "iqn.1993-08.org.debian:01:cad181614cec"),
        ("/dev/vdb", "/dev/vdb"),
        ("", ""),
        ("x86_64", "x86_64"),
        ("NaN", "NaN"),
        ("Infinity", "Infinity"),
        ("{not json", "{not json"),
        ("ünïcödé-主机", "ünïcödé-主机"),
    ],
)
def test_parse_value(text: str, expected: Any) -> None:
    value = parse_value(text)
    assert value == expected
    assert type(value) is type(expected)


def test_parse_value_survives_absurd_nesting() -> None:
    text = "[" * 100_000
    assert parse_value(text) == text  # RecursionError inside json is caught: it stays a string


def test_pairs_split_on_first_equals() -> None:
    assert parse_pairs(["a=b=c", "url=http://x/?q=1&r=2", "k=="]) == {
        "a": "b=c",
        "url": "http://x/?q=1&r=2",
        "k": "=",
    }


def test_pairs_types_and_unicode() -> None:
    got = parse_pairs(
        [
            "multipath=false",
            "port=3260",
            'extra={"a":1}',
            'name="quoted"',
            "host=tempest-1",
            "ノード=値",
            "empty=",
            "spaced= x ",
        ]
    )
    assert got == {
        "multipath": False,
        "port": 3260,
        "extra": {"a": 1},
        "name": "quoted",
        "host": "tempest-1",
        "ノード": "値",
        "empty": "",
        "spaced": " x ",
    }


def test_pairs_key_is_stripped() -> None:
    assert parse_pairs([" host =x"]) == {"host": "x"}


@pytest.mark.parametrize(
    ("items", "needle"),
    [
        (["host"], "has no '='"),
        (["=x"], "empty key"),
        (["  =x"], "empty key"),
        (["host=a", "host=b"], "more than once"),
        (["host=a", " host =b"], "more than once"),
    ],
)
def test_pairs_errors_name_the_argument(items: list[str], needle: str) -> None:
    err = usage_error(lambda: parse_pairs(items))
    assert needle in str(err)
    assert "--connector" in str(err)


@pytest.mark.parametrize("item", ["host=\udcff", "k\udc80=v"])
def test_pairs_reject_undecodable_argv_bytes(item: str) -> None:
    # os.fsdecode turns bytes that are not UTF-8 into lone surrogates; they cannot be sent as JSON.
    err = usage_error(lambda: parse_pairs([item]))
    assert "not valid UTF-8" in str(err) and "--connector" in str(err)


def test_pairs_option_name_is_used() -> None:
    err = usage_error(lambda: parse_pairs(["nope"], option="--property"))
    assert str(err).startswith("--property 'nope'")


def test_pairs_reject_deep_json_values() -> None:
    err = usage_error(lambda: parse_pairs(["x=" + "[" * 40 + "]" * 40]))
    assert "nested more than" in str(err) and "--connector x" in str(err)


def test_pairs_reject_non_finite_numbers() -> None:
    err = usage_error(lambda: parse_pairs(["x=1e999"]))
    assert "JSON cannot carry" in str(err)


def test_pairs_reject_too_many_values() -> None:
    big = json.dumps(list(range(connector.MAX_VALUES + 5)))
    err = usage_error(lambda: parse_pairs([f"x={big}"]))
    assert "more than" in str(err)


# --- build_connector ---------------------------------------------------------------------------


def test_no_connector_means_reserve() -> None:
    assert build_connector() is None
    assert build_connector([], None) is None


def test_pairs_only() -> None:
    assert build_connector(["initiator=iqn.x", "multipath=false"]) == {"initiator": "iqn.x", "multipath": False}


def write(tmp_path: Path, name: str, data: str | bytes) -> str:
    path = tmp_path / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return str(path)


def test_file_json(tmp_path: Path) -> None:
    path = write(tmp_path, "c.json", '{"initiator": "iqn.x", "port": 3260, "multipath": false}')
    assert build_connector(file=path) == {"initiator": "iqn.x", "port": 3260, "multipath": False}


def test_file_yaml(tmp_path: Path) -> None:
    path = write(tmp_path, "c.yaml", "initiator: iqn.x\nmultipath: false\nip: 192.168.1.20\nhost: ノード\n")
    assert build_connector(file=path) == {
        "initiator": "iqn.x",
        "multipath": False,
        "ip": "192.168.1.20",
        "host": "ノード",
    }


def test_file_with_bom(tmp_path: Path) -> None:
    path = write(tmp_path, "c.json", b'\xef\xbb\xbf{"host": "h"}')
    assert load_file(path) == {"host": "h"}


@pytest.mark.parametrize(
    "text",
    ['{"connector": {"host": "h", "initiator": "iqn.x"}}', "connector:\n  host: h\n  initiator: iqn.x\n"],
)
def test_file_wrapped(tmp_path: Path, text: str) -> None:
    assert load_file(write(tmp_path, "c", text)) == {"host": "h", "initiator": "iqn.x"}


def test_wrapper_with_other_keys_is_taken_as_is(tmp_path: Path) -> None:
    path = write(tmp_path, "c.json", '{"connector": {"a": 1}, "host": "h"}')
    assert load_file(path) == {"connector": {"a": 1}, "host": "h"}


def test_file_plus_override(tmp_path: Path) -> None:
    path = write(tmp_path, "c.yaml", "host: node-1\ninitiator: iqn.x\nmultipath: true\n")
    assert build_connector(["host=node-2", "ip=10.0.0.1"], path) == {
        "host": "node-2",
        "initiator": "iqn.x",
        "multipath": True,
        "ip": "10.0.0.1",
    }


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(b'{"connector": {"host": "from-stdin"}}'))
    monkeypatch.setattr(sys, "stdin", stdin)
    assert build_connector(["ip=1.2.3.4"], "-") == {"host": "from-stdin", "ip": "1.2.3.4"}


def test_stdin_names_stdin_in_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"[1, 2]")))
    err = usage_error(lambda: load_file("-"))
    assert "stdin" in str(err) and "a list" in str(err)


def test_empty_object_file_is_refused(tmp_path: Path) -> None:
    err = usage_error(lambda: build_connector(file=write(tmp_path, "c.json", "{}")))
    assert "connector is empty" in str(err)


# --- hostile and broken files --------------------------------------------------------------------


def laughs() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    names = "abcdefghij"
    for prev, cur in zip(names, names[1:], strict=False):
        lines.append(f"{cur}: &{cur} [{','.join([f'*{prev}'] * 9)}]")
    return "\n".join(lines) + "\n"


HOSTILE: list[tuple[str, bytes, str]] = [
    ("binary", bytes(range(256)) * 4, "not UTF-8"),
    ("nul", b'{"host": "a\x00b"}', "binary"),
    ("nul-yaml", b"host: a\x00b\n", "binary"),
    ("invalid-utf8", b'{"host": "\xff\xfe\xfa"}', "not UTF-8"),
    ("deep-json", b"[" * 100_000, "nested"),
    ("deep-json-closed", b'{"a": ' + b"[" * 5000 + b"]" * 5000 + b"}", "nested"),
    ("deep-yaml-flow", b"a: " + b"[" * 100_000, "nested"),
    ("deep-yaml-block", b"- " * 100_000 + b"x\n", "nested"),
    ("deep-yaml-map", "".join(" " * i + "k:\n" for i in range(400)).encode(), "nested"),
    ("huge", b'{"host": "' + b"x" * (1024 * 1024 + 10) + b'"}', "larger than"),
    ("yaml-int-key", b"1: one\nhost: h\n", "not a non-empty string"),
    ("yaml-null-key", b"null: x\n", "not a non-empty string"),
    ("yaml-bool-key", b"true: x\n", "not a non-empty string"),
    ("empty-key", b'{"": 1}', "not a non-empty string"),
    ("yaml-list-key", b"? [a, b]\n: c\n", "YAML"),
    ("billion-laughs", laughs().encode(), "more than"),
    ("yaml-cycle", b"a: &a [*a, *a]\n", "nested"),
    ("yaml-date", b"host: 2001-12-14\n", "JSON cannot carry"),
    ("yaml-binary", b"host: !!binary aGVsbG8=\n", "JSON cannot carry"),
    ("yaml-inf", b"port: .inf\n", "JSON cannot carry"),
    ("yaml-python-tag", b"host: !!python/object/apply:os.system ['true']\n", "YAML"),
    ("not-a-mapping", b"[1, 2, 3]", "a list"),
    ("scalar", b"just words", "a str"),
    ("empty", b"", "is empty"),
    ("comment-only", b"# nothing\n", "holds no value"),
    ("whitespace-only", b"  \n\t\n", "is empty"),
    ("yaml-null", b"~\n", "holds no value"),
    ("bad-yaml", b"host: [unclosed\n", "neither JSON nor YAML"),
    ("tabs", b"host:\n\t- x\n", "neither JSON nor YAML"),
]


@pytest.mark.parametrize(("data", "needle"), [(d, n) for _, d, n in HOSTILE], ids=[i for i, _, _ in HOSTILE])
def test_hostile_files_give_a_usage_error(tmp_path: Path, data: bytes, needle: str) -> None:
    path = write(tmp_path, "hostile", data)
    outcome: list[BaseException | None] = []

    def attempt() -> None:
        try:
            build_connector(file=path)
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread
            outcome.append(exc)
        else:
            outcome.append(None)

    worker = threading.Thread(target=attempt, daemon=True)
    worker.start()
    worker.join(timeout=10)
    assert outcome, "build_connector hung on a hostile file"
    err = outcome[0]
    assert isinstance(err, UsageError), repr(err)
    assert err.exit_code == EXIT_USAGE
    text = str(err)
    assert needle in text, text
    assert "--connector-file" in text
    assert "\n" not in text and len(text) < 400


# --- a .json file is strict JSON; YAML stays for .yaml/.yml, other names and stdin -------------------

NOT_JSON = [
    ("bare-word", '{"host": node-1}', 1, 10),
    ("python-false", '{"multipath": False}', 1, 15),
    ("trailing-comma", '{"host": "a",}', 1, 14),
    ("single-quotes", "{'host': 'a'}", 1, 2),
    ("third-line", '{\n  "host": "a",\n  "initiator": iqn.x\n}\n', 3, 16),
]


@pytest.mark.parametrize(("text", "line", "column"), [n[1:] for n in NOT_JSON], ids=[n[0] for n in NOT_JSON])
def test_a_json_file_that_is_not_json_names_line_and_column(tmp_path: Path, text: str, line: int, column: int) -> None:
    path = write(tmp_path, "c.json", text)
    err = usage_error(lambda: load_file(path))
    assert str(err).startswith(f"--connector-file {path} is not valid JSON at line {line}, column {column}: ")
    assert "or name it .yaml" in str(err) and "\n" not in str(err)


@pytest.mark.parametrize("name", ["c.yaml", "c.yml", "connector", "c.txt"])
def test_other_names_still_read_yaml(tmp_path: Path, name: str) -> None:
    assert load_file(write(tmp_path, name, '{"host": node-1}')) == {"host": "node-1"}


def test_stdin_still_reads_yaml(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"host: node-1\nmultipath: false\n")))
    assert load_file("-") == {"host": "node-1", "multipath": False}


def test_the_json_suffix_is_matched_in_any_case_and_nan_is_refused(tmp_path: Path) -> None:
    assert "not valid JSON at line 1" in str(usage_error(lambda: load_file(write(tmp_path, "C.JSON", "{host: a}"))))
    err = usage_error(lambda: load_file(write(tmp_path, "nan.json", '{"port": NaN}')))
    assert "holds NaN, which is not JSON" in str(err)


def test_a_valid_json_file_is_read_as_before(tmp_path: Path) -> None:
    path = write(tmp_path, "c.json", '{"connector": {"host": "node-1", "multipath": false, "wwpns": ["a"]}}')
    assert load_file(path) == {"host": "node-1", "multipath": False, "wwpns": ["a"]}


def test_an_empty_file_says_it_is_empty(tmp_path: Path) -> None:
    for name in ("c.json", "c.yaml"):
        path = write(tmp_path, name, "")
        err = usage_error(lambda path=path: load_file(path))
        assert str(err).startswith(f"--connector-file {path} is empty. ") and "holds empty" not in str(err)


def test_cli_a_json_file_that_is_not_json_sends_nothing(cli: Callable[..., Result], tmp_path: Path) -> None:
    # The file that once created a real attachment: YAML read it as {"host": "node-1"}.
    path = write(tmp_path, "connector.json", '{"initiator": "iqn.x", "host": node-1}')
    r = cli("create354", "--volume-uuid", VOL, "--connector-file", path)
    assert r.code == 2 and r.requests == []
    assert r.err.startswith(f"Error: --connector-file {path} is not valid JSON at line 1, column 32: ")
    assert r.err.count("\n") == 1


def test_json_nan_is_read_as_yaml_string(tmp_path: Path) -> None:
    # NaN is not JSON; the YAML reading of the same text makes it a plain string, which is safe to send.
    assert load_file(write(tmp_path, "c", '{"port": NaN}')) == {"port": "NaN"}


def test_missing_file(tmp_path: Path) -> None:
    err = usage_error(lambda: load_file(str(tmp_path / "nope.json")))
    assert "cannot read it" in str(err) and "nope.json" in str(err)


def test_directory_as_file(tmp_path: Path) -> None:
    err = usage_error(lambda: load_file(str(tmp_path)))
    assert "cannot read it" in str(err)


def test_huge_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b" " * (3 * 1024 * 1024))))
    err = usage_error(lambda: load_file("-"))
    assert "larger than" in str(err)


def test_file_exactly_at_limit_is_read(tmp_path: Path) -> None:
    body = b'{"host": "h"}'
    path = write(tmp_path, "c.json", body + b" " * (connector.MAX_FILE_BYTES - len(body)))
    assert load_file(path) == {"host": "h"}


# --- through the CLI: exit 2 and nothing sent ----------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["--connector", "novalue"],
        ["--connector", "=x"],
        ["--connector", "a=1", "--connector", "a=2"],
        ["--connector-file", "does-not-exist.yaml"],
    ],
)
def test_cli_connector_errors_send_nothing(cli: Callable[..., Result], argv: list[str]) -> None:
    r = cli("create354", "--volume-uuid", VOL, *argv)
    assert r.code == 2
    assert r.requests == []
    assert r.err.startswith("Error: --connector")
    assert r.err.count("\n") == 1 and "Traceback" not in r.err


def test_cli_billion_laughs(cli: Callable[..., Result], tmp_path: Path) -> None:
    path = write(tmp_path, "bomb.yaml", laughs())
    r = cli("create354", "--volume-uuid", VOL, "--connector-file", path)
    assert r.code == 2 and r.requests == []
    assert "more than" in r.err


def test_cli_sends_the_merged_connector(cli: Callable[..., Result], cinder: Any, tmp_path: Path) -> None:
    cinder.reply()
    path = write(tmp_path, "c.yaml", "connector:\n  host: node-1\n  initiator: iqn.x\n")
    r = cli("create354", "--volume-uuid", VOL, "--connector-file", path, "--connector", "host=node-2", "-f", "json")
    assert r.code == 0, r.err
    sent = json.loads(r.requests[0].content)
    assert sent == {"attachment": {"volume_uuid": VOL, "connector": {"host": "node-2", "initiator": "iqn.x"}}}
