"""Unit-tier fixtures: run the CLI in-process against httpx's MockTransport, in an isolated home."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from helpers import ENDPOINT, TOKEN, FakeCinder, Result, invoke

from cinder_attach import transport


@pytest.fixture(autouse=True)
def isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    import os

    for key in list(os.environ):
        if key.startswith("OS_") or key.lower().endswith("_proxy"):  # a proxy would see the loopback servers
            monkeypatch.delenv(key)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def cinder(monkeypatch: pytest.MonkeyPatch) -> FakeCinder:
    fake = FakeCinder()
    monkeypatch.setattr(transport, "base_transport", lambda verify, proxy=None: httpx.MockTransport(fake.handler))
    return fake


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], cinder: FakeCinder) -> Callable[..., Result]:
    def run(*argv: str, direct: bool = True) -> Result:
        args = list(argv)
        if direct:
            args += ["--os-token", TOKEN, "--os-endpoint", ENDPOINT]
        return invoke(capsys, *args, requests=cinder.requests)

    return run


@pytest.fixture
def clouds_file(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where a test writes its clouds.yaml (openstacksdk fixes its search path at import, so it is named)."""
    import os

    path = Path(os.environ["XDG_CONFIG_HOME"]) / "openstack" / "clouds.yaml"
    monkeypatch.setenv("OS_CLIENT_CONFIG_FILE", str(path))
    monkeypatch.setenv("OS_CLIENT_SECURE_FILE", str(path.parent / "secure.yaml"))
    return path


@pytest.fixture
def no_os_brick(monkeypatch: pytest.MonkeyPatch) -> None:
    """os-brick as if the `host` extra were not installed (None in sys.modules makes its import fail)."""
    import sys

    for name in ("os_brick", "os_brick.initiator", "os_brick.initiator.connector", "os_brick.privileged"):
        monkeypatch.setitem(sys.modules, name, None)
