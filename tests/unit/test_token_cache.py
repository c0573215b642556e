"""cinder_attach.token_cache: key derivation, file safety, corrupt entries, expiry, clear()."""

from __future__ import annotations

import json
import os
import stat
import time
from collections.abc import Iterator
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

import pytest

from cinder_attach import token_cache
from cinder_attach.console import stderr_log
from cinder_attach.login import EXPIRY_MARGIN_SECONDS, Login
from cinder_attach.token_cache import (
    cache_dir,
    clear,
    derive_key,
    drop,
    load,
    store,
)


@pytest.fixture(autouse=True)
def warnings_as_the_cli_shows_them() -> Iterator[None]:
    """The cache logs its warnings (a library never prints); the CLI's handler shows them as `Warning:` lines."""
    with stderr_log(debug=False):
        yield


ENTRY = Login(
    endpoint="https://cinder.example:8776/v3/0123456789abcdef",
    token="gAAAA-cached-token",
    expires_at=time.time() + 3600,
    project_id="0123456789abcdef",
    verify="/etc/ssl/ca.pem",
    cert=None,
    key=None,
    timeout=30.0,
)


def entry_path(key: str, directory: Path | None = None) -> Path:
    return (directory or cache_dir()) / f"{key}.json"


def env() -> dict[str, str]:
    return dict(os.environ)


# --- key derivation ---------------------------------------------------------------------------


def test_key_is_stable() -> None:
    assert derive_key("c", {"username": "u"}, env()) == derive_key("c", {"username": "u"}, env())


def test_cloud_name_changes_the_key() -> None:
    assert derive_key("a", {}, env()) != derive_key("b", {}, env())
    assert derive_key(None, {}, env()) != derive_key("a", {}, env())


def test_config_file_content_changes_the_key(tmp_path: Path) -> None:
    config = Path(os.environ["XDG_CONFIG_HOME"]) / "openstack"
    config.mkdir(parents=True)
    before = derive_key("c", {}, env())
    (config / "clouds.yaml").write_text("clouds: {c: {auth: {username: a}}}\n")
    with_file = derive_key("c", {}, env())
    (config / "clouds.yaml").write_text("clouds: {c: {auth: {username: b}}}\n")
    changed = derive_key("c", {}, env())
    assert len({before, with_file, changed}) == 3


@pytest.mark.parametrize("name", ["secure.yaml", "clouds-public.yaml", "clouds.json"])
def test_every_config_file_counts(name: str) -> None:
    config = Path(os.environ["XDG_CONFIG_HOME"]) / "openstack"
    config.mkdir(parents=True)
    before = derive_key("c", {}, env())
    (config / name).write_text("x: 1\n")
    assert derive_key("c", {}, env()) != before


def test_config_file_in_cwd_counts(tmp_path: Path) -> None:
    before = derive_key("c", {}, env())
    (Path.cwd() / "clouds.yaml").write_text("clouds: {}\n")
    assert derive_key("c", {}, env()) != before


def test_client_config_file_variable_counts(tmp_path: Path) -> None:
    path = tmp_path / "elsewhere.yaml"
    path.write_text("clouds: {c: {}}\n")
    e = env()
    before = derive_key("c", {}, {**e, "OS_CLIENT_CONFIG_FILE": str(tmp_path / "missing.yaml")})
    after = derive_key("c", {}, {**e, "OS_CLIENT_CONFIG_FILE": str(path)})
    assert before != after
    path.write_text("clouds: {c: {x: 1}}\n")
    assert derive_key("c", {}, {**e, "OS_CLIENT_CONFIG_FILE": str(path)}) != after


@pytest.mark.parametrize("var", ["OS_AUTH_URL", "OS_PROJECT_NAME", "OS_REGION_NAME", "OS_PASSWORD", "OS_CLOUD"])
def test_os_variables_change_the_key(var: str) -> None:
    e = env()
    assert derive_key("c", {}, e) != derive_key("c", {}, {**e, var: "x"})
    assert derive_key("c", {}, {**e, var: "x"}) != derive_key("c", {}, {**e, var: "y"})


def test_other_variables_do_not_change_the_key() -> None:
    e = env()
    assert derive_key("c", {}, e) == derive_key("c", {}, {**e, "UNRELATED": "1", "PS1": "$ "})


@pytest.mark.parametrize(
    ("name", "value"),
    [("auth_url", "http://k/v3"), ("project_name", "p"), ("region_name", "r"), ("password", "pw"), ("insecure", True)],
)
def test_options_change_the_key(name: str, value: Any) -> None:
    e = env()
    assert derive_key("c", {}, e) != derive_key("c", {name: value}, e)


