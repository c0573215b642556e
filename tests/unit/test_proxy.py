"""Proxies, the same for Keystone and Cinder: the choice matches requests' (which keystoneauth uses) for every
combination below, Cinder's requests really go through the proxy, NO_PROXY bypasses it, errors name it, and
its credentials never show. The CA trust from the environment is the same for both, too."""

from __future__ import annotations

import base64
import itertools
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from unittest import mock
from urllib.parse import urlsplit

import httpx
import pytest
import trustme
from fake_keystone import PROJECT, FakeKeystone, token_of, write_clouds
from helpers import ATT, ENDPOINT, TOKEN, VOL, FakeCinder, Result, assert_one_line_error, cinder_ok, invoke, server_tls
from local_server import Answer, ForwardingProxy, LocalServer, closed_port

from cinder_attach.proxy import proxy_for

CREATE = ("create354", "--volume-uuid", VOL)

# --- the choice, against requests' own -------------------------------------------------------------

PROXY_VARIABLES: list[dict[str, str]] = [
    {},
    {"HTTP_PROXY": "http://up:3128"},
    {"http_proxy": "http://low:3128", "HTTP_PROXY": "http://up:3128"},
    {"http_proxy": "", "HTTP_PROXY": "http://up:3128"},
    {"HTTPS_PROXY": "secure.corp:3129"},  # no scheme: http://
    {"ALL_PROXY": "http://all:3130"},
    {"HTTP_PROXY": "http://up:3128", "ALL_PROXY": "http://all:3130", "https_proxy": "http://s:1"},
    {"HTTP_PROXY": "http://up:3128", "REQUEST_METHOD": "GET"},
    {"http_proxy": "http://user:pw@low:3128", "REQUEST_METHOD": "GET"},
]
NO_PROXY: list[dict[str, str]] = [
    {},
    {"NO_PROXY": "127.0.0.1"},
    {"no_proxy": "localhost"},
    {"NO_PROXY": ".example.com"},
    {"NO_PROXY": "example.com"},
    {"NO_PROXY": "cinder.example.com:8776"},
    {"NO_PROXY": "cinder.example.com:9999"},
    {"NO_PROXY": "10.0.0.0/8, 192.168.0.0/16"},
    {"NO_PROXY": "127.0.0.0/8"},
    {"NO_PROXY": "127.0.0.0/0"},
    {"NO_PROXY": "*"},
    {"NO_PROXY": "foo,*"},
    {"NO_PROXY": "EXAMPLE.COM"},
    {"NO_PROXY": "0.0.1"},
    {"NO_PROXY": "::1"},
    {"no_proxy": "", "NO_PROXY": "127.0.0.1"},
    {"no_proxy": "other.org", "NO_PROXY": "127.0.0.1"},
]
URLS = [
    "http://127.0.0.1:8776/v3/p",
    "http://localhost:8776/v3/p",
    "https://cinder.example.com:8776/v3/p",
    "https://notexample.com/v3/p",
    "http://10.1.2.3/v3/p",
    "https://192.168.7.7:8776/v3/p",
    "http://[::1]:8776/v3/p",
    "https://CINDER.Example.com/v3/p",
]


def requests_choice(url: str) -> str | None:
    """The proxy requests (hence keystoneauth) uses for ``url`` under the current os.environ."""
    import requests
    from requests.utils import prepend_scheme_if_needed, select_proxy

    settings = requests.Session().merge_environment_settings(url, {}, None, None, None)
    proxy = select_proxy(url, settings["proxies"])
    return prepend_scheme_if_needed(proxy, "http") if proxy else None


@pytest.mark.parametrize(("proxies", "no_proxy"), list(itertools.product(PROXY_VARIABLES, NO_PROXY)))
def test_the_choice_is_the_one_requests_makes(proxies: dict[str, str], no_proxy: dict[str, str]) -> None:
    env = {**proxies, **no_proxy}
    with mock.patch.dict(os.environ, env, clear=True):
        for url in URLS:
            assert proxy_for(url) == requests_choice(url), (url, env)


def test_loopback_is_not_special() -> None:
    # Like requests (and unlike some tools), 127.0.0.1 goes through the proxy unless NO_PROXY lists it,
    # and an address's entry takes no port.
    env = {"HTTP_PROXY": "http://p:1"}
    assert proxy_for("http://127.0.0.1:8776/v3", env) == "http://p:1"
    assert proxy_for("http://127.0.0.1:8776/v3", {**env, "NO_PROXY": "127.0.0.1"}) is None
    assert proxy_for("http://127.0.0.1:8776/v3", {**env, "NO_PROXY": "localhost"}) == "http://p:1"
    assert proxy_for("http://127.0.0.1:8776/v3", {**env, "NO_PROXY": "127.0.0.1:8776"}) == "http://p:1"
    assert proxy_for("http://localhost:8776/v3", {**env, "NO_PROXY": "localhost:8776"}) is None


