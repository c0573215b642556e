"""cinder_attach.errors (the classes) and cinder_attach.faults (fault bodies and the API hints)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from cinder_attach import faults
from cinder_attach.errors import (
    EXIT_FAILURE,
    EXIT_USAGE,
    APIError,
    AttachError,
    AuthError,
    ConfigError,
    TransportError,
    UsageError,
)
from cinder_attach.hints import for_cli

RID = {"x-openstack-request-id": "req-2fb6ef7f-aaaa"}


def parse_fault(raw: bytes) -> tuple[str | None, str | None]:
    """A raw body through the generated Fault/KeystoneError models, as the mapper reads it."""
    return faults.fault_of(faults.parse_body(raw))


def api_error(status: int, headers: dict[str, str], raw: bytes, microversion: str | None = None) -> AttachError:
    """An error answer the generated client did not parse (the mapper reads the bytes itself)."""
    return faults.api_error(status, headers, None, raw, microversion)


def body(obj: Any) -> bytes:
    return json.dumps(obj).encode()


# --- parse_fault ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (body({"badRequest": {"code": 400, "message": "Invalid input"}}), ("badRequest", "Invalid input")),
        (
            body({"itemNotFound": {"code": 404, "message": "Volume x could not be found."}}),
            (
                "itemNotFound",
                "Volume x could not be found.",
            ),
        ),
        (body({"computeFault": {"code": 500, "message": "boom"}}), ("computeFault", "boom")),
        (
            body({"error": {"code": 401, "title": "Unauthorized", "message": "The request you have made requires"}}),
            ("Unauthorized", "The request you have made requires"),
        ),
        (body({"error": {"code": 401, "message": "no title"}}), ("Unauthorized", "no title")),
        (body({"forbidden": {"code": 403}}), ("forbidden", None)),
        (body({"badRequest": {"message": 42}}), ("badRequest", "42")),
        (b"<html><body><h1>500 Internal Server Error</h1></body></html>", (None, None)),
        (b"Service Unavailable", (None, None)),
        (b"", (None, None)),
        (b'{"truncated": ', (None, None)),
        (b"[" * 100_000, (None, None)),
        (body([{"badRequest": {"message": "x"}}]), (None, None)),
        (body({"a": {"message": "x"}, "b": {"message": "y"}}), (None, None)),
        (body({"badRequest": "just a string"}), (None, None)),
        (body({}), (None, None)),
        (b"\xff\xfe", (None, None)),
    ],
)
def test_parse_fault(raw: bytes, expected: tuple[str | None, str | None]) -> None:
    assert parse_fault(raw) == expected


# --- api_error ----------------------------------------------------------------------------------


def test_cinder_fault_message_status_and_request_id() -> None:
    err = api_error(
        404, RID, body({"itemNotFound": {"code": 404, "message": "Volume v could not be found."}})
    )
    assert isinstance(err, APIError)
    assert err.status == 404 and err.fault == "itemNotFound" and err.request_id == "req-2fb6ef7f-aaaa"
    assert str(err) == "Volume v could not be found. (HTTP 404 itemNotFound, request-id req-2fb6ef7f-aaaa)"
    assert err.exit_code == EXIT_FAILURE


def test_compute_request_id_fallback() -> None:
    err = api_error(400, {"x-compute-request-id": "req-c"}, body({"badRequest": {"message": "m"}}))
    assert isinstance(err, APIError) and err.request_id == "req-c"


def test_keystonemiddleware_401() -> None:
    raw = body(
        {
            "error": {
                "code": 401,
                "title": "Unauthorized",
                "message": "The request you have made requires authentication.",
            }
        }
    )
    err = api_error(401, RID, raw, microversion="3.54")
    assert isinstance(err, AuthError)
    text = str(err)
    assert "Cinder refused the token: The request you have made requires authentication." in text
    assert "HTTP 401" in text and "req-2fb6ef7f-aaaa" in text
    assert "--no-cache" not in text and err.reason == "token_refused", "the library names no CLI flag"
    assert "--no-cache" in str(for_cli(err)), "the CLI adds its flag"
    assert err.exit_code == EXIT_FAILURE


def test_401_without_body_or_request_id() -> None:
    text = str(api_error(401, {}, b""))
    assert "Cinder refused the token" in text and "request-id none" in text


def test_html_body_is_flattened_to_one_line() -> None:
    html = b"<html>\n<head><title>500 Internal Server Error</title></head>\n<body>\n<h1>Oops</h1>\n</body></html>"
    err = api_error(500, RID, html, microversion="3.54")
    text = str(err)
    assert "\n" not in text and "<" not in text
    assert "Cinder answered HTTP 500 with no error details: 500 Internal Server Error Oops" in text


def test_long_text_body_is_cut() -> None:
    text = str(api_error(500, {}, b"x " * 5000))
    assert len(text) < 400 and text.count("…") == 1


def test_binary_body_never_crashes() -> None:
    text = str(api_error(500, {}, bytes(range(256))))
    assert "\n" not in text and "HTTP 500" in text


@pytest.mark.parametrize("status", [502, 503, 504])
def test_proxy_answers(status: int) -> None:
    err = api_error(status, {}, b"<html><body>Bad Gateway from nginx</body></html>")
    text = str(err)
    assert text.startswith(f"a proxy or load balancer in front of Cinder answered HTTP {status}")
    assert "Bad Gateway from nginx" in text and "\n" not in text


def test_empty_body() -> None:
    assert str(api_error(500, {}, b"")) == "Cinder answered HTTP 500 with no error details (HTTP 500)"


VERSION_406 = body(
    {
        "computeFault": {
            "code": 406,
            "message": "Version 3.54 is not supported by the API. Minimum is 3.0 and maximum is 3.50.",
        }
    }
)


def test_406_hint_names_the_range_and_the_version_needed() -> None:
    err = api_error(406, RID, VERSION_406, microversion="3.54")
    assert isinstance(err, APIError) and err.hint is not None
    assert "microversions 3.0 to 3.50; this needs 3.54." in err.hint, "the sentence's full stop is not the version's"
    assert err.max_version == "3.50"
    assert "create327" not in err.hint, "command advice belongs to the command, not the fault mapper"
    assert "HTTP 406" in str(err)


def test_parsed_fault_model_is_used_as_is() -> None:
    from cinder_attach_client.models import Fault

    parsed = Fault.from_dict({"itemNotFound": {"code": 404, "message": "Volume v could not be found."}})
    err = faults.api_error(404, RID, parsed, b"not the body that was parsed", "3.54")
    assert isinstance(err, APIError) and err.fault == "itemNotFound" and err.request_id == "req-2fb6ef7f-aaaa"
    assert err.message == "Volume v could not be found."


def test_406_below_attachments_api() -> None:
    raw = body(
        {"computeFault": {"code": 406, "message": "Version 3.27 is not supported. Minimum is 3.0 and maximum is 3.9."}}
    )
    err = api_error(406, RID, raw, microversion="3.27")
    assert err.hint is not None and "no attachments API" in err.hint and "create327`" not in err.hint


def test_406_on_other_commands_has_no_create327_hint() -> None:
    err = api_error(406, RID, VERSION_406, microversion="3.44")
    assert err.hint is not None and "this needs 3.44" in err.hint and "create327" not in err.hint


def test_406_without_range_has_no_hint() -> None:
    err = api_error(406, RID, body({"computeFault": {"message": "Not acceptable"}}))
    assert err.hint is None


def test_404_no_microversion_hint() -> None:
    raw = body({"itemNotFound": {"code": 404, "message": "The resource could not be found."}})
    err = api_error(404, RID, raw, microversion="3.27")
    assert err.hint is not None and "no attachments API at 3.27" in err.hint


def test_404_missing_volume_has_no_hint() -> None:
    raw = body({"itemNotFound": {"code": 404, "message": "Volume v could not be found."}})
    assert api_error(404, RID, raw, microversion="3.54").hint is None


def test_400_status_conflict_hint_mentions_multiattach() -> None:
    msg = (
        "Invalid volume: Volume v status must be available or downloading to reserve, "
        "but the current status is attaching."
    )
    err = api_error(400, RID, body({"badRequest": {"code": 400, "message": msg}}))
    assert err.hint is not None and "multiattach" in err.hint
    assert str(err).startswith(msg)


def test_400_other_has_no_hint() -> None:
    raw = body({"badRequest": {"message": "Invalid input for field/attribute mode."}})
    assert api_error(400, RID, raw).hint is None


def test_500_missing_initiator_hint() -> None:
    msg = (
        "Unable to create attachment for volume (Invalid input received: "
        "Connector doesn't have required information: initiator)."
    )
    err = api_error(500, RID, body({"computeFault": {"code": 500, "message": msg}}))
    assert err.hint is not None and "'initiator'" in err.hint and "--connector" not in err.hint
    assert err.reason == "connector_key_missing" and err.details == {"key": "initiator"}
    assert "--connector initiator=" in str(for_cli(err)), "the CLI adds its flag"


def test_500_without_a_known_cause_has_no_api_hint() -> None:
    raw = body({"computeFault": {"message": "Unable to contact Nova for this attachment"}})
    assert api_error(500, RID, raw).hint is None  # `attach delete` adds its service-token advice itself


@pytest.mark.parametrize(("status", "needle"), [(403, "policy"), (413, "too large")])
def test_403_and_413_hints(status: int, needle: str) -> None:
    err = api_error(status, RID, body({"forbidden": {"message": "no"}}))
    assert err.hint is not None and needle in err.hint


# --- the classes ---------------------------------------------------------------------------------


def test_exit_codes() -> None:
    assert UsageError("x").exit_code == EXIT_USAGE == 2
    assert ConfigError("x").exit_code == EXIT_USAGE
    for cls in (AttachError, AuthError, TransportError):
        assert cls("x").exit_code == EXIT_FAILURE == 1
    assert APIError("x", status=500).exit_code == EXIT_FAILURE


def test_str_with_and_without_hint() -> None:
    assert str(AttachError("broke.")) == "broke."
    assert str(AttachError("broke.", hint="Fix it.")) == "broke. Fix it."
    assert str(APIError("m", status=409, hint="h")) == "m (HTTP 409) h"


def test_hints_added_one_after_another_read_as_sentences() -> None:
    from cinder_attach.errors import AttachError

    err = AttachError("it failed.", hint="Give --connector initiator=…")
    err.add_hint("Delete it with: attach delete X")
    err.add_hint("Then retry.")
    assert str(err) == "it failed. Give --connector initiator=…. Delete it with: attach delete X. Then retry."
    done = AttachError("it failed.", hint="Check the name.")
    done.add_hint("Or use --volume-uuid.")
    assert str(done) == "it failed. Check the name. Or use --volume-uuid."
