"""Session-wide checks and the fixtures every tier shares (unit, contract, e2e).

The tiers test the installed package, which scripts/test reinstalls from cli/ and generated/ before each run.
A plain `python -m pytest` after an edit would test the previously installed copy, so the session stops at once,
with one line naming scripts/test, when the installed .py files differ from the checkout (see install_fresh.py).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from install_fresh import stale_install_message
from local_server import ForwardingProxy


def pytest_sessionstart(session: pytest.Session) -> None:
    message = stale_install_message()
    if message is not None:
        raise pytest.UsageError(message)


@pytest.fixture
def proxy() -> Iterator[ForwardingProxy]:
    """A forward proxy on loopback that forwards every request and records it (unit and e2e proxy tests)."""
    with ForwardingProxy() as server:
        yield server
