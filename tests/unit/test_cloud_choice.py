"""Which cloud, region and timeout a run uses, against real local servers and the real openstacksdk loader and
keystoneauth1 talking to a Keystone-like server: api_timeout reaches Cinder (and --timeout beats it), the region
picks the endpoint, --os-cloud beats OS_CLOUD."""

from __future__ import annotations

import os
import time
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
