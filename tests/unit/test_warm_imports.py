"""A warm run (token cache hit) imports neither openstacksdk nor keystoneauth1; --help imports no httpx.

Each case runs in a fresh interpreter, because this test process has imported everything already.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from helpers import ATT, ATTACH_SCRIPT, TOKEN, VOL, attachment
from local_server import Answer, LocalServer, Seen
from probe_lib import Exited, modules_at_exit

HEAVY = ("openstack", "keystoneauth1")

WATCHED = {"openstack", "keystoneauth1", "httpx", "yaml"}

KEY = """
import os, sys
from cinder_attach import token_cache
print(token_cache.derive_key(sys.argv[1], {}, os.environ))
"""


def child_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OS_", "PYTHON"))}
    env.update(
        HOME=str(tmp_path / "home"),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        OS_CLOUD="warm",
    )
    return env


def probe(tmp_path: Path, *argv: str) -> tuple[dict[str, Any], Exited]:
    """Run the installed `attach` in a fresh interpreter: its exit code and which WATCHED packages it loaded."""
    ran = modules_at_exit(ATTACH_SCRIPT, list(argv), env=child_env(tmp_path), cwd=tmp_path, timeout=60)
    assert ran.modules, ran.err
    return {"code": ran.code, "loaded": sorted(ran.top_level() & WATCHED)}, ran


def populate_cache(tmp_path: Path, endpoint: str) -> None:
    """Store an entry under the key the child will derive (computed by a child with the same env and cwd)."""
    from cinder_attach import token_cache
    from cinder_attach.login import Login

    key = subprocess.run(
        [sys.executable, "-c", KEY, "warm"],
        env=child_env(tmp_path),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout.strip()
    entry = Login(endpoint=endpoint, token=TOKEN, expires_at=None, project_id="0123456789abcdef")
    token_cache.store(key, entry, tmp_path / "cache" / "cinder-attach")


def test_warm_create_imports_no_openstack_or_keystoneauth(tmp_path: Path) -> None:
    def answer(seen: Seen) -> Answer:
        return Answer.json(200, {"attachment": attachment()}, **{"X-OpenStack-Request-Id": "req-warm"})

    with LocalServer(answer) as server:
        populate_cache(tmp_path, server.endpoint())
        result, done = probe(tmp_path, "create354", "--volume-uuid", VOL, "-f", "value", "-c", "id")
    assert result["code"] == 0, done.err
    assert done.out == ATT + "\n"
    assert not set(HEAVY) & set(result["loaded"]), result
    assert "httpx" in result["loaded"], "the probe must see real imports"
    assert len(server.seen) == 1, "a warm run is exactly one HTTP request"
    (request,) = server.seen
    assert request.method == "POST" and request.path.endswith("/attachments")
    assert request.headers["x-auth-token"] == TOKEN
    assert request.headers["openstack-api-version"] == "volume 3.54"


def test_cold_run_does_load_the_heavy_libraries(tmp_path: Path) -> None:
    # The control: with no cache entry the same command has to load openstacksdk, which proves the probe works.
    result, done = probe(tmp_path, "create354", "--volume-uuid", VOL)
    assert result["code"] == 2, done.err  # cloud "warm" is not configured
    assert "openstack" in result["loaded"]


def test_help_imports_no_httpx(tmp_path: Path) -> None:
    result, done = probe(tmp_path, "--help")
    assert result["code"] == 0 and "create354" in done.out
    assert "httpx" not in result["loaded"], result
    assert not set(HEAVY) & set(result["loaded"]), result


def test_command_help_imports_no_httpx(tmp_path: Path) -> None:
    result, done = probe(tmp_path, "create354", "--help")
    assert result["code"] == 0 and "--volume-uuid" in done.out
    assert not {"httpx", *HEAVY} & set(result["loaded"]), result


def test_usage_error_imports_no_keystone_libraries(tmp_path: Path) -> None:
    # A usage error is found before any session is resolved: no config loading, no Keystone libraries.
    # (httpx does get imported here today: commands/_common.create imports the generated client first.)
    result, done = probe(tmp_path, "create354", "--volume-uuid", "not-a-uuid")
    assert result["code"] == 2 and "not a UUID" in done.err
    assert not set(HEAVY) & set(result["loaded"]), result


def test_version_is_cheap(tmp_path: Path) -> None:
    result, done = probe(tmp_path, "--version")
    assert result["code"] == 0 and done.out.startswith("attach (cinder-attach) ")
    assert not {"httpx", "yaml", *HEAVY} & set(result["loaded"]), result
