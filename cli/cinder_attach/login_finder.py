"""Finding a run's login: given directly, from the token cache (under its lock), else from Keystone.

The login is found lazily, on the first call that needs it, so that an input error found after the
options were read never costs a Keystone round trip. Keystone is asked only on a cache miss; runs that
miss together take the cache entry's lock in turn, so only the first one logs in.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field

from . import token_cache
from .cloud import CloudArgs
from .login import Login

logger = logging.getLogger(__name__)


@dataclass
class LoginFinder:
    """One run's login, and where it came from (a cached login is worth one fresh login after a 401)."""

    cloud: CloudArgs = field(default_factory=CloudArgs)
    use_cache: bool = True
    login: Login | None = None
    from_cache: bool = False
    _key: str | None = None
    _warned_insecure: bool = False

    @property
    def cache_key(self) -> str:
        if self._key is None:
            self._key = token_cache.derive_key(
                self.cloud.cloud or os.environ.get("OS_CLOUD"), self.cloud.given(), os.environ
            )
        return self._key

    def resolve(self, *, refresh: bool = False) -> Login:
        """The login to use: given directly, from the cache, or from Keystone (then cached)."""
        if self.login is None or refresh:
            self.login, self.from_cache = self._find(refresh)
        if self.login.verify is False and not self._warned_insecure:
            logger.warning(
                "TLS certificate verification is off (insecure, or verify: false); this is unsafe.",
                extra={"reason": "insecure"},
            )
            self._warned_insecure = True
        return self.login

    def _find(self, refresh: bool) -> tuple[Login, bool]:
        direct = self.cloud.direct_login()
        if direct is not None:
            return direct, False
        if not self.use_cache:
            return self._authenticate(), False
        if not refresh and (cached := self._cached(None)) is not None:
            return cached, True
        refused = self.login.token if refresh and self.login is not None else None
        # Runs that miss the cache together log in once: each takes the entry's lock in turn, and
        # reads the cache again once it has it, where it finds the first one's token.
        with token_cache.locked(self.cache_key) as how:
            if how:
                logger.debug("%s", how)
            if (cached := self._cached(refused)) is not None:
                return cached, True
            if refresh:
                self.forget()
            login = self._authenticate()
            if login.token:
                token_cache.store(self.cache_key, login)
            return login, False

    def _cached(self, refused: str | None) -> Login | None:
        """The cache entry, unless it holds the token Cinder just refused."""
        cached = token_cache.load(self.cache_key)
        if cached is None or (refused is not None and cached.token == refused):
            return None
        logger.debug("using the cached token for %s (expires %s).", cached.endpoint, cached.expires_at)
        return cached

    def _authenticate(self) -> Login:
        logger.debug("no cached token; loading the cloud configuration and authenticating.")
        from . import cloud

        return cloud.authenticate(self.cloud)

    def known_endpoint(self) -> str | None:
        """The endpoint if it is known without logging in (given, or in the cache), else None."""
        if self.cloud.endpoint:
            return self.cloud.endpoint
        cached = token_cache.load(self.cache_key) if self.use_cache else None
        return cached.endpoint if cached is not None else None

    def forget(self) -> None:
        """Drop the cached entry (Cinder refused its token), so the next run does not try it again."""
        if self.use_cache and self.cloud.direct_login() is None:
            token_cache.drop(self.cache_key)
