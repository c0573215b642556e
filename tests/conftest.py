"""Session-wide checks and the fixtures every tier shares (unit, contract, e2e).

The tiers test the installed package, which scripts/test reinstalls from cli/ and generated/ before each run.
A plain `python -m pytest` after an edit would test the previously installed copy, so the session stops at once,
with one line naming scripts/test, when the installed .py files differ from the checkout (see install_fresh.py).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from install_fresh import stale_install_message
from local_server import ForwardingProxy


def pytest_sessionstart(session: pytest.Session) -> None:
    message = stale_install_message()
    if message is not None:
        raise pytest.UsageError(message)


class FakeNova:
    """scripts/devcloud_lib/fake_nova.py serving from a thread of this process: ``url`` is its compute
    endpoint (``…/v2.1``), ``world`` its servers (``world.put(server_id, {...})``), ``log`` its access log."""

    def __init__(self, tmp: Path) -> None:
        from devcloud_lib import fake_nova

        self.log = tmp / "fake-nova-access.log"
        world = self.world = fake_nova.World()
        fd = os.open(self.log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        handler = type("Handler", (fake_nova.Handler,), {"world": world, "log_fd": fd})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v2.1"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()
        self._fd = fd

    def requests(self) -> list[Any]:
        """Parsed access-log lines (devcloud_lib.accesslog.Entry), oldest first."""
        from devcloud_lib.accesslog import parse_line

        return [e for line in self.log.read_text().splitlines() if (e := parse_line(line)) is not None]

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        os.close(self._fd)


@pytest.fixture
def fake_nova(tmp_path: Path) -> Iterator[FakeNova]:
    """The devcloud's fake Nova in a thread, with no servers (see FakeNova)."""
    nova = FakeNova(tmp_path)
    try:
        yield nova
    finally:
        nova.close()


@pytest.fixture
def proxy() -> Iterator[ForwardingProxy]:
    """A forward proxy on loopback that forwards every request and records it (unit and e2e proxy tests)."""
    with ForwardingProxy() as server:
        yield server