def test_unset_options_do_not_change_the_key() -> None:
    e = env()
    assert derive_key("c", {}, e) == derive_key("c", {"username": None, "insecure": False, "project_name": ""}, e)


def test_key_does_not_contain_inputs() -> None:
    key = derive_key("c", {"password": "hunter2"}, {"OS_PASSWORD": "hunter3"})
    assert len(key) == 64 and all(ch in "0123456789abcdef" for ch in key)


def test_uid_changes_the_key(monkeypatch: pytest.MonkeyPatch) -> None:
    before = derive_key("c", {}, env())
    monkeypatch.setattr(os, "getuid", lambda: 4242)
    assert derive_key("c", {}, env()) != before


# --- store / load, permissions ----------------------------------------------------------------


def test_cache_dir_follows_xdg(tmp_path: Path) -> None:
    assert cache_dir() == Path(os.environ["XDG_CACHE_HOME"]) / "cinder-attach"


def test_cache_dir_default(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache_dir() == Path(os.environ["HOME"]) / ".cache" / "cinder-attach"


def test_round_trip_and_permissions() -> None:
    store("k1", ENTRY)
    directory = cache_dir()
    assert stat.S_IMODE(directory.stat().st_mode) == 0o700
    assert stat.S_IMODE(entry_path("k1").stat().st_mode) == 0o600
    assert load("k1") == ENTRY
    assert [p.name for p in directory.iterdir()] == ["k1.json"], "no temp files left behind"


def test_the_compute_endpoint_and_the_roles_round_trip() -> None:
    """prune reads Nova's endpoint and the token's roles from the cached login, as from a fresh one."""
    entry = replace(ENTRY, compute_endpoint="https://nova.example:8774/v2.1", roles=("member", "reader"))
    store("k1", entry)
    assert load("k1") == entry
    store("k2", replace(ENTRY, compute_endpoint=None, roles=None))
    assert load("k2") == replace(ENTRY, compute_endpoint=None, roles=None)


@pytest.mark.parametrize("bad", [{"compute_endpoint": "ftp://nova"}, {"roles": ["admin", 1]}, {"roles": "admin"}])
def test_a_bad_compute_endpoint_or_roles_make_the_entry_corrupt(bad: dict[str, Any]) -> None:
    store("k1", ENTRY)
    data = json.loads(entry_path("k1").read_text())
    entry_path("k1").write_text(json.dumps({**data, **bad}))
    assert load("k1") is None


def test_permissions_ignore_umask() -> None:
    old = os.umask(0)
    try:
        store("k1", ENTRY)
    finally:
        os.umask(old)
    assert stat.S_IMODE(cache_dir().stat().st_mode) == 0o700
    assert stat.S_IMODE(entry_path("k1").stat().st_mode) == 0o600


def test_loose_directory_is_tightened() -> None:
    directory = cache_dir()
    directory.mkdir(parents=True, mode=0o755)
    os.chmod(directory, 0o755)
    store("k1", ENTRY)
    assert stat.S_IMODE(directory.stat().st_mode) == 0o700
    assert load("k1") == ENTRY


def test_entry_holds_only_session_fields() -> None:
    store("k1", ENTRY)
    data = json.loads(entry_path("k1").read_text())
    assert data == {"format": token_cache.FORMAT_VERSION, **asdict(ENTRY)}


def test_missing_entry_and_missing_dir() -> None:
    assert load("nothing") is None
    assert not cache_dir().exists(), "load never creates the directory"
    store("k1", ENTRY)
    assert load("other") is None


def test_atomic_write_keeps_the_old_entry_on_failure(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    store("k1", ENTRY)
    renames: list[tuple[str, str]] = []

    def failing_replace(src: Any, dst: Any) -> None:
        renames.append((str(src), str(dst)))
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(os, "replace", failing_replace)
        store("k1", replace(ENTRY, token="new-token"))
    (src, dst) = renames[0]
    assert dst == str(entry_path("k1")) and Path(src).parent == cache_dir() and src != dst
    assert load("k1") == ENTRY, "the old entry is intact"
    assert [p.name for p in cache_dir().iterdir()] == ["k1.json"], "the temp file was removed"
    assert "Warning: cannot write the token cache entry" in capsys.readouterr().err


def test_write_goes_through_a_temp_file(monkeypatch: pytest.MonkeyPatch) -> None:
    real_replace = os.replace
    seen: list[tuple[str, int]] = []

    def spy(src: Any, dst: Any) -> None:
        seen.append((Path(src).name, stat.S_IMODE(os.stat(src).st_mode)))
        assert not Path(dst).exists()
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    store("k1", ENTRY)
    assert seen == [(f".k1.{os.getpid()}.tmp", 0o600)]


def test_stale_temp_file_does_not_block(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    store("k1", ENTRY)
    tmp = cache_dir() / f".k2.{os.getpid()}.tmp"
    tmp.write_text("left over")
    store("k2", ENTRY)  # O_EXCL refuses: it warns, and never crashes
    assert "Warning:" in capsys.readouterr().err
    assert load("k1") == ENTRY


def test_group_readable_entry_is_ignored(capsys: pytest.CaptureFixture[str]) -> None:
    store("k1", ENTRY)
    os.chmod(entry_path("k1"), 0o640)
    assert load("k1") is None
    err = capsys.readouterr().err
    assert err.startswith("Warning: ignoring the token cache entry") and "readable by others" in err


def test_world_readable_entry_is_ignored(capsys: pytest.CaptureFixture[str]) -> None:
    store("k1", ENTRY)
    os.chmod(entry_path("k1"), 0o604)
    assert load("k1") is None
    assert "readable by others" in capsys.readouterr().err


def test_entry_owned_by_another_user_is_ignored(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    store("k1", ENTRY)
    if os.getuid() == 0:
        os.chown(entry_path("k1"), 4321, -1)
    else:  # pretend to be someone else: the directory check must pass, so fake the dir owner too
        me = os.getuid()
        real_lstat = Path.lstat

        def lstat(self: Path) -> os.stat_result:
            info = real_lstat(self)
            if self == cache_dir():
                values = list(info)
                values[stat.ST_UID] = me + 1
                return os.stat_result(values)
            return info

        monkeypatch.setattr(os, "getuid", lambda: me + 1)
        monkeypatch.setattr(Path, "lstat", lstat)
    assert load("k1") is None
    assert "owned by another user" in capsys.readouterr().err


def test_directory_owned_by_another_user_is_not_used(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    store("k1", ENTRY)
    real = os.getuid()
    monkeypatch.setattr(os, "getuid", lambda: real + 1)
    assert load("k1") is None
    store("k2", ENTRY)
    assert not entry_path("k2").exists()
    assert "not a directory owned by you" in capsys.readouterr().err


def test_symlinked_entry_is_not_followed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store("k1", ENTRY)
    target = tmp_path / "elsewhere.json"
    target.write_bytes(entry_path("k1").read_bytes())
    os.chmod(target, 0o600)
    entry_path("k1").unlink()
    entry_path("k1").symlink_to(target)
    assert load("k1") is None
    assert "ignoring the token cache entry" in capsys.readouterr().err


def test_cache_dir_that_is_a_file(capsys: pytest.CaptureFixture[str]) -> None:
    directory = cache_dir()
    directory.parent.mkdir(parents=True)
    directory.write_text("not a dir")
    store("k1", ENTRY)
    assert load("k1") is None
    assert directory.read_text() == "not a dir"


def test_uncreatable_cache_dir_only_warns(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    parent = Path(os.environ["XDG_CACHE_HOME"])
    parent.parent.mkdir(parents=True, exist_ok=True)
    parent.write_text("a file where a directory should be")
    store("k1", ENTRY)
    assert "cannot use the token cache directory" in capsys.readouterr().err


# --- corrupt, partial and wrong-typed entries -------------------------------------------------

GOOD = {"format": token_cache.FORMAT_VERSION, **asdict(ENTRY)}

CORRUPT: list[tuple[str, bytes]] = [
    ("empty", b""),
    ("garbage", b"\x00\xff not json"),
    ("partial", json.dumps(GOOD).encode()[:40]),
    ("list", b"[1, 2]"),
    ("string", b'"token"'),
    ("deep", b"[" * 100_000),
    ("huge", b'{"format": 1, "pad": "' + b"x" * (token_cache.MAX_ENTRY_BYTES + 10) + b'"}'),
    ("no-format", json.dumps({k: v for k, v in GOOD.items() if k != "format"}).encode()),
    ("future-format", json.dumps({**GOOD, "format": token_cache.FORMAT_VERSION + 1}).encode()),
    ("missing-field", json.dumps({k: v for k, v in GOOD.items() if k != "endpoint"}).encode()),
    ("extra-field", json.dumps({**GOOD, "password": "x"}).encode()),
    ("endpoint-int", json.dumps({**GOOD, "endpoint": 5}).encode()),
    ("endpoint-scheme", json.dumps({**GOOD, "endpoint": "file:///etc/passwd"}).encode()),
    ("token-list", json.dumps({**GOOD, "token": ["a"]}).encode()),
    ("expires-string", json.dumps({**GOOD, "expires_at": "tomorrow"}).encode()),
    ("expires-bool", json.dumps({**GOOD, "expires_at": True}).encode()),
    ("expires-nan", json.dumps({**GOOD, "expires_at": float("nan")}).encode()),
    ("project-int", json.dumps({**GOOD, "project_id": 7}).encode()),
    ("verify-int", json.dumps({**GOOD, "verify": 1}).encode()),
    ("cert-dict", json.dumps({**GOOD, "cert": {}}).encode()),
    ("key-bool", json.dumps({**GOOD, "key": True}).encode()),
    ("timeout-string", json.dumps({**GOOD, "timeout": "30"}).encode()),
    ("timeout-bool", json.dumps({**GOOD, "timeout": True}).encode()),
    ("timeout-nan", json.dumps({**GOOD, "timeout": float("nan")}).encode()),
    ("timeout-inf", json.dumps({**GOOD, "timeout": float("inf")}).encode()),
    ("timeout-negative", json.dumps({**GOOD, "timeout": -5}).encode()),
    ("timeout-zero", json.dumps({**GOOD, "timeout": 0}).encode()),
]


@pytest.mark.parametrize("raw", [raw for _, raw in CORRUPT], ids=[name for name, _ in CORRUPT])
def test_corrupt_entries_are_ignored(raw: bytes, capsys: pytest.CaptureFixture[str]) -> None:
    store("k1", ENTRY)
    path = entry_path("k1")
    path.write_bytes(raw)
    assert load("k1") is None
    err = capsys.readouterr().err
    assert "Warning:" in err and "Traceback" not in err
    store("k1", ENTRY)  # and a fresh store repairs it
    assert load("k1") == ENTRY


def test_entry_with_integer_numbers_is_fine() -> None:
    store("k1", replace(ENTRY, expires_at=int(time.time()) + 3600, timeout=None, verify=False))
    loaded = load("k1")
    assert loaded is not None and loaded.verify is False


# --- expiry -----------------------------------------------------------------------------------


def test_expiry_margin() -> None:
    now = 1_000_000.0
    assert Login("http://x", "t", now + EXPIRY_MARGIN_SECONDS + 1, None).fresh(now)
    assert not Login("http://x", "t", now + EXPIRY_MARGIN_SECONDS, None).fresh(now)
    assert not Login("http://x", "t", now + EXPIRY_MARGIN_SECONDS - 1, None).fresh(now)
    assert not Login("http://x", "t", now - 10, None).fresh(now)
    assert Login("http://x", "t", None, None).fresh(now), "no expiry means trusted"


def test_load_drops_nearly_expired_entries(capsys: pytest.CaptureFixture[str]) -> None:
    store("soon", replace(ENTRY, expires_at=time.time() + EXPIRY_MARGIN_SECONDS - 5))
    store("later", replace(ENTRY, expires_at=time.time() + EXPIRY_MARGIN_SECONDS + 60))
    assert load("soon") is None
    assert load("later") is not None
    assert capsys.readouterr().err == "", "an expired entry is normal, not a warning"


# --- drop and clear ---------------------------------------------------------------------------


def test_drop() -> None:
    store("k1", ENTRY)
    store("k2", ENTRY)
    drop("k1")
    drop("never-there")
    assert load("k1") is None and load("k2") == ENTRY


def test_clear_removes_entries_temp_and_lock_files_only() -> None:
    store("k1", ENTRY)
    store("k2", ENTRY)
    directory = cache_dir()
    (directory / ".k3.99.tmp").write_text("x")
    (directory / "k1.lock").write_text("")  # removed too, but not counted: it is not an entry
    (directory / "README").write_text("keep")
    (directory / "sub.json").mkdir()
    assert clear() == 3
    assert sorted(p.name for p in directory.iterdir()) == ["README", "sub.json"]
    assert clear() == 0


def test_clear_without_a_directory() -> None:
    assert clear() == 0
    assert clear(Path("/nonexistent/cinder-attach")) == 0


def test_clear_spares_other_users_files() -> None:
    if os.getuid() != 0:
        pytest.skip("needs root to chown")
    store("k1", ENTRY)
    store("k2", ENTRY)
    os.chown(entry_path("k2"), 4321, -1)
    assert clear() == 1
    assert entry_path("k2").exists()


def test_explicit_directory(tmp_path: Path) -> None:
    directory = tmp_path / "custom"
    store("k1", ENTRY, directory)
    assert load("k1", directory) == ENTRY
    assert load("k1") is None
    assert clear(directory) == 1
