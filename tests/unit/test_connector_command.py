"""`attach connector`: the command over brick (os-brick faked here; test_brick covers the module)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from helpers import ENDPOINT, TOKEN

from cinder_attach import brick as hc

FOUND = {"platform": "x86_64", "os_type": "linux", "ip": "192.0.2.7", "host": "node-1", "multipath": False,
         "initiator": "iqn.1993-08.org.debian:01:abc"}  # fmt: skip


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    seen: list[dict[str, Any]] = []

    def fake(**kwargs: Any) -> dict[str, Any]:
        seen.append(kwargs)
        return dict(FOUND)

    monkeypatch.setattr(hc, "host_connector", fake)
    return seen


def test_prints_the_connector_in_any_format(cli, calls: list[dict[str, Any]]) -> None:
    r = cli("connector", "-f", "json", direct=False)
    assert r.code == 0, r.err
    assert r.json() == FOUND and r.requests == []
    assert calls[0]["route_to"] is None, "no cloud is known: the default route decides the ip"
    value = cli("connector", "-f", "value", "-c", "initiator", direct=False)
    assert value.out == "iqn.1993-08.org.debian:01:abc\n"


def test_options_pass_through_and_the_endpoint_routes_the_ip(cli, calls: list[dict[str, Any]]) -> None:
    r = cli("connector", "--host-ip", "192.0.2.9", "--multipath", "--enforce-multipath", "--host", "h2",
            "--root-helper", "doas", "--debug")  # fmt: skip
    assert r.code == 0, r.err
    (kwargs,) = calls
    assert kwargs == {"host_ip": "192.0.2.9", "multipath": True, "enforce_multipath": True, "host": "h2",
                      "root_helper": "doas", "debug": True, "route_to": ENDPOINT}  # fmt: skip
    assert TOKEN not in r.out + r.err


def test_an_unknown_column_is_a_usage_error(cli, calls: list[dict[str, Any]]) -> None:
    r = cli("connector", "-c", "wwpns", direct=False)
    assert r.code == 2 and "wwpns" in r.err


def test_without_the_extra_it_names_the_install_command(cli, no_os_brick: None) -> None:
    r = cli("connector", direct=False)
    assert r.code == 2, r.err
    assert "-m pip install '.[host]'" in r.err and "Traceback" not in r.err
    assert json.dumps(r.out) == '""'


def test_create_from_host_merges_host_then_file_then_flags(
    cli, cinder, calls: list[dict[str, Any]], tmp_path: Any
) -> None:
    from helpers import VOL

    conn_file = tmp_path / "conn.yaml"
    conn_file.write_text("host: from-file\nmountpoint: /dev/vdb\n")
    cinder.reply()
    r = cli("create354", "--volume-uuid", VOL, "--connector-from-host", "--connector-file", str(conn_file),
            "--connector", "mountpoint=/dev/vdc", "--connector", "multipath=true", "--root-helper", "doas")  # fmt: skip
    assert r.code == 0, r.err
    sent = json.loads(cinder.requests[0].content)["attachment"]["connector"]
    assert sent == {**FOUND, "host": "from-file", "mountpoint": "/dev/vdc", "multipath": True}
    assert calls[0]["root_helper"] == "doas" and calls[0]["route_to"] == ENDPOINT


def test_update_from_host_alone_is_a_connector(cli, cinder, calls: list[dict[str, Any]]) -> None:
    from helpers import ATT, attachment

    cinder.reply(body={"attachment": attachment()})
    r = cli("update", ATT, "--connector-from-host")
    assert r.code == 0, r.err
    assert json.loads(cinder.requests[0].content) == {"attachment": {"connector": FOUND}}


def test_a_usage_error_is_found_before_reading_the_host(cli, cinder, calls: list[dict[str, Any]]) -> None:
    from helpers import VOL

    r = cli("create354", "--volume-uuid", VOL, "--mode", "rx", "--connector-from-host")
    assert r.code == 2 and calls == [] and r.requests == []


def test_a_mistyped_host_value_is_refused(cli, cinder, monkeypatch: pytest.MonkeyPatch) -> None:
    from helpers import VOL

    monkeypatch.setattr(hc, "host_connector", lambda **kw: {**FOUND, "multipath": "no"})
    r = cli("create354", "--volume-uuid", VOL, "--connector-from-host")
    assert r.code == 2 and "multipath" in r.err and r.requests == []


def test_without_the_extra_create_sends_nothing(cli, cinder, no_os_brick: None) -> None:
    from helpers import VOL

    r = cli("create354", "--volume-uuid", VOL, "--connector-from-host")
    assert r.code == 2 and "-m pip install '.[host]'" in r.err and r.requests == []


def test_help_offers_only_the_shared_options_that_do_something_here(cli) -> None:
    options = cli("connector", "--help", direct=False).out.split("Options:", 1)[1]
    for absent in ("--timeout", "--dry-run", "--show-secrets"):
        assert absent not in options, f"{absent} does nothing in `attach connector`"
    for present in ("--no-cache", "--debug", "--os-cloud", "--os-endpoint", "-f, --format", "-c, --column"):
        assert present in options
    r = cli("connector", "--dry-run", direct=False)
    assert r.code == 2 and "No such option: --dry-run" in r.err


def test_no_cache_keeps_a_cached_tokens_endpoint_out_of_the_route(cli, calls: list[dict[str, Any]]) -> None:
    import os
    import time

    from cinder_attach import token_cache
    from cinder_attach.login import Login

    key = token_cache.derive_key("mycloud", {}, os.environ)
    token_cache.store(key, Login(ENDPOINT, TOKEN, time.time() + 3600, "p"))
    assert cli("connector", "--os-cloud", "mycloud", direct=False).code == 0
    assert cli("connector", "--os-cloud", "mycloud", "--no-cache", direct=False).code == 0
    assert [c["route_to"] for c in calls] == [ENDPOINT, None]
