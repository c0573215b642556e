"""Every body the CLI can build passes Cinder's own request schemas (contract: CLI ↔ Cinder's create_v354)."""

from __future__ import annotations

import json
import uuid
from typing import Any

import httpx
import pytest
from cinder_schemas import validate_complete_body, validate_create_body, validate_update_body
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from unit_fakes import ATT, ENDPOINT, TOKEN, attachment

from cinder_attach import main as main_mod
from cinder_attach import transport

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


def run_cli(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> list[httpx.Request]:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        request.read()
        sent.append(request)
        if request.url.path.endswith("/action"):
            return httpx.Response(204)
        return httpx.Response(200, json={"attachment": attachment()})

    monkeypatch.setattr(transport, "base_transport", lambda verify: httpx.MockTransport(handler))
    code = main_mod.main([*argv, "--os-token", TOKEN, "--os-endpoint", ENDPOINT, "-f", "value"])
    assert code == 0
    return sent


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    version=st.sampled_from(["create354", "create327"]),
    volume=uuids,
    instance=st.none() | uuids,
    mode=st.none() | st.sampled_from(["rw", "ro"]),
    connector=connectors,
)
def test_create_bodies_pass_cinders_schema(
    monkeypatch: pytest.MonkeyPatch,
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
    (request,) = run_cli(argv, monkeypatch)
    body: dict[str, Any] = json.loads(request.content)
    microversion = request.headers["OpenStack-API-Version"]
    validate_create_body(body, microversion)
    assert body["attachment"]["volume_uuid"] == str(uuid.UUID(volume))
    assert None not in body["attachment"].values()


def test_update_and_complete_bodies_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    (put,) = run_cli(["update", ATT, "--connector", "initiator=iqn.x", "--connector", "multipath=false"], monkeypatch)
    validate_update_body(json.loads(put.content))
    (post,) = run_cli(["complete", ATT], monkeypatch)
    validate_complete_body(json.loads(post.content))
