"""Every body the CLI can build passes Cinder's own request schemas (contract: CLI ↔ Cinder's create_v354),
and every connector it builds holds os-brick's type for each key os-brick sends (cinder_schemas.OS_BRICK_CONNECTOR)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import Any

import httpx
from cinder_schemas import (
    OS_BRICK_CONNECTOR,
    connector_type_errors,
    validate_complete_body,
    validate_create_body,
    validate_update_body,
)
from helpers import ATT, FakeCinder, Result, attachment
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

uuids = st.uuids().flatmap(
    lambda u: st.sampled_from([str(u), str(u).upper(), u.hex, f"urn:uuid:{u}", "{" + str(u) + "}"])
)
TYPED = OS_BRICK_CONNECTOR["properties"]
keys = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="="), min_size=1, max_size=12).filter(
    lambda k: k.strip() == k and k != "" and k not in TYPED
)
values = st.one_of(
    st.text(max_size=20),
    st.integers(-(10**6), 10**6).map(str),
    st.sampled_from(["true", "false", "null", '{"a": 1}', "[1, 2]", '"quoted"']),
)
# What a user may type for each kind of os-brick key, as (text on the command line, value expected in the body).
texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=20)
string_values = st.one_of(texts, st.sampled_from(["123", "1234", "true", "null", '"x"', "[1]", "3.0"])).map(
    lambda text: (text, text)
)
boolean_values = st.sampled_from(["true", "false", "True", "FALSE"]).map(lambda t: (t, t.lower() == "true"))
items = st.text(
    st.characters(blacklist_categories=("Cs", "Zs", "Zl", "Zp", "Cc"), blacklist_characters=",["),
    min_size=1,
    max_size=8,
)
list_values = st.lists(items, min_size=1, max_size=3).flatmap(
    lambda xs: st.sampled_from([(",".join(xs), xs), (json.dumps(xs), xs)])
)
KIND_VALUES = {"string": string_values, "boolean": boolean_values, "array": list_values}
typed_pairs = st.sampled_from(sorted(TYPED)).flatmap(
    lambda key: KIND_VALUES[TYPED[key]["type"]].map(lambda pair: (key, *pair))
)
connectors = st.tuples(
    st.dictionaries(keys, values, max_size=4),
    st.lists(typed_pairs, max_size=4, unique_by=lambda t: t[0]),
)


def run_cli(argv: list[str], cli: Callable[..., Result], cinder: FakeCinder) -> list[httpx.Request]:
    """One run through the shared runner; the fake answers whatever the command sends."""
    cinder.requests.clear()
    cinder.responses[:] = [
        lambda request: (
            httpx.Response(204)
            if request.url.path.endswith("/action")
            else httpx.Response(200, json={"attachment": attachment()})
        )
    ]
    result = cli(*argv, "-f", "value")
    assert result.code == 0, result.err
    return result.requests


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    version=st.sampled_from(["create354", "create327"]),
    volume=uuids,
    instance=st.none() | uuids,
    mode=st.none() | st.sampled_from(["rw", "ro"]),
    connector=connectors,
)
def test_create_bodies_pass_cinders_schema(
    cli: Callable[..., Result],
    cinder: FakeCinder,
    version: str,
    volume: str,
    instance: str | None,
    mode: str | None,
    connector: tuple[dict[str, str], list[tuple[str, str, Any]]],
) -> None:
    free, typed = connector
    argv = [version, "--volume-uuid", volume]
    if instance is not None:
        argv += ["--instance-uuid", instance]
    if mode is not None and version == "create354":
        argv += ["--mode", mode]
    for key, value in free.items():
        argv += ["--connector", f"{key}={value}"]
    for key, text, _ in typed:
        argv += ["--connector", f"{key}={text}"]
    (request,) = run_cli(argv, cli, cinder)
    body: dict[str, Any] = json.loads(request.content)
    microversion = request.headers["OpenStack-API-Version"]
    validate_create_body(body, microversion)
    assert body["attachment"]["volume_uuid"] == str(uuid.UUID(volume))
    assert None not in body["attachment"].values()
    sent = body["attachment"].get("connector", {})
    assert connector_type_errors(sent) == []
    for key, _, expected in typed:
        assert sent[key] == expected and type(sent[key]) is type(expected), (key, sent[key], expected)


def test_update_and_complete_bodies_pass(cli: Callable[..., Result], cinder: FakeCinder) -> None:
    (put,) = run_cli(["update", ATT, "--connector", "initiator=iqn.x", "--connector", "multipath=false"], cli, cinder)
    validate_update_body(json.loads(put.content))
    assert connector_type_errors(json.loads(put.content)["attachment"]["connector"]) == []
    (post,) = run_cli(["complete", ATT], cli, cinder)
    validate_complete_body(json.loads(post.content))


def test_the_type_check_can_fail() -> None:
    """What the CLI used to send for the peers' cases is refused by the os-brick oracle."""
    errors = connector_type_errors({"os_type": 123, "host": 1234, "multipath": "false", "wwpns": "a,b"})
    assert [e.split(":")[0] for e in errors] == ["host", "multipath", "os_type", "wwpns"]
