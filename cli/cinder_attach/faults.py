"""The one place that turns a failed request into an :class:`AttachError`: error answers and transport faults.

Error bodies are read through the generated ``Fault`` and ``KeystoneError`` models. The hints here are
about the API (microversions, statuses, connectors) and name no command-line flag and no command: an
error the CLI has its own advice for carries a ``reason`` (:mod:`cinder_attach.hints` words it), and
advice that names a command is added by that command with :meth:`AttachError.add_hint`.
"""

from __future__ import annotations

import errno
import re
import socket
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .errors import APIError, AttachError, AuthError, TransportError, one_line
from .redaction import redact_url

if TYPE_CHECKING:
    import httpx

    from cinder_attach_client.models import Fault, KeystoneError

_VERSION_RANGE = re.compile(r"Minimum is (\d+\.\d+) and maximum is (\d+\.\d+)")
_STATUS_CONFLICT = re.compile(
    r"status must be ([\w -]+?) to reserve(?:, but the current status is ([\w-]+))?", re.IGNORECASE
)
_ERROR_STATE = re.compile(r"can not be created if the volume is in an error state", re.IGNORECASE)
_NO_INITIATOR = re.compile(r"Connector doesn't have required information: (\w+)")
_TAGS = re.compile(r"<[^>]+>")
TLS_HINT = "Give the CA bundle (cacert), or turn verification off (insecure)."


def version_tuple(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(".") if part.isdigit())


def parse_body(content: bytes) -> Fault | KeystoneError | None:
    """Read an error body the generated client could not (it parses only the statuses the spec lists)."""
    import json

    from cinder_attach_client.models.fault import Fault
    from cinder_attach_client.models.keystone_error import KeystoneError

    try:
        data = json.loads(content)
    except (ValueError, RecursionError):
        return None
    if not isinstance(data, Mapping) or len(data) != 1:
        return None
    ((name, detail),) = data.items()
    if not isinstance(detail, Mapping):
        return None
    try:
        return KeystoneError.from_dict(data) if name == "error" else Fault.from_dict(data)
    except (TypeError, ValueError, KeyError, AttributeError):
        return None


def fault_of(parsed: object) -> tuple[str | None, str | None]:
    """(fault name, message) of a parsed ``Fault`` or ``KeystoneError``."""
    from cinder_attach_client.models.fault import Fault
    from cinder_attach_client.models.keystone_error import KeystoneError

    if isinstance(parsed, KeystoneError):  # keystonemiddleware: {"error": {"code", "title", "message"}}
        detail: Any = parsed.error
        title = getattr(detail, "title", None)
        message = getattr(detail, "message", None)
        return str(title if isinstance(title, str) and title else "Unauthorized"), _text(message)
    if isinstance(parsed, Fault) and len(parsed.additional_properties) == 1:
        ((name, body),) = parsed.additional_properties.items()
        return name, _text(body.message)
    return None, None


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else (None if value is None or not value else str(value))


def _no_details(status: int, content: bytes, proxy: str | None) -> str:
    snippet = one_line(_TAGS.sub(" ", content.decode("utf-8", "replace")), 200, mark_cut=True) if content else ""
    tail = f": {snippet}" if snippet else ""
    if proxy and status in (407, 502, 503, 504):
        return f"the proxy {redact_url(proxy)} (or a load balancer behind it) answered HTTP {status}{tail}"
    if status in (502, 503, 504):
        return f"a proxy or load balancer in front of Cinder answered HTTP {status}{tail}"
    return f"Cinder answered HTTP {status} with no error details{tail}"


