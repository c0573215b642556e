"""Sending a generated call to Cinder: once, with one re-login on a 401, and every failure mapped to an error.

:class:`Connection` puts together the login (:mod:`~cinder_attach.login_finder`), the httpx client
(:mod:`~cinder_attach.http_clients`) and the fault mapper (:mod:`~cinder_attach.faults`). It is the one
place that writes the microversion header (``OpenStack-API-Version: <service> <version>``), from the
``microversion=`` each call passes. A request that may have reached Cinder is never sent again,
except after a 401, which means Cinder did not act.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

from .cloud import CloudArgs
from .errors import AttachError, AuthError, CreateInterrupted, DryRunDone, TransportError
from .faults import api_error, maybe_created, redirected, transport_error
from .http_clients import HttpClients
from .login import Login
from .login_finder import LoginFinder
from .transport import DryRun, Recorder

if TYPE_CHECKING:
    from cinder_attach_client.types import Response

T = TypeVar("T")
# Exceptions the generated models raise on an answer that is not what the spec says.
_UNREADABLE = (ValueError, KeyError, TypeError, AttributeError, RecursionError)


@dataclass
class Connection:
    """The per-run state every call shares: the settings, the login and the httpx client."""

    cloud: CloudArgs = field(default_factory=CloudArgs)
    use_cache: bool = True
    debug: bool = False
    dry_run: bool = False
    timeout: float | None = None
    # The service the microversion header names: "volume" for Cinder (a Nova connection says "compute").
    service: str = "volume"
    show: TextIO | None = None  # where a dry run shows its request (the CLI: stdout); None logs it
    logins: LoginFinder = field(init=False, repr=False, compare=False)
    clients: HttpClients = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.logins = LoginFinder(self.cloud, self.use_cache)
        self.clients = HttpClients(timeout=self.timeout, debug=self.debug, dry_run=self.dry_run, show=self.show)

    @property
    def recorder(self) -> Recorder:
        return self.clients.recorder

    @property
    def proxy(self) -> str | None:
        return self.clients.proxy

    def resolve(self, *, refresh: bool = False) -> Login:
        """The login to use: given directly, from the cache, or from Keystone (then cached)."""
        return self.logins.resolve(refresh=refresh)

    def known_endpoint(self) -> str | None:
        """The endpoint if it is known without logging in (given, or in the cache), else None."""
        return self.logins.known_endpoint()

    def kept_open(self) -> AbstractContextManager[None]:
        """Calls inside share one httpx client (see :mod:`~cinder_attach.http_clients`)."""
        return self.clients.kept_open()

    def close(self) -> None:
        self.clients.close()

    def for_service(self, service: str, endpoint_of: Callable[[Login], str | None]) -> Connection:
        """Another service of this cloud (``compute``): the same login, its endpoint ``endpoint_of(login)``."""
        from dataclasses import replace

        from .service_logins import ServiceLogins

        other = replace(self, service=service)
        other.logins = ServiceLogins(self.cloud, self.use_cache, base=self.logins, endpoint_of=endpoint_of)
        return other

    def call(
        self,
        fn: Callable[..., Response[Any]],
        expect: type[T],
        *,
        microversion: str,
        creates: bool = False,
        sent_in_dry_run: bool = False,
        **kwargs: Any,
    ) -> T:
        """Run a generated ``sync_detailed`` and return its parsed answer, which must be an ``expect``."""
        response = self.send(fn, microversion=microversion, creates=creates, sent_in_dry_run=sent_in_dry_run, **kwargs)
        if not isinstance(response.parsed, expect):
            # e.g. a noauth Cinder answers a request without a token with 204 and no body.
            status = int(response.status_code)
            if status == 204:
                raise TransportError(
                    f"Cinder answered HTTP {status} without the expected body.",
                    hint="A noauth Cinder needs the token <user>:<project_id>.",
                    reason="noauth_needs_token",
                )
            raise TransportError(f"Cinder answered HTTP {status} without the expected body.")
        return response.parsed

    def send(
        self,
        fn: Callable[..., Response[Any]],
        *,
        microversion: str,
        creates: bool = False,
        sent_in_dry_run: bool = False,
        **kwargs: Any,
    ) -> Response[Any]:
        """Run a generated ``sync_detailed`` at ``microversion``; a 2xx answer is returned, anything else raised.

        ``sent_in_dry_run``: a read that a dry run still sends, because its answer shapes the request shown.
        """
        kwargs["open_stack_api_version"] = f"{self.service} {microversion}"  # the one place the header is written
        for attempt in (1, 2):
            response = self._attempt(fn, creates, microversion, sent_in_dry_run, kwargs)
            status = int(response.status_code)
            if status == 401 and attempt == 1 and self.logins.from_cache:  # a cached token: one fresh login
                self.resolve(refresh=True)
                continue
            if 300 <= status < 400:  # follow_redirects is off: nothing after a redirect is trusted
                raise redirected(status, response.headers.get("location"))
            if status < 400:
                return response
            err = api_error(status, response.headers, response.parsed, response.content, microversion, proxy=self.proxy)
            if status == 401:
                self.logins.forget()  # never offer a refused token to the next run
                if attempt == 2:
                    again = f"{err.message} even after authenticating again."
                    raise AuthError(again, hint=err.hint, reason=err.reason)
            raise err
        raise AssertionError("unreachable")  # pragma: no cover

    def _attempt(
        self, fn: Callable[..., Response[Any]], creates: bool, microversion: str, sent_in_dry_run: bool, kwargs: Any
    ) -> Response[Any]:
        import httpx

        login = self.resolve()
        endpoint = login.endpoint
        once = sent_in_dry_run and self.dry_run
        client = self.clients.build(login, dry_run=False) if once else self.clients.for_login(login)
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
            if once:
                client.get_httpx_client().close()
            else:
                self.clients.done()

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
