"""Transport failures: each is one `Error:` line with the documented exit code, and a create that may have
reached Cinder is never sent twice (MockTransport raising, then real sockets on 127.0.0.1: refused, DNS,
timeouts, a server that hangs up)."""

from __future__ import annotations

import errno
import json
import socket
import time
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from fault_cases import CHECK, CREATE, MAYBE, NO_ATTACHMENTS, list_or, methods
from helpers import ATT, ENDPOINT, TOKEN, VOL, FakeCinder, Result, assert_one_line_error, attachment, invoke
from local_server import Answer, Counter, LocalServer, closed_port

from cinder_attach import transport

# --- transport failures (MockTransport raising) --------------------------------------------------


def req() -> httpx.Request:
    return httpx.Request("POST", ENDPOINT + "/attachments")


TRANSPORT_ROWS: list[tuple[str, Exception, str, bool]] = [
    ("refused", httpx.ConnectError("[Errno 111] Connection refused"), "connection refused", False),
    ("connect-timeout", httpx.ConnectTimeout("timed out"), "timed out connecting to", False),
    ("read-timeout", httpx.ReadTimeout("timed out"), "no answer from", True),
    ("write-timeout", httpx.WriteTimeout("timed out"), "no answer from", True),
    ("disconnect", httpx.RemoteProtocolError("Server disconnected without sending a response."), "broke", True),
    ("read-error", httpx.ReadError("[Errno 104] Connection reset by peer"), "broke", True),
    ("dns", httpx.ConnectError("[Errno -2] Name or service not known"), "cannot resolve the host name", False),
    (
        "tls",
        httpx.ConnectError("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed"),
        "TLS verification",
        False,
    ),
    ("other", httpx.ConnectError("something odd"), "cannot connect to", False),
    ("protocol", httpx.LocalProtocolError("bad header"), "HTTP failure talking to", False),
]


@pytest.mark.parametrize(
    ("exc", "needle", "maybe"), [r[1:] for r in TRANSPORT_ROWS], ids=[r[0] for r in TRANSPORT_ROWS]
)
def test_transport_failures_on_create(
    cli: Callable[..., Result], cinder: FakeCinder, exc: Exception, needle: str, maybe: bool
) -> None:
    cinder.responses.append(exc)
    cinder.reply(200, NO_ATTACHMENTS)
    r = cli(*CREATE)
    line = assert_one_line_error(r, 1)
    assert needle in line, line
    assert methods(r.requests) == ["POST"] + ["GET"] * maybe, "a create is never sent twice"
    assert (MAYBE in line and CHECK in line) == maybe, line


def test_read_timeout_on_show_is_plain(cli: Callable[..., Result], cinder: FakeCinder) -> None:
    cinder.responses.append(httpx.ReadTimeout("timed out"))
    r = cli("show", ATT)
    line = assert_one_line_error(r, 1)
    assert "no answer from" in line and "created" not in line


# --- real sockets: refused, DNS, timeouts --------------------------------------------------------


@pytest.fixture
def connects(monkeypatch: pytest.MonkeyPatch) -> Counter:
    """Counts TCP connection attempts (httpcore's sync backend calls socket.create_connection)."""
    counter = Counter()
    monkeypatch.setattr(socket, "create_connection", counter.wrap(socket.create_connection))
    return counter


def test_connection_refused_is_retried_then_reported(capsys: pytest.CaptureFixture[str], connects: Counter) -> None:
    port = closed_port()
    started = time.monotonic()
    r = invoke(capsys, *CREATE, "--os-token", TOKEN, "--os-endpoint", f"http://127.0.0.1:{port}/v3/p")
    line = assert_one_line_error(r, 1)
    assert line.startswith(f"Error: cannot connect to http://127.0.0.1:{port}/v3/p: connection refused.")
    assert MAYBE not in line, "a refused connection sent nothing"
    assert connects.calls == 1 + transport.CONNECT_RETRIES
    assert time.monotonic() - started < 10


@pytest.fixture
def no_dns(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Make every *.invalid name fail to resolve without asking a real resolver."""
    asked: list[str] = []
    real = socket.getaddrinfo

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(host, str) and host.endswith(".invalid"):
            asked.append(host)
            code = socket.EAI_AGAIN if host.startswith("flaky") else socket.EAI_NONAME
            raise socket.gaierror(
                code,
                "Temporary failure in name resolution" if host.startswith("flaky") else "Name or service not known",
            )
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return asked


@pytest.mark.parametrize("host", ["cinder.invalid", "flaky.cinder.invalid"])
def test_unknown_host(capsys: pytest.CaptureFixture[str], no_dns: list[str], connects: Counter, host: str) -> None:
    r = invoke(capsys, *CREATE, "--os-token", TOKEN, "--os-endpoint", f"http://{host}:8776/v3/p")
    line = assert_one_line_error(r, 1)
    assert line.startswith(f"Error: cannot resolve the host name '{host}'.")
    assert connects.calls == 1 + transport.CONNECT_RETRIES
    assert no_dns == [host] * connects.calls


def test_read_timeout_on_create_is_sent_once(capsys: pytest.CaptureFixture[str]) -> None:
    with LocalServer(list_or(Answer(hang=True))) as server:
        started = time.monotonic()
        r = invoke(capsys, *CREATE, "--timeout", "0.5", "--os-token", TOKEN, "--os-endpoint", server.endpoint())
        elapsed = time.monotonic() - started
    line = assert_one_line_error(r, 1)
    assert "no answer from" in line and "ReadTimeout" in line
    assert MAYBE in line and "pending attachments found right after: none yet." in line
    assert f"Check with: {CHECK}" in line
    assert [seen.method for seen in server.seen] == ["POST", "GET"], "the create was sent exactly once"
    assert elapsed < 10


@pytest.mark.parametrize(
    "answer",
    [Answer(drop=True), Answer(200, b'{"attachment": {"id"', {"Content-Length": "500"}, close=True)],
    ids=["no-answer", "cut-body"],
)
def test_server_hanging_up_on_create(capsys: pytest.CaptureFixture[str], answer: Answer) -> None:
    with LocalServer(list_or(answer)) as server:
        started = time.monotonic()
        r = invoke(capsys, *CREATE, "--timeout", "20", "--os-token", TOKEN, "--os-endpoint", server.endpoint())
        elapsed = time.monotonic() - started
    line = assert_one_line_error(r, 1)
    assert "broke before an answer came" in line
    assert MAYBE in line and CHECK in line
    assert [seen.method for seen in server.seen] == ["POST", "GET"], "never sent again"
    assert elapsed < 5, "a hang-up is noticed at once, not at the timeout"


def test_success_against_a_real_server(capsys: pytest.CaptureFixture[str]) -> None:
    # The control for the network rows: the same path works when the server answers.
    with LocalServer(lambda seen: Answer.json(200, {"attachment": attachment()})) as server:
        r = invoke(capsys, *CREATE, "-f", "json", "--os-token", TOKEN, "--os-endpoint", server.endpoint())
    assert r.code == 0, r.err
    assert json.loads(r.out)["id"] == ATT
    assert server.seen[0].json() == {"attachment": {"volume_uuid": VOL}}


def test_errno_refused_detected_from_the_cause(cli: Callable[..., Result], cinder: FakeCinder) -> None:
    inner = ConnectionRefusedError(errno.ECONNREFUSED, "nope")
    exc = httpx.ConnectError("connect failed")
    exc.__cause__ = inner
    cinder.responses.append(exc)
    r = cli("show", ATT)
    assert "connection refused" in assert_one_line_error(r, 1)
