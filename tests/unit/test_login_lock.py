"""Runs that miss the token cache together log in once: a lock file per entry, taken in turn.

Threads stand in for processes where they can (flock locks belong to an open file, so two opens of the
lock file conflict even in one process); the crash case uses a real child process."""

from __future__ import annotations

import fcntl
import os
import signal
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers import ATT, ENDPOINT, VOL, FakeCinder, Result, StubLogin, attachment

from cinder_attach import token_cache
from cinder_attach.cloud import CloudArgs
from cinder_attach.connection import Connection
from cinder_attach.login import Login


@pytest.fixture(autouse=True)
def slow_logins(keystone: StubLogin) -> None:
    """Each login takes a while, as a real one does, so that the runs that miss the cache overlap."""
    keystone.seconds = 0.3


def key(name: str = "c1") -> str:
    return token_cache.derive_key(name, {}, os.environ)


def test_eight_cold_runs_log_in_once(keystone: StubLogin) -> None:
    start = threading.Barrier(8)
    tokens: list[str | None] = []

    def run() -> None:
        connection = Connection(cloud=CloudArgs(cloud="c1"))
        start.wait()
        tokens.append(connection.resolve().token)

    threads = [threading.Thread(target=run) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert keystone.calls == 1
    assert tokens == ["token-1"] * 8, "the waiters use the winner's token"


def test_the_lock_file_is_private_and_cleared(keystone: StubLogin, capsys: pytest.CaptureFixture[str]) -> None:
    Connection(cloud=CloudArgs(cloud="c1")).resolve()
    directory = token_cache.cache_dir()
    lock = directory / f"{key()}.lock"
    assert stat.S_IMODE(lock.stat().st_mode) == 0o600
    assert stat.S_IMODE(directory.stat().st_mode) == 0o700
    from cinder_attach.main import main

    assert main(["cache", "clear"]) == 0
    assert "Removed 1 cached token(s)" in capsys.readouterr().out
    assert list(directory.iterdir()) == []


def test_a_lock_file_open_to_others_is_tightened(keystone: StubLogin) -> None:
    directory = token_cache.cache_dir()
    directory.mkdir(parents=True, mode=0o700)
    lock = directory / f"{key()}.lock"
    lock.touch()
    lock.chmod(0o666)
    Connection(cloud=CloudArgs(cloud="c1")).resolve()
    assert stat.S_IMODE(lock.stat().st_mode) == 0o600


def hold(path: Path) -> int:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX)
    return fd


def test_a_wait_past_the_limit_goes_on_and_says_so_under_debug(
    cli: Callable[..., Result], cinder: FakeCinder, keystone: StubLogin, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(token_cache, "LOCK_WAIT_SECONDS", 0.3)
    fd = hold(token_cache.cache_dir() / f"{key()}.lock")  # a run that never finishes its login
    try:
        cinder.reply().reply()
        started = time.monotonic()
        quiet = cli("create354", "--volume-uuid", VOL, "--os-cloud", "c1", "--no-cache", direct=False)
        loud = cli("create354", "--volume-uuid", VOL, "--os-cloud", "c1", "--debug", direct=False)
        elapsed = time.monotonic() - started
    finally:
        os.close(fd)
    assert quiet.code == 0 and quiet.err == "", "--no-cache takes no lock"
    assert loud.code == 0, loud.err
    assert "debug: another run held the login lock for over 0.3 s; logging in without it." in loud.err
    assert keystone.calls == 2 and elapsed < 5


def test_a_crashed_holder_does_not_wedge_the_next_run(keystone: StubLogin) -> None:
    path = token_cache.cache_dir() / f"{key()}.lock"
    path.parent.mkdir(parents=True, mode=0o700)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with token_cache.locked(key(), wait=0.2) as how:
            assert how.startswith("another run held the login lock"), "the control: the child does hold it"
        holder.send_signal(signal.SIGKILL)
        holder.wait(10)
        started = time.monotonic()
        with token_cache.locked(key(), wait=5) as how:
            assert how == ""
        assert time.monotonic() - started < 1
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait(10)


HOLDER = """
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600)
fcntl.flock(fd, fcntl.LOCK_EX)
print("held", flush=True)
time.sleep(60)
"""


def test_a_refused_token_is_replaced_by_another_runs_new_one(
    cli: Callable[..., Result], cinder: FakeCinder, keystone: StubLogin
) -> None:
    token_cache.store(key(), Login(ENDPOINT, "old", time.time() + 3600, "p"))

    def refuse_after_another_run_logged_in(request: Any) -> Any:
        import httpx

        token_cache.store(key(), Login(ENDPOINT, "new-from-another-run", time.time() + 3600, "p"))
        return httpx.Response(401, json={"error": {"code": 401, "title": "Unauthorized", "message": "expired"}})

    cinder.responses.append(refuse_after_another_run_logged_in)
    cinder.reply(body={"attachment": attachment()})
    r = cli("create354", "--volume-uuid", VOL, "--os-cloud", "c1", "-f", "value", "-c", "id", direct=False)
    assert r.code == 0 and r.out == ATT + "\n", r.err
    assert [q.headers["x-auth-token"] for q in r.requests] == ["old", "new-from-another-run"]
    assert keystone.calls == 0


def test_a_refused_token_still_in_the_cache_means_a_new_login(
    cli: Callable[..., Result], cinder: FakeCinder, keystone: StubLogin
) -> None:
    token_cache.store(key(), Login(ENDPOINT, "old", time.time() + 3600, "p"))
    cinder.reply(401, {"error": {"code": 401, "title": "Unauthorized", "message": "expired"}}).reply()
    r = cli("create354", "--volume-uuid", VOL, "--os-cloud", "c1", direct=False)
    assert r.code == 0, r.err
    assert [q.headers["x-auth-token"] for q in r.requests] == ["old", "token-1"]
    assert keystone.calls == 1
