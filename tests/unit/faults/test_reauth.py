"""A 401 on a cached token: one new login and one retry; a second 401, a 401 on a fresh or direct token and
a 403 are reported, not retried."""

from __future__ import annotations

import time
from collections.abc import Callable

from fault_cases import CREATE, fault
from helpers import ATT, ENDPOINT, FakeCinder, Result, StubLogin, assert_one_line_error

from cinder_attach import token_cache
from cinder_attach.login import Login


def cache_key(name: str = "c1") -> str:
    import os

    return token_cache.derive_key(name, {}, os.environ)


def populate(token: str = "stale-cached-token") -> None:
    token_cache.store(cache_key(), Login(ENDPOINT, token, time.time() + 3600, "p"))


UNAUTHORIZED = {
    "error": {"code": 401, "title": "Unauthorized", "message": "The request you have made requires authentication."}
}


def test_401_on_cached_token_reauthenticates_once(
    cli: Callable[..., Result], cinder: FakeCinder, keystone: StubLogin
) -> None:
    populate()
    cinder.reply(401, UNAUTHORIZED).reply()
    r = cli(*CREATE, "--os-cloud", "c1", "-f", "value", "-c", "id", direct=False)
    assert r.code == 0, r.err
    assert r.out == ATT + "\n"
    assert keystone.calls == 1
    assert [q.headers["x-auth-token"] for q in r.requests] == ["stale-cached-token", "token-1"]
    assert [q.method for q in r.requests] == ["POST", "POST"]
    assert r.requests[0].content == r.requests[1].content
    cached = token_cache.load(cache_key())
    assert cached is not None and cached.token == "token-1"


def test_second_401_is_a_clear_auth_error(cli: Callable[..., Result], cinder: FakeCinder, keystone: StubLogin) -> None:
    populate()
    cinder.reply(401, UNAUTHORIZED).reply(401, UNAUTHORIZED)
    r = cli(*CREATE, "--os-cloud", "c1", direct=False)
    line = assert_one_line_error(r, 1)
    assert "Cinder refused the token" in line and "even after authenticating again" in line
    assert keystone.calls == 1
    assert len(r.requests) == 2


def test_401_on_a_fresh_token_is_not_retried(
    cli: Callable[..., Result], cinder: FakeCinder, keystone: StubLogin
) -> None:
    cinder.reply(401, UNAUTHORIZED)
    r = cli(*CREATE, "--os-cloud", "c1", direct=False)
    line = assert_one_line_error(r, 1)
    assert "Cinder refused the token" in line and "again" not in line
    assert keystone.calls == 1
    assert len(r.requests) == 1


def test_cache_hit_needs_no_keystone(cli: Callable[..., Result], cinder: FakeCinder, keystone: StubLogin) -> None:
    populate("good-cached-token")
    cinder.reply()
    r = cli(*CREATE, "--os-cloud", "c1", direct=False)
    assert r.code == 0, r.err
    assert keystone.calls == 0
    assert r.requests[0].headers["x-auth-token"] == "good-cached-token"


def test_403_on_cached_token_is_not_retried(
    cli: Callable[..., Result], cinder: FakeCinder, keystone: StubLogin
) -> None:
    populate()
    cinder.reply(403, fault("forbidden", 403, "nope"))
    r = cli(*CREATE, "--os-cloud", "c1", direct=False)
    assert_one_line_error(r, 1)
    assert keystone.calls == 0 and len(r.requests) == 1
