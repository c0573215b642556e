"""Four behaviours around the call, each against real local servers and, where a login is involved, the real
openstacksdk loader and keystoneauth1 talking to a Keystone-like server: a redirect is not followed,
api_timeout reaches Cinder (and --timeout beats it), the region picks the endpoint, --os-cloud beats OS_CLOUD."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

import pytest
from fake_keystone import PROJECT, FakeKeystone, token_of, write_clouds
from helpers import ATT, TOKEN, VOL, attachment
from local_server import Answer, LocalServer, Seen, assert_one_line_error, run_main

from cinder_attach import token_cache

CREATE = ("create354", "--volume-uuid", VOL)


def ok(seen: Seen) -> Answer:
    return Answer.json(200, {"attachment": attachment()} if seen.method == "POST" else {"attachments": []})



# --- a 3xx answer to a create ---------------------------------------------------------------------


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_a_redirect_is_not_followed(capsys: pytest.CaptureFixture[str], status: int) -> None:
    with LocalServer(ok) as elsewhere:
        target = elsewhere.endpoint() + "/attachments"
        with LocalServer(lambda seen: Answer(status, b"", {"Location": target})) as cinder:
            r = run_main(capsys, *CREATE, "--os-token", TOKEN, "--os-endpoint", cinder.endpoint())
    line = assert_one_line_error(r, 1)
    assert f"HTTP {status}" in line and target in line, line
    assert [seen.method for seen in cinder.seen] == ["POST"], "exactly one request"
    assert elsewhere.seen == [], "the token went nowhere else"
    assert TOKEN not in r.out + r.err


# --- api_timeout from clouds.yaml, and --timeout over it ------------------------------------------


def test_api_timeout_reaches_cinder_and_timeout_overrides_it(
    capsys: pytest.CaptureFixture[str], clouds_file: Path
) -> None:
    def slow(seen: Seen) -> Answer:
        if seen.method == "POST":
            time.sleep(1.5)
        return ok(seen)

    with LocalServer(slow) as cinder:
        keystone = FakeKeystone(regions={"RegionOne": cinder.endpoint(PROJECT)})
        with keystone.server() as ks:
            write_clouds(clouds_file, f"{ks.base}/v3", {"slow": {"username": "alice", "api_timeout": 0.4}})
            cold = run_main(capsys, *CREATE, "--os-cloud", "slow")
            warm = run_main(capsys, *CREATE, "--os-cloud", "slow")  # the cached login keeps the timeout
            started = time.monotonic()
            longer = run_main(capsys, *CREATE, "--os-cloud", "slow", "--timeout", "10", "-f", "value", "-c", "id")
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
    with LocalServer(ok) as one, LocalServer(ok) as two:
        keystone = FakeKeystone(regions={"RegionOne": one.endpoint(PROJECT), "RegionTwo": two.endpoint(PROJECT)})
        with keystone.server() as ks:
            write_clouds(clouds_file, f"{ks.base}/v3", {"multi": {"username": "alice"}})
            extra = ("--os-region-name", region) if region else ()
            r = run_main(capsys, *CREATE, "--os-cloud", "multi", *extra)
    assert r.code == 0, r.err
    hit = [len(one.seen), len(two.seen)]
    assert hit == [1 if i == expected else 0 for i in range(2)], hit


def test_an_unknown_region_is_a_clear_error(capsys: pytest.CaptureFixture[str], clouds_file: Path) -> None:
    with LocalServer(ok) as one:
        keystone = FakeKeystone(regions={"RegionOne": one.endpoint(PROJECT)})
        with keystone.server() as ks:
            write_clouds(clouds_file, f"{ks.base}/v3", {"multi": {"username": "alice"}})
            r = run_main(capsys, *CREATE, "--os-cloud", "multi", "--os-region-name", "RegionNine")
    assert "region RegionNine" in assert_one_line_error(r, 2)
    assert one.seen == []


# --- --os-cloud beats OS_CLOUD ------------------------------------------------------------------------


def test_os_cloud_option_beats_the_variable(
    capsys: pytest.CaptureFixture[str], clouds_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OS_CLOUD", "alpha")
    with LocalServer(ok) as cinder:
        keystone = FakeKeystone(regions={"RegionOne": cinder.endpoint(PROJECT)})
        with keystone.server() as ks:
            write_clouds(clouds_file, f"{ks.base}/v3", {"alpha": {"username": "alice"}, "beta": {"username": "bob"}})
            named = run_main(capsys, *CREATE, "--os-cloud", "beta")
            again = run_main(capsys, *CREATE, "--os-cloud", "beta")
            by_variable = run_main(capsys, *CREATE)
    assert named.code == again.code == by_variable.code == 0, (named.err, again.err, by_variable.err)
    assert keystone.logins == ["bob", "alice"], "beta logged in once (then cached), alpha only for OS_CLOUD alone"
    tokens = [seen.headers["x-auth-token"] for seen in cinder.seen]
    assert tokens == [token_of("bob"), token_of("bob"), token_of("alice")]
    beta_entry = token_cache.load(token_cache.derive_key("beta", {}, os.environ))
    alpha_entry = token_cache.load(token_cache.derive_key("alpha", {}, os.environ))
    assert beta_entry is not None and beta_entry.token == token_of("bob")
    assert alpha_entry is not None and alpha_entry.token == token_of("alice")


def test_the_cached_entry_holds_no_password(capsys: pytest.CaptureFixture[str], clouds_file: Path) -> None:
    with LocalServer(ok) as cinder:
        with FakeKeystone(regions={"RegionOne": cinder.endpoint(PROJECT)}).server() as ks:
            write_clouds(clouds_file, f"{ks.base}/v3", {"alpha": {"username": "alice"}})
            assert run_main(capsys, *CREATE, "--os-cloud", "alpha").code == 0
    (entry,) = token_cache.cache_dir().glob("*.json")
    data: dict[str, Any] = json.loads(entry.read_text())
    assert data["token"] == token_of("alice") and "pw" not in json.dumps(data).replace(PROJECT, "")


def test_a_redirect_on_delete_is_not_a_success(capsys: pytest.CaptureFixture[str]) -> None:
    # Before: a 3xx counted as success, so `attach delete` said "Deleted" for what it never deleted.
    with LocalServer(lambda seen: Answer(302, b"", {"Location": "http://elsewhere.invalid/"})) as cinder:
        r = run_main(capsys, "delete", ATT, "--os-token", TOKEN, "--os-endpoint", cinder.endpoint())
    assert r.code == 1 and "Deleted" not in r.out
    assert "HTTP 302, a redirect to http://elsewhere.invalid/" in r.err