# --- Cinder's requests through a real proxy ---------------------------------------------------------


@pytest.fixture
def cinder_server() -> Iterator[LocalServer]:
    with LocalServer(cinder_ok) as server:
        yield server


def direct(server: LocalServer) -> tuple[str, ...]:
    return ("--os-token", TOKEN, "--os-endpoint", server.endpoint())


def test_cinder_goes_through_the_proxy(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, cinder_server: LocalServer, proxy: Any
) -> None:
    monkeypatch.setenv("HTTP_PROXY", proxy.url("user:s3cret@"))
    r = invoke(capsys, *CREATE, "-f", "value", "-c", "id", *direct(cinder_server))
    assert r.code == 0, r.err
    assert r.out == ATT + "\n"
    (through,) = proxy.seen
    assert through.method == "POST" and through.path == cinder_server.endpoint() + "/attachments"
    assert through.headers["proxy-authorization"] == "Basic " + base64.b64encode(b"user:s3cret").decode()
    assert len(cinder_server.seen) == 1 and "proxy-authorization" not in cinder_server.seen[0].headers


@pytest.mark.parametrize("no_proxy", ["127.0.0.1", "127.0.0.0/8", "*", "other.example, 127.0.0.1"])
def test_no_proxy_bypasses_it(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    cinder_server: LocalServer,
    proxy: Any,
    no_proxy: str,
) -> None:
    monkeypatch.setenv("HTTP_PROXY", proxy.url())
    monkeypatch.setenv("no_proxy", no_proxy)
    r = invoke(capsys, *CREATE, *direct(cinder_server))
    assert r.code == 0, r.err
    assert proxy.seen == [] and len(cinder_server.seen) == 1


def test_lower_case_wins(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, cinder_server: LocalServer, proxy: Any
) -> None:
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{closed_port()}")
    monkeypatch.setenv("http_proxy", proxy.url())
    assert invoke(capsys, *CREATE, *direct(cinder_server)).code == 0
    assert len(proxy.seen) == 1


def test_a_dead_proxy_is_named_with_its_password_masked(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, cinder_server: LocalServer
) -> None:
    port = closed_port()
    monkeypatch.setenv("ALL_PROXY", f"http://user:s3cret@127.0.0.1:{port}")
    r = invoke(capsys, *CREATE, *direct(cinder_server))
    line = assert_one_line_error(r, 1)
    assert f"through the proxy http://***@127.0.0.1:{port}: connection refused" in line
    assert "Is the proxy up?" in line and "may have been created" not in line
    assert "s3cret" not in r.out + r.err
    assert cinder_server.seen == []


def test_the_proxys_own_error_page_names_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, cinder_server: LocalServer
) -> None:
    with ForwardingProxy(Answer(407, b"Proxy Authentication Required")) as proxy:
        monkeypatch.setenv("HTTP_PROXY", proxy.url("user:s3cret@"))
        r = invoke(capsys, "show", ATT, *direct(cinder_server))
    line = assert_one_line_error(r, 1)
    assert f"the proxy {proxy.url('***@')} (or a load balancer behind it) answered HTTP 407" in line
    assert "s3cret" not in r.err


def test_debug_says_which_proxy_with_credentials_masked(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, cinder_server: LocalServer, proxy: Any
) -> None:
    monkeypatch.setenv("HTTP_PROXY", proxy.url("user:s3cret@"))
    r = invoke(capsys, *CREATE, "--debug", *direct(cinder_server))
    assert r.code == 0, r.err
    assert f"debug: Cinder at {cinder_server.endpoint()} is reached through the proxy {proxy.url('***@')}." in r.err
    assert "s3cret" not in r.err + r.out and TOKEN not in r.err
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    r = invoke(capsys, *CREATE, "--debug", *direct(cinder_server))
    assert "is reached directly (no proxy applies)." in r.err


def test_dry_run_shows_no_proxy_password(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, cinder_server: LocalServer, proxy: Any
) -> None:
    monkeypatch.setenv("HTTP_PROXY", proxy.url("user:s3cret@"))
    r = invoke(capsys, *CREATE, "--dry-run", "--debug", *direct(cinder_server))
    assert r.code == 0 and "s3cret" not in r.out + r.err and TOKEN not in r.out + r.err
    assert proxy.seen == [] and cinder_server.seen == []


def test_a_socks_proxy_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, cinder_server: LocalServer
) -> None:
    monkeypatch.setenv("ALL_PROXY", "socks5://user:s3cret@127.0.0.1:1080")
    r = invoke(capsys, *CREATE, *direct(cinder_server))
    line = assert_one_line_error(r, 2)
    assert "cannot use the proxy socks5://***@127.0.0.1:1080: SOCKS proxies are not supported." in line
    assert "s3cret" not in line and "pip install" not in line, "httpx's advice to install its extra does not apply"
    assert cinder_server.seen == []


