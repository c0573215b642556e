"""The fault matrix: every failure is one `Error:` line, the documented exit code, no traceback, and a known
number of requests (a create that may have reached Cinder is never sent twice).

Mock rows use the conftest MockTransport; network rows (refused, DNS, read timeout, TLS) use real sockets
on 127.0.0.1 and run ``main()`` in-process with --os-token/--os-endpoint.
"""

from __future__ import annotations

import errno
import json
import socket
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
import trustme
from helpers import ATT, ENDPOINT, TOKEN, VOL, FakeCinder, Result, attachment
from local_server import Answer, Counter, LocalServer, Seen, assert_one_line_error, chunks, closed_port, run_main

from cinder_attach import cloud, token_cache, transport
from cinder_attach.login import Login

CREATE = ("create354", "--volume-uuid", VOL)
CHECK = f"attach list --volume-id {VOL} --long"
MAYBE = "the attachment may have been created"
# The answer to the one GET that looks for what a create that may have reached Cinder left.
NO_ATTACHMENTS = {"attachments": []}


def methods(requests: list[httpx.Request]) -> list[str]:
    return [q.method for q in requests]


def list_or(answer: Answer) -> Callable[[Seen], Answer]:
    """A real server's responder: ``answer`` for the create, an empty list for the check that follows it."""
    return lambda seen: Answer.json(200, NO_ATTACHMENTS) if seen.method == "GET" else answer


def fault(name: str, status: int, message: str) -> dict[str, Any]:
    return {name: {"code": status, "message": message}}


# --- HTTP answers (MockTransport) ----------------------------------------------------------------

STATUS_ROWS: list[tuple[str, int, Any, str]] = [
    (
        "500-html",
        500,
        b"<html><head><title>500 Internal Server Error</title></head>"
        b"<body><h1>Internal Server Error</h1></body></html>",
        "Cinder answered HTTP 500 with no error details: 500 Internal Server Error Internal Server Error",
    ),
    (
        "500-fault",
        500,
        fault(
            "computeFault", 500, "The server has either erred or is incapable of performing the requested operation."
        ),
        "The server has either erred",
    ),
    (
        "500-no-initiator",
        500,
        fault(
            "computeFault",
            500,
            "Unable to create attachment for volume (Invalid input received: Connector doesn't have required "
            "information: initiator).",
        ),
        "--connector initiator=",
    ),
    ("502-proxy", 502, b"<html><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>", "a proxy or load balancer"),
    ("503-proxy", 503, b"Service Unavailable: back-end server is at capacity", "at capacity (HTTP 503"),
    ("504-empty", 504, b"", "a proxy or load balancer in front of Cinder answered HTTP 504"),
    ("403", 403, fault("forbidden", 403, "Policy doesn't allow volume:attachment_create."), "policy does not allow"),
    ("404-volume", 404, fault("itemNotFound", 404, f"Volume {VOL} could not be found."), "could not be found"),
    (
        "404-microversion",
        404,
        fault("itemNotFound", 404, "The resource could not be found."),
        "no attachments API at 3.54",
    ),
    (
        "406",
        406,
        fault("computeFault", 406, "Version 3.54 is not supported by the API. Minimum is 3.0 and maximum is 3.50."),
        "Use `attach create327`",
    ),
    (
        "400-conflict",
        400,
        fault(
            "badRequest",
            400,
            f"Invalid volume: Volume {VOL} status must be available or downloading to reserve, but the current "
            "status is in-use.",
        ),
        "multiattach",
    ),
    ("409", 409, fault("conflictingRequest", 409, "Conflict."), "Conflict. (HTTP 409 conflictingRequest"),
    ("413", 413, fault("overLimit", 413, "Request Entity Too Large"), "over a rate limit or quota"),
    ("418-unknown", 418, b"I'm a teapot", "Cinder answered HTTP 418 with no error details: I'm a teapot"),
]


