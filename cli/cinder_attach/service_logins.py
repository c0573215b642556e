"""Another service of the same cloud (Nova, for prune), reached with the run's login.

Kept apart from :mod:`~cinder_attach.login_finder` because only prune needs it: a create never loads it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from .login import Login
from .login_finder import LoginFinder


@dataclass
class ServiceLogins(LoginFinder):
    """Another service of the same cloud (Nova, for prune), reached with the run's login: the same token,
    TLS files and timeout, with ``endpoint_of(login)`` as the endpoint. Its refusal (a 401) says nothing
    about Cinder's token, so it neither retries with a fresh login nor drops the cache entry."""

    base: LoginFinder | None = None
    endpoint_of: Callable[[Login], str | None] | None = None
    _for: Login | None = None

    def resolve(self, *, refresh: bool = False) -> Login:
        assert self.base is not None and self.endpoint_of is not None
        login = self.base.resolve()
        if self.login is None or self._for is not login:
            endpoint = self.endpoint_of(login)
            if not endpoint:
                from .errors import ConfigError

                raise ConfigError("the catalog has no endpoint for this service.")
            self.login, self._for = replace(login, endpoint=endpoint), login
        return self.login

    def known_endpoint(self) -> str | None:
        return None

    def forget(self) -> None:
        pass