def test_a_refused_tunnel_names_the_proxy(
    cli: Callable[..., Result], cinder: FakeCinder, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An https endpoint goes through a CONNECT tunnel; a proxy that refuses it has sent nothing on.
    monkeypatch.setenv("HTTP_PROXY", "http://user:s3cret@proxy.test:3128")
    cinder.responses.append(httpx.ProxyError("407 Proxy Authentication Required"))
    r = cli(*CREATE)
    line = assert_one_line_error(r, 1)
    assert line.startswith(f"Error: the proxy http://***@proxy.test:3128 refused to connect to {ENDPOINT}: 407")
    assert "may have been created" not in line and "s3cret" not in line


# --- Keystone and Cinder through the same proxy (the cold path) -------------------------------------


@pytest.mark.parametrize("bypass", [False, True])
def test_keystone_and_cinder_take_the_same_way(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    clouds_file: Path,
    cinder_server: LocalServer,
    proxy: Any,
    bypass: bool,
) -> None:
    keystone = FakeKeystone(regions={"RegionOne": cinder_server.endpoint(PROJECT)})
    with keystone.server() as ks:
        write_clouds(clouds_file, f"{ks.base}/v3", {"c": {"username": "alice"}})
        monkeypatch.setenv("HTTP_PROXY", proxy.url())
        if bypass:
            monkeypatch.setenv("NO_PROXY", "127.0.0.1")
        r = invoke(capsys, *CREATE, "--os-cloud", "c")
    assert r.code == 0, r.err
    assert keystone.logins == ["alice"] and len(cinder_server.seen) == 1
    via = [(seen.method, urlsplit(seen.path).port) for seen in proxy.seen]
    assert via == ([] if bypass else [("POST", ks.port), ("POST", cinder_server.port)])


def test_a_dead_proxy_is_named_for_keystone_too(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, clouds_file: Path
) -> None:
    port = closed_port()
    write_clouds(clouds_file, "http://127.0.0.1:5000/v3", {"c": {"username": "alice"}})
    monkeypatch.setenv("HTTP_PROXY", f"http://user:s3cret@127.0.0.1:{port}")
    r = invoke(capsys, *CREATE, "--os-cloud", "c")
    line = assert_one_line_error(r, 1)
    via = f"through the proxy http://***@127.0.0.1:{port}"
    assert f"cannot connect to Keystone at http://127.0.0.1:5000/v3 {via}" in line
    assert "s3cret" not in r.err


# --- one CA trust for both -----------------------------------------------------------------------------


@pytest.fixture
def no_ca_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "SSL_CERT_FILE", "SSL_CERT_DIR"):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize("variable", ["REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "SSL_CERT_FILE"])
def test_the_environments_ca_bundle_serves_keystone_and_cinder(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    clouds_file: Path,
    ca: trustme.CA,
    ca_file: str,
    no_ca_variables: None,
    variable: str,
) -> None:
    with LocalServer(cinder_ok, tls=server_tls(ca)) as cinder_tls:
        keystone = FakeKeystone(regions={"RegionOne": cinder_tls.endpoint(PROJECT)}, tls=server_tls(ca))
        with keystone.server() as ks:
            write_clouds(clouds_file, f"{ks.base}/v3", {"c": {"username": "alice"}})
            monkeypatch.setenv(variable, ca_file)
            r = invoke(capsys, *CREATE, "--os-cloud", "c")
    assert r.code == 0, r.err
    assert keystone.logins == ["alice"]
    assert [seen.headers["x-auth-token"] for seen in cinder_tls.seen] == [token_of("alice")]


def test_requests_ca_bundle_comes_before_ssl_cert_file(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    ca: trustme.CA,
    ca_file: str,
    tmp_path: Path,
    no_ca_variables: None,
) -> None:
    other = tmp_path / "other.pem"
    trustme.CA().cert_pem.write_to_path(str(other))
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(other))
    monkeypatch.setenv("SSL_CERT_FILE", ca_file)
    with LocalServer(cinder_ok, tls=server_tls(ca)) as cinder_tls:
        refused = invoke(capsys, *CREATE, *direct(cinder_tls))
        given = invoke(capsys, *CREATE, "--os-cacert", ca_file, *direct(cinder_tls))
    assert "TLS verification failed" in assert_one_line_error(refused, 1)
    assert given.code == 0, given.err  # --os-cacert beats the environment


def test_a_missing_bundle_named_by_the_environment_is_named(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, ca: trustme.CA, no_ca_variables: None
) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", "/nonexistent/ca.pem")
    with LocalServer(cinder_ok, tls=server_tls(ca)) as cinder_tls:
        r = invoke(capsys, *CREATE, *direct(cinder_tls))
    line = assert_one_line_error(r, 2)
    assert "SSL_CERT_FILE /nonexistent/ca.pem" in line and "Check SSL_CERT_FILE." in line