@pytest.mark.parametrize(("status", "body", "needle"), [r[1:] for r in STATUS_ROWS], ids=[r[0] for r in STATUS_ROWS])
def test_error_statuses(cli: Callable[..., Result], cinder: FakeCinder, status: int, body: Any, needle: str) -> None:
    cinder.reply(status, body).reply(200, NO_ATTACHMENTS)
    r = cli(*CREATE)
    line = assert_one_line_error(r, 1)
    assert needle in line, line
    # A gateway's answer without Cinder's fault body leaves the create's fate open: one GET looks.
    gateway = status in (502, 503, 504)
    assert methods(r.requests) == ["POST"] + ["GET"] * gateway
    assert (MAYBE in line and CHECK in line) == gateway, line
    assert r.out == ""
    if isinstance(body, dict):
        assert "req-1234" in line, "the request id helps the operator"


def test_401_on_a_direct_token_is_not_retried(cli: Callable[..., Result], cinder: FakeCinder) -> None:
    cinder.reply(
        401,
        {
            "error": {
                "code": 401,
                "title": "Unauthorized",
                "message": "The request you have made requires authentication.",
            }
        },
    )
    r = cli(*CREATE)
    line = assert_one_line_error(r, 1)
    assert "Cinder refused the token: The request you have made requires authentication." in line
    assert len(r.requests) == 1


BAD_200: list[tuple[str, bytes]] = [
    ("html", b"<html>hello</html>"),
    ("truncated", json.dumps({"attachment": attachment()}).encode()[:50]),
    ("empty", b""),
    ("wrong-shape", b'{"attachments": []}'),
    ("not-object", b'{"attachment": "reserved"}'),
    ("missing-field", json.dumps({"attachment": {"id": ATT}}).encode()),
    ("list", b"[]"),
    ("deep", b"[" * 100_000),
]


@pytest.mark.parametrize("body", [b for _, b in BAD_200], ids=[n for n, _ in BAD_200])
def test_unreadable_200_on_create(cli: Callable[..., Result], cinder: FakeCinder, body: bytes) -> None:
    cinder.reply(200, body).reply(200, NO_ATTACHMENTS)
    r = cli(*CREATE)
    line = assert_one_line_error(r, 1)
    assert "Cinder answered HTTP 200 but the body is not a valid attachment answer" in line
    assert MAYBE in line and CHECK in line
    assert methods(r.requests) == ["POST", "GET"], "sent once, then one look for what it made"


def test_unreadable_200_on_show_does_not_talk_about_creating(cli: Callable[..., Result], cinder: FakeCinder) -> None:
    cinder.reply(200, b"<html>")
    r = cli("show", ATT)
    line = assert_one_line_error(r, 1)
    assert "not a valid attachment answer" in line and "created" not in line


def test_unexpected_exception_is_one_line(cli: Callable[..., Result], cinder: FakeCinder) -> None:
    cinder.responses.append(RuntimeError("kaboom"))
    r = cli(*CREATE)
    line = assert_one_line_error(r, 1)
    assert "kaboom" in line


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


# --- answers larger than any real one -------------------------------------------------------------


def test_streamed_huge_body_is_cut_off(cli: Callable[..., Result], cinder: FakeCinder) -> None:
    pulled = Counter()

    def huge(request: httpx.Request) -> httpx.Response:
        def body() -> Any:
            for chunk in chunks(transport.MAX_RESPONSE_BYTES * 4):
                pulled.calls += 1
                yield chunk

        return httpx.Response(200, content=body(), headers={"content-type": "application/json"})

    cinder.responses.append(huge)
    cinder.reply(200, NO_ATTACHMENTS)
    r = cli(*CREATE)
    line = assert_one_line_error(r, 1)
    assert "larger than 16 MiB and was cut off" in line
    assert "may have been created" in line and CHECK in line
    assert methods(r.requests) == ["POST", "GET"]
    assert pulled.calls <= transport.MAX_RESPONSE_BYTES // (1024 * 1024) + 1, "stops reading at the cap"


def test_huge_content_length_is_not_read(cli: Callable[..., Result], cinder: FakeCinder) -> None:
    cinder.reply(200, b"{}", headers={"content-length": str(10**12)}).reply(200, NO_ATTACHMENTS)
    r = cli(*CREATE)
    line = assert_one_line_error(r, 1)
    assert "announced 1000000000000 bytes" in line
    assert methods(r.requests) == ["POST", "GET"]


