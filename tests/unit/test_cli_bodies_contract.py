"""Every body the CLI can build passes Cinder's own request schemas (contract: CLI ↔ Cinder's create_v354)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import Any

import httpx
from cinder_schemas import validate_complete_body, validate_create_body, validate_update_body
from helpers import ATT, FakeCinder, Result, attachment
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

uuids = st.uuids().flatmap(
    lambda u: st.sampled_from([str(u), str(u).upper(), u.hex, f"urn:uuid:{u}", "{" + str(u) + "}"])
)
keys = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="="), min_size=1, max_size=12).filter(
    lambda k: k.strip() == k and k != ""
)
values = st.one_of(
    st.text(max_size=20),
    st.integers(-(10**6), 10**6).map(str),
    st.sampled_from(["true", "false", "null", '{"a": 1}', "[1, 2]", '"quoted"']),
)
connectors = st.dictionaries(keys, values, max_size=5)


def run_cli(argv: list[str], cli: Callable[..., Result], cinder: FakeCinder) -> list[httpx.Request]:
    """One run through the shared runner; the fake answers whatever the command sends."""
    cinder.requests.clear()
    cinder.responses[:] = [
        lambda request: httpx.Response(204)
        if request.url.path.endswith("/action")
        else httpx.Response(200, json={"attachment": attachment()})
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
    connector: dict[str, str],
) -> None:
    argv = [version, "--volume-uuid", volume]
    if instance is not None:
        argv += ["--instance-uuid", instance]
    if mode is not None and version == "create354":
        argv += ["--mode", mode]
    for key, value in connector.items():
        argv += ["--connector", f"{key}={value}"]
    (request,) = run_cli(argv, cli, cinder)
    body: dict[str, Any] = json.loads(request.content)
    microversion = request.headers["OpenStack-API-Version"]
    validate_create_body(body, microversion)
    assert body["attachment"]["volume_uuid"] == str(uuid.UUID(volume))
    assert None not in body["attachment"].values()


def test_update_and_complete_bodies_pass(cli: Callable[..., Result], cinder: FakeCinder) -> None:
    (put,) = run_cli(["update", ATT, "--connector", "initiator=iqn.x", "--connector", "multipath=false"], cli, cinder)
    validate_update_body(json.loads(put.content))
    (post,) = run_cli(["complete", ATT], cli, cinder)
    validate_complete_body(json.loads(post.content))
