"""Unit-tier fixtures, each defined once: run the CLI in-process against httpx's MockTransport, in an
isolated home; the Python client over the same fake; a stand-in Keystone login; a test CA for TLS; a stand-in
for os-brick's host side (local attach)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
import trustme
from helpers import ENDPOINT, TOKEN, FakeCinder, Result, StubLogin, invoke
from local_fakes import CONNECTOR, FakeHost

import cinder_attach
from cinder_attach import cloud, transport


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
def client(cinder: FakeCinder) -> cinder_attach.AttachmentClient:
    """The Python API (what ``connect()`` returns) over the MockTransport Cinder."""
    return cinder_attach.connect(token=TOKEN, endpoint=ENDPOINT)


@pytest.fixture
def keystone(monkeypatch: pytest.MonkeyPatch) -> StubLogin:
    """A stand-in for the Keystone login (``cloud.authenticate``) that counts the logins."""
    fake = StubLogin()
    monkeypatch.setattr(cloud, "authenticate", fake)
    return fake


@pytest.fixture(scope="session")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def ca_file(ca: trustme.CA, tmp_path: Path) -> str:
    """The test CA's certificate as a PEM file (what --os-cacert or a CA-bundle variable names)."""
    path = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return str(path)


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


@pytest.fixture
def host(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> FakeHost:
    """The stand-in host side, this host's connector, and a state directory of the test's own."""
    from cinder_attach import brick, brick_io

    fake = FakeHost()
    monkeypatch.setattr(brick_io, "open_brick", lambda *a, **k: fake)
    monkeypatch.setattr(brick, "host_connector", lambda **k: dict(CONNECTOR))
    monkeypatch.setenv("CINDER_ATTACH_STATE_DIR", str(tmp_path / "state"))
    return fake