def test_huge_error_body_is_cut_off(cli: Callable[..., Result], cinder: FakeCinder) -> None:
    cinder.responses.append(lambda request: httpx.Response(500, content=chunks(transport.MAX_RESPONSE_BYTES + 1)))
    r = cli("show", ATT)
    assert "cut off" in assert_one_line_error(r, 1)


def test_huge_content_length_from_a_real_server(capsys: pytest.CaptureFixture[str]) -> None:
    with LocalServer(list_or(Answer(200, b"{}", {"Content-Length": str(10**12)}))) as server:
        r = run_main(capsys, *CREATE, "--os-token", TOKEN, "--os-endpoint", server.endpoint())
    assert "announced" in assert_one_line_error(r, 1)
    assert [seen.method for seen in server.seen] == ["POST", "GET"]


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
    r = run_main(capsys, *CREATE, "--os-token", TOKEN, "--os-endpoint", f"http://127.0.0.1:{port}/v3/p")
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
    r = run_main(capsys, *CREATE, "--os-token", TOKEN, "--os-endpoint", f"http://{host}:8776/v3/p")
    line = assert_one_line_error(r, 1)
    assert line.startswith(f"Error: cannot resolve the host name '{host}'.")
    assert connects.calls == 1 + transport.CONNECT_RETRIES
    assert no_dns == [host] * connects.calls


def test_read_timeout_on_create_is_sent_once(capsys: pytest.CaptureFixture[str]) -> None:
    with LocalServer(list_or(Answer(hang=True))) as server:
        started = time.monotonic()
        r = run_main(capsys, *CREATE, "--timeout", "0.5", "--os-token", TOKEN, "--os-endpoint", server.endpoint())
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
        r = run_main(capsys, *CREATE, "--timeout", "20", "--os-token", TOKEN, "--os-endpoint", server.endpoint())
        elapsed = time.monotonic() - started
    line = assert_one_line_error(r, 1)
    assert "broke before an answer came" in line
    assert MAYBE in line and CHECK in line
    assert [seen.method for seen in server.seen] == ["POST", "GET"], "never sent again"
    assert elapsed < 5, "a hang-up is noticed at once, not at the timeout"


def test_success_against_a_real_server(capsys: pytest.CaptureFixture[str]) -> None:
    # The control for the network rows: the same path works when the server answers.
    with LocalServer(lambda seen: Answer.json(200, {"attachment": attachment()})) as server:
        r = run_main(capsys, *CREATE, "-f", "json", "--os-token", TOKEN, "--os-endpoint", server.endpoint())
    assert r.code == 0, r.err
    assert json.loads(r.out)["id"] == ATT
    assert server.seen[0].json() == {"attachment": {"volume_uuid": VOL}}


# --- 401 on a cached token: one re-authentication -------------------------------------------------


class FakeKeystone:
    """Stands in for cloud.authenticate: hands out fresh sessions and counts the calls."""

    def __init__(self, endpoint: str = ENDPOINT) -> None:
        self.calls = 0
        self.endpoint = endpoint

    def __call__(self, args: Any, environ: Any = None) -> Login:
        self.calls += 1
        return Login(
            endpoint=self.endpoint, token=f"fresh-token-{self.calls}", expires_at=time.time() + 3600, project_id="p"
        )


@pytest.fixture
def keystone(monkeypatch: pytest.MonkeyPatch) -> FakeKeystone:
    fake = FakeKeystone()
    monkeypatch.setattr(cloud, "authenticate", fake)
    return fake


def cache_key(name: str = "c1") -> str:
    import os

    return token_cache.derive_key(name, {}, os.environ)


def populate(token: str = "stale-cached-token") -> None:
    token_cache.store(cache_key(), Login(ENDPOINT, token, time.time() + 3600, "p"))


UNAUTHORIZED = {
    "error": {"code": 401, "title": "Unauthorized", "message": "The request you have made requires authentication."}
}


def test_401_on_cached_token_reauthenticates_once(
    cli: Callable[..., Result], cinder: FakeCinder, keystone: FakeKeystone
) -> None:
    populate()
    cinder.reply(401, UNAUTHORIZED).reply()
    r = cli(*CREATE, "--os-cloud", "c1", "-f", "value", "-c", "id", direct=False)
    assert r.code == 0, r.err
    assert r.out == ATT + "\n"
    assert keystone.calls == 1
    assert [q.headers["x-auth-token"] for q in r.requests] == ["stale-cached-token", "fresh-token-1"]
    assert [q.method for q in r.requests] == ["POST", "POST"]
    assert r.requests[0].content == r.requests[1].content
    cached = token_cache.load(cache_key())
    assert cached is not None and cached.token == "fresh-token-1"