def api_error(
    status: int,
    headers: Mapping[str, str],
    parsed: object,
    content: bytes,
    microversion: str | None = None,
    *,
    proxy: str | None = None,
) -> AttachError:
    """Map one error answer from Cinder to the error the user sees, with a fix where the API implies one."""
    request_id = headers.get("x-openstack-request-id") or headers.get("x-compute-request-id")
    fault, message = fault_of(parsed if parsed is not None else parse_body(content))
    message = message or _no_details(status, content, proxy)
    if status == 401:
        return AuthError(
            f"Cinder refused the token: {message} (HTTP 401, request-id {request_id or 'none'})",
            hint="Check the credentials in your cloud configuration.",
            reason="token_refused",
        )
    hint, max_version = _hint(status, message, microversion)
    conflict = _STATUS_CONFLICT.search(message) if status == 400 else None
    missing = _NO_INITIATOR.search(message) if status == 500 else None
    return APIError(
        message,
        status=status,
        fault=fault,
        request_id=request_id,
        hint=hint,
        max_version=max_version,
        volume_status=(conflict.group(2) or "unknown") if conflict else None,
        **_reason(missing, conflict),
    )


def _reason(missing: re.Match[str] | None, conflict: re.Match[str] | None) -> dict[str, str]:
    """The reason (and its details) of an answer whose advice the CLI words itself (:mod:`hints`)."""
    from .waiting import TRANSIENT

    if missing:
        return {"reason": "connector_key_missing", "key": missing.group(1)}
    if conflict and conflict.group(2) in TRANSIENT:
        return {"reason": "volume_busy", "volume_state": conflict.group(2)}
    return {}


def may_have_reserved(err: AttachError) -> bool:
    """Whether a create (with a connector) that got this answer may have left a reservation behind.

    Cinder reserves the volume, then asks the backend to initialise the connection. Every failure of
    that second step comes back as a 500 (``Unable to create attachment for volume (…)``), except an
    ``InvalidVolume`` from the backend, which comes back as a 400 ``Invalid volume: …``. Everything else
    is refused before the reserve: the request schema (400), the policy (403), a missing volume (404),
    the microversion (404/406), a volume in an error state and the reserve itself (400 ``status must be
    … to reserve``). A 401 means Cinder did nothing. A gateway's 502/503/504 is not an answer from
    Cinder at all: the create may still be running, which is a different case.
    """
    if not isinstance(err, APIError):
        return False
    if err.status == 500:
        return True
    return (
        err.status == 400
        and err.message.startswith("Invalid volume:")
        and err.volume_status is None
        and not _ERROR_STATE.search(err.message)
    )


def gateway_answer(err: AttachError) -> bool:
    """A 502/503/504 without a Cinder fault body: a gateway gave up, and Cinder may still be at work."""
    return isinstance(err, APIError) and err.status in (502, 503, 504) and err.fault is None


def _hint(status: int, message: str, microversion: str | None) -> tuple[str | None, str | None]:
    if status == 406 and (found := _VERSION_RANGE.search(message)):
        low, high = found.groups()
        hint = f"The cloud supports block-storage microversions {low} to {high}; this needs {microversion or 'more'}."
        if version_tuple(high) < (3, 27):
            hint += " This cloud has no attachments API (it needs 3.27)."
        return hint, high
    if status == 404 and message == "The resource could not be found." and microversion:
        return f"The endpoint has no attachments API at {microversion}; is it a block-storage v3 endpoint?", None
    if status == 400 and (conflict := _STATUS_CONFLICT.search(message)):
        return _reserve_refused("in-use" in conflict.group(1), conflict.group(2)), None
    if status == 500 and (missing := _NO_INITIATOR.search(message)):
        return f"The backend needs the connector key '{missing.group(1)}'.", None
    return _STATUS_HINTS.get(status), None


def _reserve_refused(multiattach: bool, current: str | None) -> str:
    """Why Cinder would not reserve the volume, from its status then (Cinder names it in the 400)."""
    from .waiting import TRANSIENT

    if current in TRANSIENT:
        return f"The volume is {current}, which ends by itself; retry once it is available (wait=SECONDS waits)."
    if current is not None and current.startswith("error"):
        return f"The volume is {current}: Cinder attaches no volume in an error state (an admin may reset it)."
    if multiattach and current in (None, "reserved", "attaching"):  # only a pending attachment blocks it
        return (
            f"Another attachment of this volume is still {current or 'reserved or attaching'} (perhaps left by a "
            "create whose connect failed); Cinder takes a new one only after that one is completed or deleted."
        )
    multi = 'To attach it to more than one instance it must be a multiattach volume (multiattach="<is> True").'
    if current == "in-use":
        return f"The volume is in-use: already attached to an instance. {multi}"
    if current in (None, "reserved", "attaching"):
        return (
            f"The volume is {current or 'busy'}: already reserved or attached, by another instance or by a "
            f"reservation that a create whose connect failed left behind. {multi}"
        )
    allowed = "available or in-use" if multiattach else "available"
    return f"The volume is {current}; Cinder reserves a volume only while it is {allowed}."


