"""The httpx client under the generated API: size limits, connect retries, --debug and --dry-run.

The generated package builds every request; this module only decides how it travels. Connection
failures are retried (the request never left), nothing that was sent is ever re-sent, answers are
capped in size, and the token never reaches a log or the terminal.
"""

from __future__ import annotations

import json
import logging
import ssl
from collections.abc import Callable, Iterator
from typing import Any, TextIO

import httpx

from ._version import USER_AGENT
from .errors import ConfigError, ResponseTooLarge
from .login import Login
from .redaction import SECRET_HEADERS, redact, redact_url
from .tls import ssl_context

logger = logging.getLogger(__name__)
# A real attachment answer is a few KiB, and a list of a thousand attachments about 1 MiB.
MAX_RESPONSE_BYTES = 16 * 1024 * 1024
CONNECT_RETRIES = 2
DEFAULT_TIMEOUT = 60.0


class DryRun(Exception):
    """Raised by the dry-run transport once it has shown the request."""


class Recorder:
    """Counts requests and keeps the last answer, so an unparseable one can still be reported by status."""

    def __init__(self) -> None:
        self.last: httpx.Response | None = None
        self.sent = 0

    def on_request(self, request: httpx.Request) -> None:
        self.sent += 1

    def on_response(self, response: httpx.Response) -> None:
        self.last = response


def _message_text(first_line: str, headers: httpx.Headers, content: bytes) -> str:
    """One HTTP message as --dry-run and --debug show it: secret headers and secret-looking body keys masked."""
    lines = [first_line]
    lines += (f"{key}: {'***' if key.lower() in SECRET_HEADERS else value}" for key, value in headers.items())
    body = _body_text(content)
    if body:
        lines += ["", body]
    return "\n".join(lines) + "\n"


def _body_text(content: bytes) -> str:
    if not content:
        return ""
    try:
        return json.dumps(redact(json.loads(content)), indent=2, ensure_ascii=False)
    except (ValueError, RecursionError):
        return content.decode("utf-8", "replace")[:2000]


def describe_request(request: httpx.Request) -> str:
    """A request as --dry-run and --debug show it: method, URL, headers (secrets masked), body."""
    return _message_text(f"{request.method} {request.url}", request.headers, request.content)


class _LimitedStream(httpx.SyncByteStream):
    def __init__(self, inner: httpx.SyncByteStream, limit: int) -> None:
        self._inner = inner
        self._limit = limit

    def __iter__(self) -> Iterator[bytes]:
        seen = 0
        for chunk in self._inner:
            seen += len(chunk)
            if seen > self._limit:
                raise ResponseTooLarge(
                    f"the answer was larger than {self._limit // (1024 * 1024)} MiB and was cut off; "
                    "no real Cinder answer is that large (a proxy or a wrong endpoint?)."
                )
            yield chunk

    def close(self) -> None:
        self._inner.close()


class LimitedTransport(httpx.BaseTransport):
    """Caps the size of every answer, so a hostile or broken server cannot fill memory."""

    def __init__(self, inner: httpx.BaseTransport, limit: int = MAX_RESPONSE_BYTES) -> None:
        self._inner = inner
        self._limit = limit

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self._inner.handle_request(request)
        length = response.headers.get("content-length", "")
        if length.isdigit() and int(length) > self._limit:
            response.close()
            raise ResponseTooLarge(
                f"the answer announced {int(length)} bytes, more than the {self._limit} allowed; not read."
            )
        assert isinstance(response.stream, httpx.SyncByteStream)
        response.stream = _LimitedStream(response.stream, self._limit)
        return response

    def close(self) -> None:
        self._inner.close()


class DryRunTransport(httpx.BaseTransport):
    """Shows the request the generated code built, and sends nothing."""

    def __init__(self, stream: TextIO | None) -> None:
        self._stream = stream

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        text = describe_request(request)
        if self._stream is None:  # a library caller's dry run: the request goes to the log
            logger.info("dry run: %s", text.rstrip("\n"))
        else:
            self._stream.write(text)
        raise DryRun()


def base_transport(verify: ssl.SSLContext | bool, proxy: str | None = None) -> httpx.BaseTransport:
    """The network transport; connect failures are retried because the request never left.

    ``proxy`` is the one :func:`cinder_attach.proxy.proxy_for` chose (an https proxy is verified with
    the same trust as Cinder)."""
    if proxy is None:
        return httpx.HTTPTransport(verify=verify, retries=CONNECT_RETRIES)
    context = verify if isinstance(verify, ssl.SSLContext) and proxy.startswith("https://") else None
    try:
        return httpx.HTTPTransport(
            verify=verify, retries=CONNECT_RETRIES, proxy=httpx.Proxy(proxy, ssl_context=context)
        )
    except (ImportError, ValueError) as exc:  # socks5 without socksio, an unknown scheme, a bad URL
        # A SOCKS proxy is not supported; httpx's own advice (to pip install its socks extra) would not apply.
        why = "SOCKS proxies are not supported" if proxy.lower().startswith("socks") else str(exc).rstrip(".")
        raise ConfigError(
            f"cannot use the proxy {redact_url(proxy)}: {why}.",
            hint="Use an http:// or https:// proxy, or list the host in NO_PROXY to reach it directly.",
        ) from None


def _trace(text: str) -> None:
    """An HTTP message for --debug: a debug record the CLI writes as it is (``trace``), not as a ``debug:`` line."""
    logger.debug("%s", text, extra={"trace": True})


def _debug_hooks() -> tuple[Callable[[httpx.Request], None], Callable[[httpx.Response], None]]:
    def on_request(request: httpx.Request) -> None:
        _trace("DEBUG request:\n" + describe_request(request))

    def on_response(response: httpx.Response) -> None:
        response.read()
        first = f"DEBUG response: HTTP {response.status_code} {response.reason_phrase}"
        _trace(_message_text(first, response.headers, response.content))

    return on_request, on_response


def build_httpx_client(
    login: Login,
    *,
    timeout: float | None,
    recorder: Recorder,
    debug: bool = False,
    dry_run: bool = False,
    show: TextIO | None = None,
    proxy: str | None = None,
) -> httpx.Client:
    """The httpx client the generated functions use (given to them with ``set_httpx_client``).

    ``trust_env`` stays off: the environment's proxy comes in as ``proxy``, chosen as requests
    chooses Keystone's, and nothing else from it (``.netrc`` credentials, say) reaches Cinder. A dry run
    writes the request it would send to ``show`` (the CLI's stdout), else logs it."""
    headers = {"User-Agent": USER_AGENT, "Accept": "application/json"}
    if login.token:
        headers["X-Auth-Token"] = login.token
    if dry_run:
        transport: httpx.BaseTransport = DryRunTransport(show)
    else:
        verify = ssl_context(login, login.endpoint)
        transport = LimitedTransport(base_transport(verify, proxy))
    seconds = timeout or login.timeout or DEFAULT_TIMEOUT
    hooks: dict[str, list[Callable[..., Any]]] = {"request": [recorder.on_request], "response": [recorder.on_response]}
    if debug:
        on_request, on_response = _debug_hooks()
        hooks["request"].append(on_request)
        hooks["response"].append(on_response)
    return httpx.Client(
        base_url=login.endpoint,
        headers=headers,
        timeout=httpx.Timeout(seconds, connect=min(seconds, 15.0)),
        transport=transport,
        event_hooks=hooks,
        follow_redirects=False,
        trust_env=False,
    )