def test_second_401_is_a_clear_auth_error(
    cli: Callable[..., Result], cinder: FakeCinder, keystone: FakeKeystone
) -> None:
    populate()
    cinder.reply(401, UNAUTHORIZED).reply(401, UNAUTHORIZED)
    r = cli(*CREATE, "--os-cloud", "c1", direct=False)
    line = assert_one_line_error(r, 1)
    assert "Cinder refused the token" in line and "even after authenticating again" in line
    assert keystone.calls == 1
    assert len(r.requests) == 2


def test_401_on_a_fresh_token_is_not_retried(
    cli: Callable[..., Result], cinder: FakeCinder, keystone: FakeKeystone
) -> None:
    cinder.reply(401, UNAUTHORIZED)
    r = cli(*CREATE, "--os-cloud", "c1", direct=False)
    line = assert_one_line_error(r, 1)
    assert "Cinder refused the token" in line and "again" not in line
    assert keystone.calls == 1
    assert len(r.requests) == 1


def test_cache_hit_needs_no_keystone(cli: Callable[..., Result], cinder: FakeCinder, keystone: FakeKeystone) -> None:
    populate("good-cached-token")
    cinder.reply()
    r = cli(*CREATE, "--os-cloud", "c1", direct=False)
    assert r.code == 0, r.err
    assert keystone.calls == 0
    assert r.requests[0].headers["x-auth-token"] == "good-cached-token"


def test_403_on_cached_token_is_not_retried(
    cli: Callable[..., Result], cinder: FakeCinder, keystone: FakeKeystone
) -> None:
    populate()
    cinder.reply(403, fault("forbidden", 403, "nope"))
    r = cli(*CREATE, "--os-cloud", "c1", direct=False)
    assert_one_line_error(r, 1)
    assert keystone.calls == 0 and len(r.requests) == 1


# --- TLS against a real local HTTPS server --------------------------------------------------------


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def https(ca: trustme.CA) -> Any:
    import ssl

    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ca.issue_cert("127.0.0.1", "localhost").configure_cert(context)
    with LocalServer(lambda seen: Answer.json(200, {"attachment": attachment()}), tls=context) as server:
        yield server


@pytest.fixture
def ca_file(ca: trustme.CA, tmp_path: Path) -> str:
    path = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return str(path)


def test_tls_untrusted_certificate(capsys: pytest.CaptureFixture[str], https: LocalServer) -> None:
    r = run_main(capsys, *CREATE, "--os-token", TOKEN, "--os-endpoint", https.endpoint())
    line = assert_one_line_error(r, 1)
    assert line.startswith(f"Error: TLS verification failed for {https.endpoint()}")
    assert "--os-cacert" in line and "--insecure" in line
    assert https.seen == [], "nothing was sent over an unverified connection"


def test_tls_with_cacert(capsys: pytest.CaptureFixture[str], https: LocalServer, ca_file: str) -> None:
    r = run_main(
        capsys, *CREATE, "-f", "json", "--os-cacert", ca_file, "--os-token", TOKEN, "--os-endpoint", https.endpoint()
    )
    assert r.code == 0, r.err
    assert json.loads(r.out)["id"] == ATT
    assert r.err == ""
    assert len(https.seen) == 1 and https.seen[0].headers["x-auth-token"] == TOKEN


def test_tls_with_the_wrong_ca(capsys: pytest.CaptureFixture[str], https: LocalServer, tmp_path: Path) -> None:
    other = tmp_path / "other.pem"
    trustme.CA().cert_pem.write_to_path(str(other))
    r = run_main(capsys, *CREATE, "--os-cacert", str(other), "--os-token", TOKEN, "--os-endpoint", https.endpoint())
    assert "TLS verification failed" in assert_one_line_error(r, 1)
    assert https.seen == []