_STATUS_HINTS = {
    403: "The cloud's policy does not allow this for your user or project.",
    413: "The request was too large or over a rate limit or quota; wait and retry, or ask the operator.",
}


def redirected(status: int, location: str | None) -> TransportError:
    """A 3xx: never followed, since the request carries the token and the answer is not Cinder's."""
    where = f", a redirect to {redact_url(location)}" if location else ", a redirect"
    return TransportError(
        f"Cinder answered HTTP {status}{where}, which is not followed (the token would go with it).",
        hint="Check the endpoint (https:// rather than http://? a path that moved?).",
    )


def maybe_created(what: str) -> TransportError:
    """A create whose fate is unknown: it was sent, and no usable answer came back. Never re-sent."""
    err = TransportError(f"{what}; the attachment may have been created.")
    err.may_have_created = True
    return err


def _via(endpoint: str, proxy: str | None) -> str:
    return f"{endpoint} through the proxy {redact_url(proxy)}" if proxy else endpoint


def connect_failure(exc: httpx.TransportError, endpoint: str, proxy: str | None = None) -> TransportError:
    """A request that never left: refused, unresolvable, TLS, or another connect failure."""
    import httpx

    cause: BaseException | None = exc
    while cause is not None and not isinstance(cause, OSError):
        cause = cause.__cause__ or cause.__context__
    text = str(exc).lower()
    if (isinstance(cause, OSError) and cause.errno == errno.ECONNREFUSED) or "refused" in text:
        hint = "Is the proxy up? NO_PROXY lists hosts to reach directly." if proxy else None
        return TransportError(
            f"cannot connect to {_via(endpoint, proxy)}: connection refused.",
            hint=hint or "Is Cinder up, and is the endpoint right?",
        )
    if isinstance(cause, socket.gaierror) or any(
        s in text for s in ("name or service not known", "nodename nor servname", "getaddrinfo", "name resolution")
    ):
        host = httpx.URL(proxy or endpoint).host
        return TransportError(f"cannot resolve the host name {host!r}.", hint="Check the endpoint or auth_url.")
    if "certificate" in text or "ssl" in text:
        return TransportError(
            f"TLS verification failed for {_via(endpoint, proxy)}: {exc}.", hint=TLS_HINT, reason="tls_untrusted"
        )
    return TransportError(f"cannot connect to {_via(endpoint, proxy)}: {exc}.")


def transport_error(exc: Exception, endpoint: str, *, creates: bool, proxy: str | None = None) -> AttachError:
    """Map an httpx failure. A request that may have reached Cinder is reported, never re-sent."""
    import httpx

    where = _via(endpoint, proxy)
    if isinstance(exc, httpx.ConnectTimeout):
        return TransportError(
            f"timed out connecting to {where}.",
            hint="Is the endpoint reachable? Raise the timeout if it is slow.",
            reason="connect_timeout",
        )
    if isinstance(exc, httpx.ConnectError):
        return connect_failure(exc, endpoint, proxy)
    if isinstance(exc, httpx.ProxyError):  # the proxy refused the tunnel: nothing reached Cinder
        return TransportError(f"the proxy {redact_url(proxy or '')} refused to connect to {endpoint}: {exc}.")
    if isinstance(exc, httpx.ReadTimeout | httpx.WriteTimeout):
        what = f"no answer from {where} in time ({type(exc).__name__})"
    elif isinstance(exc, httpx.RemoteProtocolError | httpx.ReadError | httpx.WriteError):
        what = f"the connection to {where} broke before an answer came ({exc or type(exc).__name__})"
    else:
        return TransportError(f"HTTP failure talking to {where}: {exc}.")
    return maybe_created(what) if creates else TransportError(what + ".")
