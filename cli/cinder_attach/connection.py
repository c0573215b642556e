"""One run's connection to Cinder: the token cache first, Keystone only when it misses.

:class:`Connection` resolves the login lazily (a usage error found after option parsing never costs
a Keystone round trip), hands the generated functions an httpx client, and sends each call with the
one rule that matters for automation: a request that may have reached Cinder is never sent again,
except after a 401, which means Cinder did not act.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from . import token_cache
from .cloud import CloudArgs
from .console import debug, warn
from .errors import AttachError, AuthError, CreateInterrupted, DryRunDone, TransportError
from .faults import api_error, maybe_created, redirected, transport_error
from .login import Login
from .proxy import proxy_for
from .redaction import redact_url
from .transport import DryRun, Recorder, build_httpx_client

if TYPE_CHECKING:
    from cinder_attach_client import Client
    from cinder_attach_client.types import Response

T = TypeVar("T")
# Exceptions the generated models raise on an answer that is not what the spec says.
_UNREADABLE = (ValueError, KeyError, TypeError, AttributeError, RecursionError)


@dataclass
class Connection:
    """The per-run state every call shares: settings, the login, and what was sent."""

    cloud: CloudArgs = field(default_factory=CloudArgs)
    use_cache: bool = True
    debug: bool = False
    dry_run: bool = False
    timeout: float | None = None
    recorder: Recorder = field(default_factory=Recorder)
    login: Login | None = None
    from_cache: bool = False
    proxy: str | None = None  # the proxy Cinder's requests go through (set when the client is built)
    _key: str | None = None
    _warned_insecure: bool = False
    _told_proxy: bool = False
    # The generated client that calls share while kept open (see kept_open), and the login it was made for.
    _open: Client | None = field(default=None, init=False, repr=False, compare=False)
    _open_for: Login | None = field(default=None, init=False, repr=False, compare=False)
    _keep: int = field(default=0, init=False, repr=False, compare=False)

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
            self.login, self.from_cache = self._find_login(refresh)
        if self.login.verify is False and not self._warned_insecure:
            warn("TLS certificate verification is off (--insecure or verify: false); this is unsafe.")
            self._warned_insecure = True
        return self.login

    def _find_login(self, refresh: bool) -> tuple[Login, bool]:
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
            if how and self.debug:
                debug(how)
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
        if self.debug:
            debug(f"using the cached token for {cached.endpoint} (expires {cached.expires_at}).")
        return cached

    def _authenticate(self) -> Login:
        if self.debug:
            debug("no cached token; loading the cloud configuration and authenticating.")
        from .cloud import authenticate

        return authenticate(self.cloud)

    def known_endpoint(self) -> str | None:
        """The block-storage endpoint if it is known without logging in (given, or in the cache), else None."""
        if self.cloud.endpoint:
            return self.cloud.endpoint
        cached = token_cache.load(self.cache_key) if self.use_cache else None
        return cached.endpoint if cached is not None else None

    def forget(self) -> None:
        """Drop the cached entry (Cinder refused its token), so the next run does not try it again."""
        if self.use_cache and self.cloud.direct_login() is None:
            token_cache.drop(self.cache_key)

    def generated_client(self) -> Client:
        """The generated client, wired to this run's httpx client."""
        from cinder_attach_client import Client

        login = self.resolve()
        self.proxy = proxy_for(login.endpoint)
        if self.debug and not self._told_proxy:
            how = f"through the proxy {redact_url(self.proxy)}" if self.proxy else "directly (no proxy applies)"
            debug(f"Cinder at {login.endpoint} is reached {how}.")
            self._told_proxy = True
        http = build_httpx_client(
            login,
            timeout=self.timeout,
            recorder=self.recorder,
            debug=self.debug,
            dry_run=self.dry_run,
            proxy=self.proxy,
        )
        return Client(base_url=login.endpoint).set_httpx_client(http)

    @contextmanager
    def kept_open(self) -> Iterator[None]:
        """Every call inside shares one httpx client, and so one kept-alive connection (a list's pages, a
        command's calls); it is closed when the outermost ``kept_open`` ends. Outside, each call has its own."""
        self._keep += 1
        try:
            yield
        finally:
            self._keep -= 1
            if not self._keep:
                self.close()

    def close(self) -> None:
        """Close the kept httpx client, if there is one."""
        client, self._open, self._open_for = self._open, None, None
        if client is not None:
            client.get_httpx_client().close()

    def _client(self) -> Client:
        """The generated client for the next call: the kept one while it was made for the current login."""
        login = self.resolve()
        if self._open is None or self._open_for is not login:  # a new login (a 401's retry) brings a new token
            self.close()
            self._open = self.generated_client()
            self._open_for = login
        return self._open

    def call(
        self,
        fn: Callable[..., Response[Any]],
        expect: type[T],
        *,
        microversion: str,
        creates: bool = False,
        **kwargs: Any,
    ) -> T:
        """Run a generated ``sync_detailed`` and return its parsed answer, which must be an ``expect``."""
        response = self.send(fn, microversion=microversion, creates=creates, **kwargs)
        if not isinstance(response.parsed, expect):
            # e.g. a noauth Cinder answers a request without a token with 204 and no body.
            status = int(response.status_code)
            hint = "A noauth Cinder needs --os-token <user>:<project_id>." if status == 204 else None
            raise TransportError(f"Cinder answered HTTP {status} without the expected body.", hint=hint)
        return response.parsed

    def send(
        self,
        fn: Callable[..., Response[Any]],
        *,
        microversion: str,
        creates: bool = False,
        **kwargs: Any,
    ) -> Response[Any]:
        """Run a generated ``sync_detailed``; a 2xx answer is returned, anything else raised as an error."""
        for attempt in (1, 2):
            response = self._attempt(fn, creates, microversion, kwargs)
            status = int(response.status_code)
            if status == 401 and attempt == 1 and self.from_cache:  # a cached token is worth one fresh login
                self.resolve(refresh=True)
                continue
            if 300 <= status < 400:  # follow_redirects is off: nothing after a redirect is trusted
                raise redirected(status, response.headers.get("location"))
            if status < 400:
                return response
            err = api_error(status, response.headers, response.parsed, response.content, microversion, proxy=self.proxy)
            if status == 401:
                self.forget()  # never offer a refused token to the next run
                if attempt == 2:
                    raise AuthError(f"{err.message} even after authenticating again.", hint=err.hint)
            raise err
        raise AssertionError("unreachable")  # pragma: no cover

    def _attempt(
        self, fn: Callable[..., Response[Any]], creates: bool, microversion: str, kwargs: Any
    ) -> Response[Any]:
        import httpx

        client = self._client()
        endpoint = self.resolve().endpoint
        try:
            return fn(client=client, **kwargs)
        except DryRun:
            raise DryRunDone() from None
        except AttachError as exc:  # e.g. ResponseTooLarge from the transport
            if creates and self.recorder.sent and exc.hint is None:
                exc.hint, exc.may_have_created = "The attachment may have been created.", True
            raise
        except httpx.HTTPError as exc:
            raise transport_error(exc, endpoint, creates=creates, proxy=self.proxy) from None
        except _UNREADABLE as exc:
            raise self._unreadable(creates, microversion, exc) from None
        except KeyboardInterrupt:
            if creates and self.recorder.sent:  # Ctrl-C with the create on its way: it may have been made
                raise CreateInterrupted() from None
            raise
        finally:
            if not self._keep:
                self.close()

    def _unreadable(self, creates: bool, microversion: str, exc: BaseException) -> AttachError:
        """An answer the generated models could not parse: report it by its status, never a traceback."""
        last = self.recorder.last
        if last is None:
            return TransportError(f"could not build or read the request: {exc}.")
        status = last.status_code
        if status >= 400:
            return api_error(status, last.headers, None, last.content, microversion, proxy=self.proxy)
        what = f"Cinder answered HTTP {status} but the body is not a valid attachment answer ({type(exc).__name__})"
        return maybe_created(what) if creates else TransportError(what + ".")