def test_tls_insecure(capsys: pytest.CaptureFixture[str], https: LocalServer) -> None:
    r = run_main(
        capsys, *CREATE, "-f", "value", "-c", "id", "--insecure", "--os-token", TOKEN, "--os-endpoint", https.endpoint()
    )
    assert r.code == 0, r.err
    assert r.out == ATT + "\n"
    assert r.err.startswith("Warning: TLS certificate verification is off")
    assert r.err.count("\n") == 1
    assert len(https.seen) == 1


def test_tls_hostname_mismatch(capsys: pytest.CaptureFixture[str], ca: trustme.CA, ca_file: str) -> None:
    import ssl

    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ca.issue_cert("cinder.example.org").configure_cert(context)
    with LocalServer(lambda seen: Answer.json(200, {"attachment": attachment()}), tls=context) as server:
        r = run_main(capsys, *CREATE, "--os-cacert", ca_file, "--os-token", TOKEN, "--os-endpoint", server.endpoint())
    assert "TLS verification failed" in assert_one_line_error(r, 1)
    assert server.seen == []


@pytest.mark.parametrize("option", ["--os-cacert", "--os-cert"])
def test_unreadable_tls_files_are_a_config_error(
    capsys: pytest.CaptureFixture[str], https: LocalServer, option: str
) -> None:
    r = run_main(capsys, *CREATE, option, "/nonexistent/ca.pem", "--os-token", TOKEN, "--os-endpoint", https.endpoint())
    line = assert_one_line_error(r, 2)
    assert "cannot load the TLS files" in line and "/nonexistent/ca.pem" in line and "No such file" in line
    assert https.seen == []


def test_plain_http_to_a_tls_server(capsys: pytest.CaptureFixture[str], https: LocalServer) -> None:
    endpoint = https.endpoint().replace("https://", "http://")
    r = run_main(capsys, *CREATE, "--timeout", "5", "--os-token", TOKEN, "--os-endpoint", endpoint)
    assert_one_line_error(r, 1)


# --- usage errors: exit 2 and nothing sent --------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ("create354",),
        ("create354", "--volume-uuid", "nope"),
        ("create354", "--volume-uuid", VOL, "--mode", "null"),
        ("create354", "--volume-uuid", VOL, "--instance-uuid", ""),
        ("create354", "--volume-uuid", VOL, "--bogus"),
        ("create354", "--volume-uuid", VOL, "--timeout", "0"),
        ("create354", "--volume-uuid", VOL, "--timeout", "soon"),
        ("show", "not-a-uuid"),
        ("delete", ATT, "nope"),
        ("list", "--limit", "0"),
        ("list", "-f", "shell"),
        ("update", ATT),
        ("nosuchcommand",),
    ],
)
def test_usage_errors_send_nothing(cli: Callable[..., Result], argv: tuple[str, ...]) -> None:
    r = cli(*argv)
    assert_one_line_error(r, 2)
    assert r.requests == []


def test_bad_endpoint_scheme(cli: Callable[..., Result]) -> None:
    r = cli(*CREATE, "--os-token", TOKEN, "--os-endpoint", "cinder:8776", direct=False)
    assert "not an http(s) URL" in assert_one_line_error(r, 2)
    assert r.requests == []


def test_unknown_cloud_is_a_config_error(cli: Callable[..., Result]) -> None:
    r = cli(*CREATE, "--os-cloud", "nowhere", direct=False)
    line = assert_one_line_error(r, 2)
    assert "nowhere" in line
    assert r.requests == []


def test_debug_keeps_the_error_line_last_and_masks_the_token(cli: Callable[..., Result], cinder: FakeCinder) -> None:
    cinder.reply(500, b"oops")
    r = cli(*CREATE, "--debug")
    assert r.code == 1
    assert r.err.rstrip("\n").splitlines()[-1].startswith("Error: ")
    assert TOKEN not in r.err


def test_errno_refused_detected_from_the_cause(cli: Callable[..., Result], cinder: FakeCinder) -> None:
    inner = ConnectionRefusedError(errno.ECONNREFUSED, "nope")
    exc = httpx.ConnectError("connect failed")
    exc.__cause__ = inner
    cinder.responses.append(exc)
    r = cli("show", ATT)
    assert "connection refused" in assert_one_line_error(r, 1)
