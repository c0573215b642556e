"""The fault matrix: every failure is one `Error:` line, the documented exit code, no traceback, and a known
number of requests (a create that may have reached Cinder is never sent twice).

This file: HTTP answers (MockTransport), answers larger than any real one, redirects, usage errors and the hint
each command adds. Its neighbours in faults/: transport failures, TLS, a 401 on a cached token, and the error
types and fault-body mapping themselves (test_errors.py).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from fault_cases import CHECK, CREATE, MAYBE, NO_ATTACHMENTS, fault, list_or, methods
from helpers import (
    ATT,
    ENDPOINT,
    INST,
    TOKEN,
    VOL,
    FakeCinder,
    Result,
    assert_one_line_error,
    attachment,
    cinder_ok,
    invoke,
)
from local_server import Answer, Counter, LocalServer, Seen, chunks

from cinder_attach import transport

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
        r = invoke(capsys, *CREATE, "--os-token", TOKEN, "--os-endpoint", server.endpoint())
    assert "announced" in assert_one_line_error(r, 1)
    assert [seen.method for seen in server.seen] == ["POST", "GET"]


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


# --- the hint each command's faults get ------------------------------------------------------------


def test_missing_volume_is_one_line_exit_1(cli, cinder: FakeCinder) -> None:
    msg = f"Volume {VOL} could not be found."
    cinder.reply(404, {"itemNotFound": {"code": 404, "message": msg}}, headers={"x-openstack-request-id": "req-abc"})
    r = cli("create354", "--volume-uuid", VOL)
    assert r.code == 1
    assert r.err == f"Error: {msg} (HTTP 404 itemNotFound, request-id req-abc)\n"
    assert r.out == ""


def test_406_names_the_supported_range_and_create327(cli, cinder: FakeCinder) -> None:
    cinder.reply(
        406,
        {
            "computeFault": {
                "code": 406,
                "message": "Version 3.54 is not supported by the API. Minimum is 3.0 and maximum is 3.50.",
            }
        },
    )
    r = cli("create354", "--volume-uuid", VOL)
    assert r.code == 1
    assert "up to" not in r.err or "3.50" in r.err
    assert "3.0 to 3.50" in r.err and "this needs 3.54" in r.err and "create327" in r.err


def test_status_conflict_explains_multiattach(cli, cinder: FakeCinder) -> None:
    cinder.reply(
        400,
        {
            "badRequest": {
                "code": 400,
                "message": f"Invalid volume: Volume {VOL} status must be available or downloading to reserve, "
                "but the current status is in-use.",
            }
        },
    )
    r = cli("create354", "--volume-uuid", VOL, "--instance-uuid", INST)
    assert r.code == 1
    hint = r.err.split("(HTTP 400 badRequest, request-id req-1234) ")[1]
    assert hint.startswith("The volume is in-use: already attached to an instance.") and "multiattach" in hint
    assert "--wait" not in hint, "in-use does not end by itself"


def _refused(status: str, allowed: str = "available or downloading") -> dict[str, Any]:
    message = f"Invalid volume: Volume {VOL} status must be {allowed} to reserve, but the current status is {status}."
    return {"badRequest": {"code": 400, "message": message}}


@pytest.mark.parametrize("status", ["creating", "detaching", "extending", "backing-up", "retyping"])
def test_a_busy_volume_names_its_status_and_suggests_wait(cli, cinder: FakeCinder, status: str) -> None:
    cinder.reply(400, _refused(status))
    r = cli("create354", "--volume-uuid", VOL, "--instance-uuid", INST)
    line = assert_one_line_error(r, 1)
    hint = line.split("(HTTP 400 badRequest, request-id req-1234) ")[1]
    assert hint == f"The volume is {status}, which ends by itself: retry once it is available, or with --wait SECONDS."
    assert len(r.requests) == 1, "refused before the reserve: nothing to look for"


@pytest.mark.parametrize(
    ("status", "allowed", "words"),
    [
        ("reserved", "available or downloading", "The volume is reserved: already reserved or attached"),
        ("error", "available or downloading", "The volume is error: Cinder attaches no volume in an error state"),
        ("awaiting-transfer", "available or downloading", "The volume is awaiting-transfer; Cinder reserves a volume"),
        ("attaching", "available or in-use or downloading", "Another attachment of this volume is still attaching"),
    ],
)
def test_a_refused_reserve_names_the_status(cli, cinder: FakeCinder, status: str, allowed: str, words: str) -> None:
    cinder.reply(400, _refused(status, allowed)).reply(200, {"attachments": []})
    r = cli("create354", "--volume-uuid", VOL, "--instance-uuid", INST)
    line = assert_one_line_error(r, 1)
    assert words in line and "--wait" not in line, line


def test_the_python_api_names_no_flag_for_a_busy_volume(cinder: FakeCinder) -> None:
    import cinder_attach
    from cinder_attach.errors import APIError

    cinder.reply(400, _refused("creating"))
    with pytest.raises(APIError) as caught:
        cinder_attach.connect(token=TOKEN, endpoint=ENDPOINT).create354(VOL)
    assert caught.value.reason == "volume_busy" and caught.value.details["volume_state"] == "creating"
    assert "--" not in str(caught.value) and "wait=SECONDS" in str(caught.value)


def test_a_bodiless_2xx_is_an_error_not_a_crash(cli, cinder: FakeCinder) -> None:
    cinder.reply(204, b"")
    r = cli("create354", "--volume-uuid", VOL)
    assert r.code == 1
    assert r.err.startswith("Error: Cinder answered HTTP 204 without the expected body.") and "noauth" in r.err


def test_delete_500_adds_the_service_token_advice(cli, cinder: FakeCinder) -> None:
    cinder.reply(500, {"computeFault": {"code": 500, "message": "Unable to contact Nova for this attachment"}})
    r = cli("delete", ATT)
    assert r.code == 1
    assert "--os-service-cloud" in r.err and "Nova" in r.err


def test_show_500_has_no_delete_advice(cli, cinder: FakeCinder) -> None:
    cinder.reply(500, {"computeFault": {"code": 500, "message": "Unable to contact Nova for this attachment"}})
    r = cli("show", ATT)
    assert r.code == 1 and "--os-service-cloud" not in r.err


# --- a 3xx answer is not followed (real local servers) ---------------------------------------------


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_a_redirect_is_not_followed(capsys: pytest.CaptureFixture[str], status: int) -> None:
    with LocalServer(cinder_ok) as elsewhere:
        target = elsewhere.endpoint() + "/attachments"
        with LocalServer(lambda seen: Answer(status, b"", {"Location": target})) as cinder:
            r = invoke(capsys, *CREATE, "--os-token", TOKEN, "--os-endpoint", cinder.endpoint())
    line = assert_one_line_error(r, 1)
    assert f"HTTP {status}" in line and target in line, line
    assert [seen.method for seen in cinder.seen] == ["POST"], "exactly one request"
    assert elsewhere.seen == [], "the token went nowhere else"
    assert TOKEN not in r.out + r.err


def test_a_redirect_on_delete_is_not_a_success(capsys: pytest.CaptureFixture[str]) -> None:
    # Before: a 3xx counted as success, so `attach delete` said "Deleted" for what it never deleted.
    with LocalServer(lambda seen: Answer(302, b"", {"Location": "http://elsewhere.invalid/"})) as cinder:
        r = invoke(capsys, "delete", ATT, "--os-token", TOKEN, "--os-endpoint", cinder.endpoint())
    assert r.code == 1 and "Deleted" not in r.out
    assert "HTTP 302, a redirect to http://elsewhere.invalid/" in r.err


# Every read too (once, reads followed redirects: show and list sent the token elsewhere and exited 0).


def anything(seen: Seen) -> Answer:
    """What the other host would answer, so that a followed redirect would succeed."""
    if "/volumes" in seen.path:
        volume = {"id": VOL, "name": "data", "status": "available", "multiattach": False, "attachments": []}
        return Answer.json(200, {"volumes": [volume], "volume": volume})
    if seen.path.endswith("/attachments") or "/attachments?" in seen.path or "/detail" in seen.path:
        return Answer.json(200, {"attachments": [attachment()]})
    return Answer.json(200, {"attachment": attachment()})


READS = {
    "show": ("show", ATT),
    "list": ("list",),
    "list_long": ("list", "--long"),
    "list_volume_name": ("list", "--volume", "data"),
    "create_volume_name": ("create354", "--volume", "data"),
    "create_wait_volume_read": ("create354", "--volume-uuid", VOL, "--wait", "5"),
    "delete_by_volume_lookup": ("delete", "--volume", VOL, "--instance-uuid", INST),
}


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
@pytest.mark.parametrize("read", sorted(READS))
def test_a_read_does_not_follow_a_redirect(capsys: pytest.CaptureFixture[str], read: str, status: int) -> None:
    with LocalServer(anything) as elsewhere:

        def redirect(seen: Seen) -> Answer:
            return Answer(status, b"", {"Location": elsewhere.base + seen.path})

        with LocalServer(redirect) as cinder:
            r = invoke(capsys, *READS[read], "--os-token", TOKEN, "--os-endpoint", cinder.endpoint())
    line = assert_one_line_error(r, 1)
    assert f"HTTP {status}" in line, line
    assert len(cinder.seen) == 1, "exactly one request"
    assert cinder.seen[0].method == "GET", "the read itself was refused: nothing was created"
    assert elsewhere.seen == [], "nothing reached the other host"
    assert r.out == "" and TOKEN not in r.err


@pytest.mark.parametrize("command", ["local-attach", "local-detach"])
def test_the_local_volume_reads_do_not_follow_a_redirect(
    capsys: pytest.CaptureFixture[str], host: Any, command: str
) -> None:
    with LocalServer(anything) as elsewhere:

        def redirect(seen: Seen) -> Answer:
            return Answer(302, b"", {"Location": elsewhere.base + seen.path})

        with LocalServer(redirect) as cinder:
            r = invoke(capsys, command, VOL, "--os-token", TOKEN, "--os-endpoint", cinder.endpoint())
    assert "HTTP 302" in assert_one_line_error(r, 1)
    assert [seen.method for seen in cinder.seen] == ["GET"] and elsewhere.seen == []
    assert host.calls == [], "nothing was done on this host"
