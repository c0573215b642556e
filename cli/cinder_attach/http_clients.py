"""The httpx client under the generated functions: made for a login, kept open for a while, closed.

Inside :meth:`HttpClients.kept_open` (a whole CLI command, a list's pages) every call shares one httpx
client, and so one kept-alive connection; it is closed when the outermost ``kept_open`` ends. Outside,
each call gets its own, closed after it. A new login (the re-login after a 401) brings a new client,
since the token is one of its headers.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TextIO

from .login import Login
from .proxy import proxy_for
from .redaction import redact_url
from .transport import Recorder, build_httpx_client

if TYPE_CHECKING:
    from cinder_attach_client import Client

logger = logging.getLogger(__name__)


@dataclass
class HttpClients:
    """How a run's requests travel (timeout, --debug, a dry run), and the client they share while kept open."""

    timeout: float | None = None
    debug: bool = False
    dry_run: bool = False
    show: TextIO | None = None  # where a dry run shows its request (None: the log)
    recorder: Recorder = field(default_factory=Recorder)
    proxy: str | None = None  # the proxy Cinder's requests go through (set when a client is built)
    current: Client | None = field(default=None, init=False, repr=False, compare=False)
    _current_for: Login | None = field(default=None, init=False, repr=False, compare=False)
    _keep: int = field(default=0, init=False, repr=False, compare=False)
    _told_proxy: bool = field(default=False, init=False, repr=False, compare=False)

    def build(self, login: Login, *, dry_run: bool | None = None) -> Client:
        """A generated client for ``login``, on a new httpx client (``dry_run=False``: one that sends)."""
        from cinder_attach_client import Client

        self.proxy = proxy_for(login.endpoint)
        if not self._told_proxy:
            how = f"through the proxy {redact_url(self.proxy)}" if self.proxy else "directly (no proxy applies)"
            logger.debug("Cinder at %s is reached %s.", login.endpoint, how)
            self._told_proxy = True
        http = build_httpx_client(
            login,
            timeout=self.timeout,
            recorder=self.recorder,
            debug=self.debug,
            dry_run=self.dry_run if dry_run is None else dry_run,
            show=self.show,
            proxy=self.proxy,
        )
        return Client(base_url=login.endpoint).set_httpx_client(http)

    def for_login(self, login: Login) -> Client:
        """The client for the next call: the kept one while it was made for ``login``."""
        if self.current is None or self._current_for is not login:
            self.close()
            self.current, self._current_for = self.build(login), login
        return self.current

    @contextmanager
    def kept_open(self) -> Iterator[None]:
        """Every call inside shares one client; the outermost ``kept_open`` closes it."""
        self._keep += 1
        try:
            yield
        finally:
            self._keep -= 1
            self.done()

    def done(self) -> None:
        """A call ended: close its client unless it is kept open."""
        if not self._keep:
            self.close()

    def close(self) -> None:
        """Close the kept httpx client, if there is one."""
        client, self.current, self._current_for = self.current, None, None
        if client is not None:
            client.get_httpx_client().close()
