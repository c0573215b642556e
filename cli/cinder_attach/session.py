"""One run's connection to Cinder: the token cache first, Keystone only when it misses.

:class:`Run` is what every command receives. It resolves the session lazily (a usage error found
after option parsing never costs a Keystone round trip), hands out the generated client, and knows
how to re-authenticate once when Cinder refuses a cached token.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from . import token_cache
from .cloud import CloudArgs
from .output import warn
from .token_cache import CachedSession

if TYPE_CHECKING:
    import httpx

    from cinder_attach_client import Client


class Recorder:
    """Counts requests and keeps the last answer, so an unparseable one can still be reported by status."""

    def __init__(self) -> None:
        self.last: httpx.Response | None = None
        self.sent = 0

    def on_request(self, request: httpx.Request) -> None:
        self.sent += 1

    def on_response(self, response: httpx.Response) -> None:
        self.last = response


@dataclass
class Run:
    """The per-invocation state shared by every command."""

    cloud: CloudArgs = field(default_factory=CloudArgs)
    use_cache: bool = True
    debug: bool = False
    dry_run: bool = False
    timeout: float | None = None
    environ: Mapping[str, str] = field(default_factory=lambda: os.environ)
    transport: httpx.BaseTransport | None = None  # tests inject a MockTransport here
    recorder: Recorder = field(default_factory=Recorder)
    session: CachedSession | None = None
    from_cache: bool = False
    _key: str | None = None
    _warned_insecure: bool = False

    @property
    def cache_key(self) -> str:
        if self._key is None:
            self._key = token_cache.derive_key(
                self.cloud.cloud or self.environ.get("OS_CLOUD"), self.cloud.given(), self.environ
            )
        return self._key

    def resolve(self, *, refresh: bool = False) -> CachedSession:
        """The session to use: given directly, from the cache, or from Keystone (then cached)."""
        if self.session is not None and not refresh:
            return self.session
        direct = self.cloud.direct_session()
        if direct is not None:
            self.session, self.from_cache = direct, False
        else:
            cached = None if (refresh or not self.use_cache) else token_cache.load(self.cache_key)
            if cached is not None:
                self.session, self.from_cache = cached, True
                if self.debug:
                    warn(f"debug: using the cached token for {cached.endpoint} (expires {cached.expires_at}).")
            else:
                if refresh:
                    self.forget()
                if self.debug:
                    warn("debug: no cached token; loading the cloud configuration and authenticating.")
                from .cloud import authenticate

                self.session, self.from_cache = authenticate(self.cloud, self.environ), False
                if self.use_cache and self.session.token:
                    token_cache.store(self.cache_key, self.session)
        if self.session.verify is False and not self._warned_insecure:
            warn("TLS certificate verification is off (--insecure or verify: false); this is unsafe.")
            self._warned_insecure = True
        return self.session

    def forget(self) -> None:
        """Drop the cached entry (Cinder refused its token), so the next run does not try it again."""
        if self.use_cache and self.cloud.direct_session() is None:
            token_cache.drop(self.cache_key)

    def can_reauthenticate(self) -> bool:
        """A 401 on a cached token is worth one fresh authentication; on a fresh one it is not."""
        return self.from_cache

    def client(self) -> Client:
        """The generated client, wired to this run's httpx client."""
        from cinder_attach_client import Client

        session = self.resolve()
        from .transport import build_httpx_client

        http = build_httpx_client(
            session,
            timeout=self.timeout,
            recorder=self.recorder,
            debug=self.debug,
            dry_run=self.dry_run,
            transport=self.transport,
        )
        return Client(base_url=session.endpoint).set_httpx_client(http)
