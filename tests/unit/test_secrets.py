"""No secret leaks: passwords, application-credential secrets and tokens never reach stdout, stderr or the
token cache; connection_info secrets (CHAP) show only where the formatter's rule allows them.

The rule (cinder_attach/output.py): the table masks secret-looking connection_info keys unless
--show-secrets; machine formats (json, yaml, value, shell) print the server's answer verbatim.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from fake_keystone import PROJECT, FakeKeystone, token_of
from fake_keystone import write_clouds as write_user_clouds
from helpers import ATT, ENDPOINT, VOL, FakeCinder, Result, StubLogin, attachment, cinder_ok, invoke
from local_server import Answer, LocalServer, Seen, closed_port

from cinder_attach import token_cache

PASSWORD = "Pw-s3cr3t-Hunter2"
APPCRED_SECRET = "AppCred-s3cr3t-Xyzzy"
CLI_PASSWORD = "CliPw-s3cr3t-Plugh"
TOKEN = "gAAAAA-tok-s3cr3t-0451"
CHAP = "Chap-s3cr3t-1234"
DISCOVERY = "Disc-s3cr3t-5678"
NEVER = (PASSWORD, APPCRED_SECRET, CLI_PASSWORD, TOKEN)

CONNECTED = attachment(
    status="attaching",
    attach_mode="rw",
    connection_info={
        "driver_volume_type": "iscsi",
        "data": {"target_iqn": "iqn.x", "auth_method": "CHAP", "auth_username": "u", "auth_password": CHAP},
        "auth_password": CHAP,
        "discovery_auth_password": DISCOVERY,
    },
)


def write_clouds(auth_url: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    config = Path(os.environ["XDG_CONFIG_HOME"]) / "openstack"
    config.mkdir(parents=True, exist_ok=True)
    clouds = {
        "clouds": {
            "pw": {
                "auth": {
                    "auth_url": auth_url,
                    "username": "demo",
                    "password": PASSWORD,
                    "project_name": "demo",
                    "user_domain_name": "Default",
                    "project_domain_name": "Default",
                },
                "region_name": "RegionOne",
                "identity_api_version": 3,
            },
            "appcred": {
                "auth_type": "v3applicationcredential",
                "auth": {
                    "auth_url": auth_url,
                    "application_credential_id": "0a1b2c3d4e5f",
                    "application_credential_secret": APPCRED_SECRET,
                },
                "region_name": "RegionOne",
            },
        }
    }
    path = config / "clouds.yaml"
    path.write_text(yaml.safe_dump(clouds))
    # openstacksdk fixes its search path (XDG_CONFIG_HOME) when it is first imported, i.e. in an earlier
    # test of this process; name the file explicitly so this test's file is the one read.
    monkeypatch.setenv("OS_CLIENT_CONFIG_FILE", str(path))
    return path


def assert_no_secrets(r: Result, *, chap_in_out: bool = False) -> None:
    for secret in NEVER:
        assert secret not in r.out, f"{secret} leaked to stdout"
        assert secret not in r.err, f"{secret} leaked to stderr"
    assert CHAP not in r.err and DISCOVERY not in r.err
    assert (CHAP in r.out) == chap_in_out, r.out
    assert (DISCOVERY in r.out) == chap_in_out


def cache_files() -> list[Path]:
    directory = token_cache.cache_dir()
    return sorted(directory.glob("*.json")) if directory.exists() else []


def assert_cache_clean(expect_token: str | None) -> None:
    files = cache_files()
    blobs = [p.read_text() for p in files]
    for blob in blobs:
        for secret in (PASSWORD, APPCRED_SECRET, CLI_PASSWORD, CHAP):
            assert secret not in blob
        assert set(json.loads(blob)) == {
            "format",
            "endpoint",
            "token",
            "expires_at",
            "project_id",
            "verify",
            "cert",
            "key",
            "timeout",
            "compute_endpoint",
            "roles",
        }
    if expect_token is not None:
        assert any(expect_token in blob for blob in blobs), "the token itself is what the cache is for"


# --- with authenticate stubbed (no Keystone) -------------------------------------------------------


@pytest.fixture
def secret_clouds(keystone: StubLogin, monkeypatch: pytest.MonkeyPatch) -> StubLogin:
    """The clouds above, with the login stood in for: every login hands out TOKEN."""
    keystone.token = TOKEN
    write_clouds("http://127.0.0.1:9/v3", monkeypatch)
    return keystone


CREATE = ("create354", "--volume-uuid", VOL, "--connector", "initiator=iqn.x", "--connector", "host=h")


@pytest.mark.parametrize("cloud_name", ["pw", "appcred"])
def test_debug_masks_token_and_chap(
    cli: Callable[..., Result], cinder: FakeCinder, secret_clouds: StubLogin, cloud_name: str
) -> None:
    cinder.reply(body={"attachment": CONNECTED}, headers={"x-subject-token": TOKEN})
    r = cli(*CREATE, "--os-cloud", cloud_name, "--debug", direct=False)
    assert r.code == 0, r.err
    assert "DEBUG request:" in r.err and "x-auth-token: ***" in r.err.lower()
    assert "DEBUG response: HTTP 200" in r.err and '"auth_password": "***"' in r.err
    assert cinder.requests[0].headers["x-auth-token"] == TOKEN, "the real token was sent"
    assert_no_secrets(r)
    assert "auth_password=***" in r.out
    assert_cache_clean(TOKEN)


@pytest.mark.parametrize("fmt", ["json", "yaml", "value", "shell"])
def test_machine_formats_carry_chap_verbatim(
    cli: Callable[..., Result], cinder: FakeCinder, secret_clouds: StubLogin, fmt: str
) -> None:
    cinder.reply(body={"attachment": CONNECTED})
    r = cli(*CREATE, "--os-cloud", "pw", "-f", fmt, "--debug", direct=False)
    assert r.code == 0, r.err
    assert_no_secrets(r, chap_in_out=True)


def test_show_secrets_reveals_chap_in_the_table_only_on_stdout(
    cli: Callable[..., Result], cinder: FakeCinder, secret_clouds: StubLogin
) -> None:
    cinder.reply(body={"attachment": CONNECTED})
    r = cli(*CREATE, "--os-cloud", "pw", "--show-secrets", "--debug", direct=False)
    assert r.code == 0, r.err
    assert_no_secrets(r, chap_in_out=True)


def test_dry_run_masks_token_and_password(cli: Callable[..., Result], secret_clouds: StubLogin) -> None:
    r = cli(
        *CREATE,
        "--connector",
        "auth_password=" + CHAP,
        "--os-auth-url",
        "http://127.0.0.1:9/v3",
        "--os-username",
        "demo",
        "--os-password",
        CLI_PASSWORD,
        "--os-project-name",
        "demo",
        "--dry-run",
        "--debug",
        direct=False,
    )
    assert r.code == 0, r.err
    assert r.out.startswith(f"POST {ENDPOINT}/attachments")
    assert "x-auth-token: ***" in r.out.lower()
    assert '"auth_password": "***"' in r.out
    assert r.requests == []
    assert_no_secrets(r)
    assert_cache_clean(TOKEN)


def test_dry_run_with_a_direct_token(cli: Callable[..., Result]) -> None:
    r = cli(*CREATE, "--dry-run", "--os-token", TOKEN, "--os-endpoint", ENDPOINT, direct=False)
    assert r.code == 0 and r.requests == []
    assert_no_secrets(r)
    assert cache_files() == [], "a direct token is never cached"


@pytest.mark.parametrize(
    ("status", "body"),
    [
        (
            401,
            {
                "error": {
                    "code": 401,
                    "title": "Unauthorized",
                    "message": "The request you have made requires authentication.",
                }
            },
        ),
        (500, {"computeFault": {"code": 500, "message": "Unable to create attachment"}}),
        (400, {"badRequest": {"code": 400, "message": "Invalid input"}}),
        (503, b"<html>busy</html>"),
    ],
)
@pytest.mark.parametrize("debug", [False, True])
def test_error_paths_leak_nothing(
    cli: Callable[..., Result], cinder: FakeCinder, secret_clouds: StubLogin, status: int, body: Any, debug: bool
) -> None:
    cinder.reply(status, body).reply(status, body)
    r = cli(*CREATE, "--os-cloud", "pw", *(["--debug"] if debug else []), direct=False)
    assert r.code == 1
    assert r.err.splitlines()[-1].startswith("Error: ")
    assert_no_secrets(r)


def test_cli_password_does_not_reach_the_cache_or_output(
    cli: Callable[..., Result], cinder: FakeCinder, secret_clouds: StubLogin
) -> None:
    cinder.reply()
    r = cli(*CREATE, "--os-cloud", "pw", "--os-password", CLI_PASSWORD, "--debug", direct=False)
    assert r.code == 0, r.err
    assert secret_clouds.args[0].password == CLI_PASSWORD, "the password reached authenticate"
    assert_no_secrets(r)
    assert_cache_clean(TOKEN)


def test_env_password_does_not_reach_the_cache_or_output(
    cli: Callable[..., Result], cinder: FakeCinder, secret_clouds: StubLogin, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OS_PASSWORD", CLI_PASSWORD)
    monkeypatch.setenv("OS_AUTH_URL", "http://127.0.0.1:9/v3")
    cinder.reply()
    r = cli(*CREATE, "--debug", direct=False)
    assert r.code == 0, r.err
    assert_no_secrets(r)
    assert_cache_clean(TOKEN)


# --- with the real authenticate, against a local fake Keystone --------------------------------------

KS_PROJECT = "0123456789abcdef0123456789abcdef"


def keystone_and_cinder(state: dict[str, Any]) -> Callable[[Seen], Answer]:
    """One local server: POST /v3/auth/tokens as Keystone, /v3/<project>/attachments as Cinder."""

    def respond(seen: Seen) -> Answer:
        if seen.path.endswith("/auth/tokens"):
            state["auth_bodies"].append(seen.body)
            if state.get("refuse"):
                return Answer.json(
                    401,
                    {
                        "error": {
                            "code": 401,
                            "title": "Unauthorized",
                            "message": "The request you have made requires authentication.",
                        }
                    },
                )
            method = "application_credential" if b"application_credential" in seen.body else "password"
            token = {
                "token": {
                    "methods": [method],
                    "expires_at": "2099-01-01T00:00:00.000000Z",
                    "issued_at": "2026-01-01T00:00:00.000000Z",
                    "user": {"id": "u1", "name": "demo", "domain": {"id": "default", "name": "Default"}},
                    "project": {"id": KS_PROJECT, "name": "demo", "domain": {"id": "default", "name": "Default"}},
                    "roles": [{"id": "r1", "name": "member"}],
                    "catalog": [
                        {
                            "type": "block-storage",
                            "name": "cinder",
                            "id": "s1",
                            "endpoints": [
                                {
                                    "id": "e1",
                                    "interface": "public",
                                    "region": "RegionOne",
                                    "region_id": "RegionOne",
                                    "url": f"{state['base']}/v3/{KS_PROJECT}",
                                }
                            ],
                        }
                    ],
                }
            }
            return Answer.json(201, token, **{"X-Subject-Token": TOKEN})
        if seen.path == f"/v3/{KS_PROJECT}/attachments" and seen.method == "POST":
            return Answer.json(200, {"attachment": CONNECTED})
        return Answer.json(404, {"itemNotFound": {"code": 404, "message": "The resource could not be found."}})

    return respond


@pytest.fixture
def real_keystone(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[LocalServer, dict[str, Any]]]:
    state: dict[str, Any] = {"auth_bodies": []}
    with LocalServer(keystone_and_cinder(state)) as server:
        state["base"] = server.base
        write_clouds(f"{server.base}/v3", monkeypatch)
        yield server, state


@pytest.mark.parametrize(("cloud_name", "secret"), [("pw", PASSWORD), ("appcred", APPCRED_SECRET)])
def test_real_authentication_caches_only_the_token(
    capsys: pytest.CaptureFixture[str], real_keystone: tuple[LocalServer, dict[str, Any]], cloud_name: str, secret: str
) -> None:
    server, state = real_keystone
    r = invoke(capsys, *CREATE, "--os-cloud", cloud_name, "--debug")
    assert r.code == 0, r.err
    assert secret.encode() in state["auth_bodies"][0], "the secret went to Keystone, and only there"
    cinder_calls = [s for s in server.seen if s.path.endswith("/attachments")]
    assert len(cinder_calls) == 1 and cinder_calls[0].headers["x-auth-token"] == TOKEN
    assert_no_secrets(r)
    assert_cache_clean(TOKEN)
    (entry,) = cache_files()
    assert json.loads(entry.read_text())["endpoint"] == f"{server.base}/v3/{KS_PROJECT}"

    # and the warm run uses the cache: no Keystone request, still no secrets anywhere
    before = len(state["auth_bodies"])
    warm = invoke(capsys, *CREATE, "--os-cloud", cloud_name, "--debug")
    assert warm.code == 0, warm.err
    assert len(state["auth_bodies"]) == before
    assert_no_secrets(warm)


@pytest.mark.parametrize("cloud_name", ["pw", "appcred"])
@pytest.mark.parametrize("debug", [False, True])
def test_keystone_refusal_leaks_nothing(
    capsys: pytest.CaptureFixture[str], real_keystone: tuple[LocalServer, dict[str, Any]], cloud_name: str, debug: bool
) -> None:
    server, state = real_keystone
    state["refuse"] = True
    r = invoke(capsys, *CREATE, "--os-cloud", cloud_name, *(["--debug"] if debug else []))
    assert r.code == 1, r.err
    last = r.err.splitlines()[-1]
    assert last.startswith("Error: Keystone refused the credentials"), last
    assert_no_secrets(r)
    assert cache_files() == []
    assert not any(s.path.endswith("/attachments") for s in server.seen)


@pytest.mark.parametrize("debug", [False, True])
def test_unreachable_keystone_leaks_nothing(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, debug: bool
) -> None:
    write_clouds(f"http://127.0.0.1:{closed_port()}/v3", monkeypatch)
    r = invoke(capsys, *CREATE, "--os-cloud", "pw", *(["--debug"] if debug else []))
    assert r.code == 1, r.err
    assert r.err.splitlines()[-1].startswith("Error: cannot connect to Keystone")
    assert_no_secrets(r)
    assert cache_files() == []


def test_attachment_id_is_not_mistaken_for_a_secret(cli: Callable[..., Result], cinder: FakeCinder) -> None:
    # The control for the masking checks: ordinary values do show.
    cinder.reply(body={"attachment": CONNECTED})
    r = cli("show", ATT)
    assert ATT in r.out and "iscsi" in r.out and "auth_username" in r.out


def test_the_cached_entry_holds_no_password(capsys: pytest.CaptureFixture[str], clouds_file: Path) -> None:
    with LocalServer(cinder_ok) as cinder:
        with FakeKeystone(regions={"RegionOne": cinder.endpoint(PROJECT)}).server() as ks:
            write_user_clouds(clouds_file, f"{ks.base}/v3", {"alpha": {"username": "alice"}})
            assert invoke(capsys, *CREATE, "--os-cloud", "alpha").code == 0
    (entry,) = token_cache.cache_dir().glob("*.json")
    data: dict[str, Any] = json.loads(entry.read_text())
    assert data["token"] == token_of("alice") and "pw" not in json.dumps(data).replace(PROJECT, "")
