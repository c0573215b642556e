"""Call one generated API function: auth retry, transport failures and fault mapping in one place.

The rule that matters for automation: a request that may have reached Cinder is never sent again,
except after a 401, which means Cinder did not act.
"""

from __future__ import annotations

import errno
import socket
from collections.abc import Callable
from typing import Any, TypeVar

import httpx

from .errors import AttachError, AuthError, DryRunDone, TransportError, api_error
from .session import Run
from .transport import DryRun

T = TypeVar("T")


def _check_with(check: str | None) -> str:
    return f" Check with: {check}" if check else ""


def _maybe_created(what: str, check: str | None) -> str:
    return f"{what}; the attachment may have been created.{_check_with(check)}"


def _connect_failure(exc: httpx.TransportError, endpoint: str) -> TransportError:
    cause: BaseException | None = exc
    while cause is not None and not isinstance(cause, OSError):
        cause = cause.__cause__ or cause.__context__
    text = str(exc).lower()
    if (isinstance(cause, OSError) and cause.errno == errno.ECONNREFUSED) or "refused" in text:
        return TransportError(
            f"cannot connect to {endpoint}: connection refused.", hint="Is Cinder up, and is the endpoint right?"
        )
    if (
        isinstance(cause, socket.gaierror)
        or "name or service not known" in text
        or "nodename nor servname" in text
        or "getaddrinfo" in text
    ):
        host = httpx.URL(endpoint).host
        return TransportError(f"cannot resolve the host name {host!r}.", hint="Check the endpoint or auth_url.")
    if "certificate" in text or "ssl" in text:
        return TransportError(
            f"TLS verification failed for {endpoint}: {exc}.",
            hint="Give the CA bundle with --os-cacert (or cacert in clouds.yaml); --insecure skips the check.",
        )
    return TransportError(f"cannot connect to {endpoint}: {exc}.")


def call(
    run: Run,
    fn: Callable[..., T],
    *,
    command: str,
    microversion: str | None,
    creates: bool = False,
    check: str | None = None,
    empty_ok: bool = False,
    **kwargs: Any,
) -> T:
    """Run ``fn(client=..., **kwargs)`` (a generated ``sync_detailed``) and return its response if it is 2xx.

    ``creates`` marks requests that must never be repeated once sent; ``check`` is the command the
    user can run to see whether such a request took effect.
    """
    for attempt in (1, 2):
        client = run.client()
        endpoint = run.resolve().endpoint
        try:
            with client.get_httpx_client():
                response: Any = fn(client=client, **kwargs)
        except DryRun:
            raise DryRunDone() from None
        except AttachError as exc:  # e.g. ResponseTooLarge from the transport
            if creates and run.recorder.sent and exc.hint is None:
                exc.hint = f"The attachment may have been created.{_check_with(check)}"
            raise
        except httpx.ConnectTimeout:
            raise TransportError(
                f"timed out connecting to {endpoint}.", hint="Is the endpoint reachable? Raise --timeout if slow."
            ) from None
        except httpx.ConnectError as exc:
            raise _connect_failure(exc, endpoint) from None
        except (httpx.ReadTimeout, httpx.WriteTimeout) as exc:
            what = f"no answer from {endpoint} in time ({type(exc).__name__})"
            raise TransportError(_maybe_created(what, check) if creates else what + ".") from None
        except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as exc:
            what = f"the connection to {endpoint} broke before an answer came ({exc or type(exc).__name__})"
            raise TransportError(_maybe_created(what, check) if creates else what + ".") from None
        except httpx.HTTPError as exc:
            raise TransportError(f"HTTP failure talking to {endpoint}: {exc}.") from None
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
            raise _unreadable(run, command, microversion, creates, check, exc) from None
        status = int(response.status_code)
        if status == 401 and attempt == 1 and run.can_reauthenticate():
            run.resolve(refresh=True)
            continue
        if status >= 400:
            err = api_error(status, response.headers, response.content, command=command, microversion=microversion)
            if status == 401:
                run.forget()  # never offer a refused token to the next run
                if attempt == 2:
                    raise AuthError(f"{err.message} even after authenticating again.", hint=err.hint)
            raise err
        if response.parsed is None and not empty_ok:
            # e.g. a noauth Cinder answers a request without a token with 204 and no body.
            hint = "A noauth Cinder needs --os-token <user>:<project_id>." if status == 204 else None
            raise TransportError(f"Cinder answered HTTP {status} without the expected body.", hint=hint)
        return response  # type: ignore[no-any-return]
    raise AssertionError("unreachable")  # pragma: no cover


def _unreadable(
    run: Run, command: str, microversion: str | None, creates: bool, check: str | None, exc: BaseException
) -> AttachError:
    """An answer the generated models could not parse: report it by its status, never a traceback."""
    last = run.recorder.last
    if last is None:
        return TransportError(f"could not build or read the request: {exc}.")
    status = last.status_code
    if status >= 400:
        return api_error(status, last.headers, last.content, command=command, microversion=microversion)
    what = f"Cinder answered HTTP {status} but the body is not a valid attachment answer ({type(exc).__name__})"
    return TransportError(_maybe_created(what, check) if creates else what + ".")
