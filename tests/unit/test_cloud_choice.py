"""Which cloud, region and timeout a run uses, against real local servers and the real openstacksdk loader and
keystoneauth1 talking to a Keystone-like server: api_timeout reaches Cinder (and --timeout beats it), the region
picks the endpoint, --os-cloud beats OS_CLOUD."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_keystone import PROJECT, FakeKeystone, token_of, write_clouds
from helpers import ATT, VOL, assert_one_line_error, cinder_ok, invoke
from local_server import Answer, LocalServer, Seen

from cinder_attach import token_cache

CREATE = ("create354", "--volume-uuid", VOL)


# --- api_timeout from clouds.yaml, and --timeout over it ------------------------------------------


def test_api_timeout_reaches_cinder_and_timeout_overrides_it(
    capsys: pytest.CaptureFixture[str], clouds_file: Path
) -> None:
    def slow(seen: Seen) -> Answer:
        if seen.method == "POST":
            time.sleep(1.5)
        return cinder_ok(seen)

    with LocalServer(slow) as cinder:
        keystone = FakeKeystone(regions={"RegionOne": cinder.endpoint(PROJECT)})
        with keystone.server() as ks:
            write_clouds(clouds_file, f"{ks.base}/v3", {"slow": {"username": "alice", "api_timeout": 0.4}})
            cold = invoke(capsys, *CREATE, "--os-cloud", "slow")
            warm = invoke(capsys, *CREATE, "--os-cloud", "slow")  # the cached login keeps the timeout
            started = time.monotonic()
            longer = invoke(capsys, *CREATE, "--os-cloud", "slow", "--timeout", "10", "-f", "value", "-c", "id")
            waited = time.monotonic() - started
    for run in (cold, warm):
        line = assert_one_line_error(run, 1)
        assert "no answer from" in line and "ReadTimeout" in line, line
    assert longer.code == 0, longer.err
    assert longer.out == ATT + "\n" and waited >= 1.4
    assert keystone.logins == ["alice"]


# --- the region picks the endpoint ----------------------------------------------------------------


@pytest.mark.parametrize(("region", "expected"), [("RegionTwo", 1), ("RegionOne", 0), (None, 0)])
def test_region_name_picks_that_regions_endpoint(
    capsys: pytest.CaptureFixture[str], clouds_file: Path, region: str | None, expected: int
) -> None:
    with LocalServer(cinder_ok) as one, LocalServer(cinder_ok) as two:
        keystone = FakeKeystone(regions={"RegionOne": one.endpoint(PROJECT), "RegionTwo": two.endpoint(PROJECT)})
        with keystone.server() as ks:
            write_clouds(clouds_file, f"{ks.base}/v3", {"multi": {"username": "alice"}})
            extra = ("--os-region-name", region) if region else ()
            r = invoke(capsys, *CREATE, "--os-cloud", "multi", *extra)
    assert r.code == 0, r.err
    hit = [len(one.seen), len(two.seen)]
    assert hit == [1 if i == expected else 0 for i in range(2)], hit


def test_an_unknown_region_is_a_clear_error(capsys: pytest.CaptureFixture[str], clouds_file: Path) -> None:
    with LocalServer(cinder_ok) as one:
        keystone = FakeKeystone(regions={"RegionOne": one.endpoint(PROJECT)})
        with keystone.server() as ks:
            write_clouds(clouds_file, f"{ks.base}/v3", {"multi": {"username": "alice"}})
            r = invoke(capsys, *CREATE, "--os-cloud", "multi", "--os-region-name", "RegionNine")
    assert "region RegionNine" in assert_one_line_error(r, 2)
    assert one.seen == []


# --- --os-cloud beats OS_CLOUD ------------------------------------------------------------------------


def test_os_cloud_option_beats_the_variable(
    capsys: pytest.CaptureFixture[str], clouds_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OS_CLOUD", "alpha")
    with LocalServer(cinder_ok) as cinder:
        keystone = FakeKeystone(regions={"RegionOne": cinder.endpoint(PROJECT)})
        with keystone.server() as ks:
            write_clouds(clouds_file, f"{ks.base}/v3", {"alpha": {"username": "alice"}, "beta": {"username": "bob"}})
            named = invoke(capsys, *CREATE, "--os-cloud", "beta")
            again = invoke(capsys, *CREATE, "--os-cloud", "beta")
            by_variable = invoke(capsys, *CREATE)
    assert named.code == again.code == by_variable.code == 0, (named.err, again.err, by_variable.err)
    assert keystone.logins == ["bob", "alice"], "beta logged in once (then cached), alpha only for OS_CLOUD alone"
    tokens = [seen.headers["x-auth-token"] for seen in cinder.seen]
    assert tokens == [token_of("bob"), token_of("bob"), token_of("alice")]
    beta_entry = token_cache.load(token_cache.derive_key("beta", {}, os.environ))
    alpha_entry = token_cache.load(token_cache.derive_key("alpha", {}, os.environ))
    assert beta_entry is not None and beta_entry.token == token_of("bob")
    assert alpha_entry is not None and alpha_entry.token == token_of("alice")


# --- with no cloud named, an --os-* option beats its OS_* variable ---------------------------------------

# (option, connect()'s keyword, where Keystone sees it in (user's domain, project, project's domain))
SCOPE_OPTIONS = [
    ("--os-user-domain-name", "user_domain_name", 0),
    ("--os-project-name", "project_name", 1),
    ("--os-project-domain-name", "project_domain_name", 2),
]
FROM_ENV = ("EnvUserDomain", "env-project", "EnvProjectDomain")


@pytest.fixture
def env_login(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[FakeKeystone, LocalServer]]:
    """A real Keystone-like server and Cinder, and OS_* variables that name every scope setting (no cloud)."""
    with LocalServer(cinder_ok) as cinder:
        keystone = FakeKeystone(regions={"RegionOne": cinder.endpoint(PROJECT)})
        with keystone.server() as ks:
            variables = {"OS_" + opt[5:].upper().replace("-", "_"): FROM_ENV[slot] for opt, _, slot in SCOPE_OPTIONS}
            variables.update(OS_AUTH_URL=f"{ks.base}/v3", OS_USERNAME="alice", OS_PASSWORD="pw")
            for name, value in variables.items():
                monkeypatch.setenv(name, value)
            yield keystone, cinder


@pytest.mark.parametrize(("option", "keyword", "slot"), SCOPE_OPTIONS)
def test_a_scope_option_beats_its_variable_and_keys_the_cache(
    capsys: pytest.CaptureFixture[str], env_login: tuple[FakeKeystone, LocalServer], option: str, keyword: str,
    slot: int,
) -> None:
    keystone, cinder = env_login
    runs = [invoke(capsys, *CREATE, option, value) for value in ("Flag-A", "Flag-A", "Flag-B")]
    runs.append(invoke(capsys, *CREATE))
    assert [r.code for r in runs] == [0, 0, 0, 0], [r.err for r in runs]
    seen = [scope[slot] for scope in keystone.scopes]
    assert seen == ["Flag-A", "Flag-B", FROM_ENV[slot]], "the option, not OS_*; the same value is cached"
    others = {scope[:slot] + scope[slot + 1 :] for scope in keystone.scopes}
    assert others == {FROM_ENV[:slot] + FROM_ENV[slot + 1 :]}, "the other settings still come from OS_*"
    assert len(cinder.seen) == 4


@pytest.mark.parametrize(("option", "keyword", "slot"), SCOPE_OPTIONS)
def test_a_scope_keyword_of_connect_beats_its_variable(
    env_login: tuple[FakeKeystone, LocalServer], option: str, keyword: str, slot: int
) -> None:
    import cinder_attach

    keystone, cinder = env_login
    client = cinder_attach.connect(**{keyword: "From-Python"})
    assert list(client.list()) == []
    client.connection.close()
    assert keystone.scopes[0][slot] == "From-Python"
