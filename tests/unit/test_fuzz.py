"""Hypothesis drives ``main()`` with generated argv: it never raises, exits 0/1/2, and exit 2 means nothing was sent."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Callable

import httpx
from helpers import ATT, INST, TOKEN, VOL, FakeCinder, Result, attachment
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from cinder_attach.output import FORMATS
from cinder_attach.views import ATTACHMENT_COLUMNS

SETTINGS = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Everything argv can hold on POSIX: any text but NUL, including surrogate-escaped undecodable bytes.
ARG_TEXT = st.text(
    alphabet=st.characters(blacklist_characters="\x00", blacklist_categories=["Cs"]) | st.sampled_from("\udcff\udc80"),
    max_size=30,
)

GOOD_UUID = st.one_of(
    st.sampled_from([VOL, VOL.upper(), VOL.replace("-", ""), f"urn:uuid:{VOL}", f"{{{VOL}}}", INST]),
    st.uuids().map(str),
)
BAD_UUID = st.one_of(st.sampled_from(["", "null", VOL[:-1], VOL + "0", " " + VOL]), ARG_TEXT)
UUIDS = st.one_of(GOOD_UUID, GOOD_UUID, GOOD_UUID, BAD_UUID)  # mostly valid, so the request path is reached
MODES = st.one_of(st.sampled_from(["rw", "ro"]), st.sampled_from(["RW", "null", "", "none", "rw "]), ARG_TEXT)
PIECES = st.sampled_from(
    ["=", '"', "'", "{", "}", "[", "]", ":", ",", " ", "\\", "$(x)", "null", "3260", "false", "é", "主", "\n"]
)
KEYS = st.sampled_from(["initiator", "host", "ip", "multipath", "ノード", "k", "auth_password"])
CONNECTOR = st.one_of(
    st.builds(lambda k, v: f"{k}={v}", KEYS, ARG_TEXT),
    st.builds(lambda k, v: f"{k}={v}", KEYS, st.lists(PIECES, max_size=8).map("".join)),
    st.lists(st.one_of(PIECES, ARG_TEXT), max_size=8).map("".join),
    st.sampled_from(["", "=", "==", "k=", "=v", "k", 'k={"a":1}', "k=[" * 50, "k=1e999", "k=" + "x" * 100_000]),
    st.integers(min_value=1, max_value=60).map(lambda n: "k=" + "[" * n + "]" * n),
)
FORMAT = st.one_of(st.sampled_from(FORMATS), st.sampled_from(FORMATS), ARG_TEXT)
COLUMN = st.one_of(st.sampled_from(ATTACHMENT_COLUMNS), st.sampled_from(ATTACHMENT_COLUMNS), ARG_TEXT)


def option_groups() -> st.SearchStrategy[list[list[str]]]:
    """Each group is one option with its value; groups are shuffled so every order is tried."""
    group = st.one_of(
        UUIDS.map(lambda v: ["--volume-uuid", v]),
        UUIDS.map(lambda v: ["--instance-uuid", v]),
        MODES.map(lambda v: ["--mode", v]),
        CONNECTOR.map(lambda v: ["--connector", v]),
        CONNECTOR.map(lambda v: ["--connector", v]),
        st.sampled_from(["-", "/nonexistent/c.yaml", ""]).map(lambda v: ["--connector-file", v]),
        FORMAT.map(lambda v: ["-f", v]),
        COLUMN.map(lambda v: ["-c", v]),
        st.one_of(st.sampled_from(["", "att_", "x-", "1"]), ARG_TEXT).map(lambda v: ["--prefix", v]),
        st.sampled_from([["--noindent"], ["--show-secrets"], ["--debug"], ["--dry-run"], ["--no-cache"]]),
        st.one_of(st.sampled_from(["5", "0", "-1", "nan", "inf", "x"]), ARG_TEXT).map(lambda v: ["--timeout", v]),
    )
    none: list[list[str]] = []
    stray: st.SearchStrategy[list[list[str]]] = st.one_of(
        st.just(none), st.just(none), st.just(none), ARG_TEXT.map(lambda v: [[v]])
    )
    required = UUIDS.map(lambda v: ["--volume-uuid", v])
    return st.tuples(st.lists(group, max_size=6), required, stray).flatmap(
        lambda t: st.permutations([*t[0], t[1], *t[2]])
    )


def serve(cinder: FakeCinder) -> None:
    # A real interpreter's stderr is errors="backslashreplace", so an undecodable argv byte echoed in an error
    # message cannot crash the write; pytest's capture stream is strict, so give it the real setting.
    # stdout keeps its strict setting, as in a UTF-8 locale: nothing from argv may reach it unencodable.
    stderr = sys.stderr
    if isinstance(stderr, io.TextIOWrapper):
        stderr.reconfigure(errors="backslashreplace")
    cinder.requests.clear()
    cinder.responses.clear()
    answer = {"attachment": attachment()}

    def ok(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=answer)

    cinder.responses.extend([ok, ok, ok])


def check(r: Result, argv: list[str]) -> None:
    assert isinstance(r.code, int) and r.code in (0, 1, 2), (r.code, argv, r.err)
    if r.code == 2:
        assert r.requests == [], f"exit 2 but {len(r.requests)} request(s) sent: {argv}"
    if r.code in (1, 2):
        last = r.err.splitlines()[-1] if r.err else ""
        assert last.startswith("Error:") or r.err.startswith("Usage:"), r.err
    if "--debug" not in argv:
        assert "Traceback" not in r.err, r.err
    assert TOKEN not in r.out and TOKEN not in r.err
    assert len(r.requests) <= 1, "a create is sent at most once"


@SETTINGS
@given(command=st.sampled_from(["create354", "create", "create327"]), groups=option_groups())
def test_create_never_crashes(
    cli: Callable[..., Result], cinder: FakeCinder, command: str, groups: list[list[str]]
) -> None:
    serve(cinder)
    argv = [command, *(arg for group in groups for arg in group)]
    r = cli(*argv)
    event(f"exit {r.code}, {len(r.requests)} request(s)")
    check(r, argv)
    assert r.code != 1, f"Cinder answers 200, so nothing may fail at run time: {argv} {r.err}"
    if r.code == 0 and r.requests:
        sent = json.loads(r.requests[0].content)
        assert set(sent) == {"attachment"}
        body = sent["attachment"]
        assert body["volume_uuid"] == body["volume_uuid"].lower() and len(body["volume_uuid"]) == 36
        assert None not in body.values(), "optional fields are left out, never null"
        assert body.get("mode") in (None, "rw", "ro")
        if command == "create327":
            assert "mode" not in body


@SETTINGS
@given(
    command=st.sampled_from(["show", "update", "complete", "delete", "list", "cache", "nosuch", ""]),
    args=st.lists(
        st.one_of(ARG_TEXT, st.sampled_from([ATT, "--long", "--all-pages", "--limit", "-f", "json", "-c"])), max_size=6
    ),
    extra=st.lists(CONNECTOR.map(lambda v: f"--connector={v}"), max_size=2),
)
def test_other_commands_never_crash(
    cli: Callable[..., Result], cinder: FakeCinder, command: str, args: list[str], extra: list[str]
) -> None:
    serve(cinder)
    argv = [a for a in (command, *args, *extra) if a != "cache" or command != "cache"]
    r = cli(*argv)
    assert r.code in (0, 1, 2), (r.code, argv, r.err)
    if r.code == 2:
        assert r.requests == [], argv
    if "--debug" not in argv:
        assert "Traceback" not in r.err


def test_fuzz_strategy_reaches_success(cli: Callable[..., Result], cinder: FakeCinder) -> None:
    # The control: a plain valid argv from the same building blocks succeeds with one request.
    serve(cinder)
    r = cli(
        "create354", "--connector", "k=" + "x" * 100_000, "--mode", "rw", "--volume-uuid", VOL.upper(), "-f", "json"
    )
    assert r.code == 0, r.err
    assert len(r.requests) == 1
    assert json.loads(r.requests[0].content)["attachment"]["connector"]["k"] == "x" * 100_000
    assert json.loads(r.out)["id"] == ATT
