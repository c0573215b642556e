"""`attach connector`: the command over host_connector (os-brick faked here; test_host_connector covers it)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from helpers import ENDPOINT, TOKEN

from cinder_attach import host_connector as hc

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


def test_without_the_extra_it_names_the_install_command(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real = builtins.__import__

    def no_brick(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.startswith("os_brick"):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_brick)
    r = cli("connector", direct=False)
    assert r.code == 2, r.err
    assert "pip install 'cinder-attach[host]'" in r.err and "Traceback" not in r.err
    assert json.dumps(r.out) == '""'
