"""A failed connect leaves nothing behind: the reservation Cinder made before the connect failed is found
with one GET and deleted (or kept and named), and a create that may still be running is never cleaned up."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from helpers import ENDPOINT, INST, VOL, FakeCinder, Result, assert_one_line_error

from cinder_attach import APIError, AttachmentClient, TransportError

LEFT = "0b5e2f6a-7c1d-4e8f-9a0b-1c2d3e4f5a6b"
OTHER = "6c7d8e9f-0a1b-4c2d-8e3f-4a5b6c7d8e9f"
NO_INITIATOR = {
    "computeFault": {
        "code": 500,
        "message": "Unable to create attachment for volume (Invalid input received: Connector doesn't have "
        "required information: initiator).",
    }
}
CONNECT = ("create354", "--volume-uuid", VOL, "--instance-uuid", INST, "--connector", "host=h1")


def reserved(ident: str = LEFT, instance: str | None = INST, status: str = "reserved") -> dict[str, Any]:
    return {"id": ident, "status": status, "instance": instance, "volume_id": VOL}


def listing(*rows: dict[str, Any]) -> dict[str, Any]:
    return {"attachments": list(rows)}


def sent(requests: list[httpx.Request]) -> list[str]:
    return [f"{q.method} {q.url.path.removeprefix(httpx.URL(ENDPOINT).path)}" for q in requests]


def test_the_reservation_a_failed_connect_left_is_deleted(cli: Callable[..., Result], cinder: FakeCinder) -> None:
    cinder.reply(500, NO_INITIATOR).reply(200, listing(reserved())).reply(200, {"attachments": []})
    r = cli(*CONNECT)
    line = assert_one_line_error(r, 1)
    assert "Connector doesn't have required information: initiator" in line
    assert f"(HTTP 500 computeFault, request-id req-1234); the reservation {LEFT} it left was deleted." in line
    assert "--connector initiator=" in line, "the fix is still offered"
    assert "attach delete" not in line, "nothing is left to delete"
    assert sent(r.requests) == ["POST /attachments", "GET /attachments", f"DELETE /attachments/{LEFT}"]
    query = dict(r.requests[1].url.params)
    assert query == {
        "volume_id": VOL,
        "instance_id": INST,
        "attach_status": "reserved",
        "sort": "created_at:desc",
        "limit": "25",
    }
    assert "x-service-token" not in r.requests[2].headers, "a reserved attachment needs no service token"


def test_keep_on_failure_keeps_it_and_says_how_to_delete_it(cli: Callable[..., Result], cinder: FakeCinder) -> None:
    cinder.reply(500, NO_INITIATOR).reply(200, listing(reserved()))
    r = cli(*CONNECT, "--keep-on-failure")
    line = assert_one_line_error(r, 1)
    assert f"the reservation {LEFT} it left was kept" in line
    # Two hints, two sentences: the backend's advice ends in a command, without a full stop of its own.
    assert line.endswith(f"e.g. --connector initiator=…. Delete it with: attach delete {LEFT}")
    assert sent(r.requests) == ["POST /attachments", "GET /attachments"]


def test_several_matches_delete_none_and_name_them(cli: Callable[..., Result], cinder: FakeCinder) -> None:
    # The same instance may hold an older reservation of this volume (Cinder lets the same instance reserve
    # again): which one this create left cannot be told, so neither is touched.
    cinder.reply(500, NO_INITIATOR).reply(200, listing(reserved(), reserved(OTHER)))
    r = cli(*CONNECT)
    line = assert_one_line_error(r, 1)
    assert f"several reservations match it ({LEFT}, {OTHER}), so none was deleted." in line
    assert line.endswith("Delete the one it left with: attach delete ID")
    assert [q.method for q in r.requests] == ["POST", "GET"]


def test_nothing_found_is_said(cli: Callable[..., Result], cinder: FakeCinder) -> None:
    cinder.reply(500, NO_INITIATOR).reply(200, listing())
    line = assert_one_line_error(cli(*CONNECT), 1)
    assert "; it left no reservation." in line


def test_without_an_instance_only_a_reservation_without_one_is_its(
    cli: Callable[..., Result], cinder: FakeCinder
) -> None:
    # GET cannot filter on "no instance"; a reserved attachment of another instance is not this create's.
    cinder.reply(500, NO_INITIATOR).reply(200, listing(reserved(OTHER, instance=INST), reserved(LEFT, instance=None)))
    cinder.reply(200, {"attachments": []})
    r = cli("create354", "--volume-uuid", VOL, "--connector", "host=h1")
    line = assert_one_line_error(r, 1)
    assert f"the reservation {LEFT} it left was deleted" in line
    assert "instance_id" not in r.requests[1].url.params
    assert sent(r.requests)[2] == f"DELETE /attachments/{LEFT}"


def test_create327_rolls_back_too(cli: Callable[..., Result], cinder: FakeCinder) -> None:
    cinder.reply(500, NO_INITIATOR).reply(200, listing(reserved())).reply(200, {"attachments": []})
    r = cli("create327", "--volume-uuid", VOL, "--instance-uuid", INST, "--connector", "host=h1")
    assert f"the reservation {LEFT} it left was deleted" in assert_one_line_error(r, 1)
    assert r.requests[2].method == "DELETE"


def test_a_failed_delete_names_the_leftover(cli: Callable[..., Result], cinder: FakeCinder) -> None:
    cinder.reply(500, NO_INITIATOR).reply(200, listing(reserved()))
    cinder.reply(403, {"forbidden": {"code": 403, "message": "Policy doesn't allow volume:attachment_delete."}})
    line = assert_one_line_error(cli(*CONNECT), 1)
    assert f"the reservation {LEFT} it left could not be deleted (Policy doesn't allow" in line
    assert line.endswith(f"Delete it with: attach delete {LEFT}")


def test_a_failed_check_keeps_the_original_error(cli: Callable[..., Result], cinder: FakeCinder) -> None:
    cinder.reply(500, NO_INITIATOR).responses.append(httpx.ConnectError("[Errno 111] Connection refused"))
    line = assert_one_line_error(cli(*CONNECT), 1)
    assert line.startswith("Error: Unable to create attachment for volume")
    assert "the check for what it left failed (cannot connect to" in line


REFUSED_BEFORE_THE_RESERVE = [
    ("400-conflict", 400, {"badRequest": {"code": 400, "message": f"Invalid volume: Volume {VOL} status must be "
                                          "available or downloading to reserve, but the current status is reserved."}}),
    ("400-error-state", 400, {"badRequest": {"code": 400, "message": "Invalid volume: Volume attachments can not be "
                                             "created if the volume is in an error state. …"}}),
    ("400-schema", 400, {"badRequest": {"code": 400, "message": "Invalid input for field/attribute connector."}}),
    ("403", 403, {"forbidden": {"code": 403, "message": "Policy doesn't allow volume:attachment_create."}}),
    ("404", 404, {"itemNotFound": {"code": 404, "message": f"Volume {VOL} could not be found."}}),
    ("406", 406, {"computeFault": {"code": 406, "message": "Version 3.54 is not supported by the API."}}),
    ("409", 409, {"conflictingRequest": {"code": 409, "message": "Conflict."}}),
]  # fmt: skip


@pytest.mark.parametrize(
    ("status", "body"), [r[1:] for r in REFUSED_BEFORE_THE_RESERVE], ids=[r[0] for r in REFUSED_BEFORE_THE_RESERVE]
)
def test_refusals_before_the_reserve_look_for_nothing(
    cli: Callable[..., Result], cinder: FakeCinder, status: int, body: Any
) -> None:
    cinder.reply(status, body)
    r = cli(*CONNECT)
    assert_one_line_error(r, 1)
    assert [q.method for q in r.requests] == ["POST"]


def test_a_backend_invalid_volume_after_the_reserve_is_rolled_back(
    cli: Callable[..., Result], cinder: FakeCinder
) -> None:
    # Cinder re-raises InvalidVolume from the connect as a 400, after it reserved the volume.
    body = {"badRequest": {"code": 400, "message": "Invalid volume: the backend cannot export it."}}
    cinder.reply(400, body).reply(200, listing(reserved())).reply(200, {"attachments": []})
    line = assert_one_line_error(cli(*CONNECT), 1)
    assert f"the reservation {LEFT} it left was deleted" in line


def test_a_reserve_without_a_connector_is_not_rolled_back(cli: Callable[..., Result], cinder: FakeCinder) -> None:
    cinder.reply(500, NO_INITIATOR)
    r = cli("create354", "--volume-uuid", VOL, "--instance-uuid", INST)
    assert_one_line_error(r, 1)
    assert [q.method for q in r.requests] == ["POST"]


def test_the_reserve_conflict_says_how_to_find_a_leftover(cli: Callable[..., Result], cinder: FakeCinder) -> None:
    cinder.reply(400, REFUSED_BEFORE_THE_RESERVE[0][2])
    line = assert_one_line_error(cli("create354", "--volume-uuid", VOL), 1)
    assert "a reservation that a create whose connect failed left behind" in line
    assert f"attach list --volume-id {VOL} --status reserved" in line and "attach delete ID" in line


@pytest.mark.parametrize(
    "failure",
    [httpx.ReadTimeout("timed out"), httpx.RemoteProtocolError("Server disconnected without sending a response.")],
    ids=["timeout", "dropped"],
)
def test_a_create_that_may_still_run_is_never_deleted(
    cli: Callable[..., Result], cinder: FakeCinder, failure: Exception
) -> None:
    cinder.responses.append(failure)
    cinder.reply(200, listing(reserved(), reserved(OTHER, status="attaching"), reserved("1" * 32, status="attached")))
    r = cli(*CONNECT)
    line = assert_one_line_error(r, 1)
    assert "the attachment may have been created" in line
    assert f"pending attachments found right after: {LEFT}, {OTHER}." in line, "never the attached one"
    assert f"Check with: attach list --volume-id {VOL} --long" in line
    assert [q.method for q in r.requests] == ["POST", "GET"], "never a DELETE"
    assert "attach_status" not in r.requests[1].url.params, "a finished connect shows as attaching"


@pytest.mark.parametrize(
    "failure",
    [httpx.ReadTimeout("timed out"), httpx.RemoteProtocolError("Server disconnected without sending a response.")],
    ids=["timeout", "dropped"],
)
def test_one_pending_match_after_a_timeout_is_named_not_deleted(
    cli: Callable[..., Result], cinder: FakeCinder, failure: Exception
) -> None:
    # Exactly one match is what a rollback would delete after a refused connect: here it must not.
    cinder.responses.append(failure)
    cinder.reply(200, listing(reserved()))
    r = cli(*CONNECT, "--timeout", "5")
    line = assert_one_line_error(r, 1)
    assert "the attachment may have been created" in line
    assert f"pending attachments found right after: {LEFT}." in line
    assert "was deleted" not in line and f"Check with: attach list --volume-id {VOL} --long" in line
    assert sent(r.requests) == ["POST /attachments", "GET /attachments"], "never a DELETE"


def test_a_gateway_timeout_is_treated_as_may_still_run(cli: Callable[..., Result], cinder: FakeCinder) -> None:
    cinder.reply(504, b"").reply(200, listing(reserved()))
    r = cli(*CONNECT)
    line = assert_one_line_error(r, 1)
    assert "may have been created" in line and f"found right after: {LEFT}." in line
    assert [q.method for q in r.requests] == ["POST", "GET"]


# --- the Python API ---------------------------------------------------------------------------------


def test_python_api_rolls_back_by_default(client: AttachmentClient, cinder: FakeCinder) -> None:
    cinder.reply(500, NO_INITIATOR).reply(200, listing(reserved())).reply(200, {"attachments": []})
    with pytest.raises(APIError) as caught:
        client.create354(VOL, instance_uuid=INST, connector={"host": "h1"})
    assert caught.value.deleted == LEFT and caught.value.leftovers == ()
    assert "attach " not in str(caught.value), "the library names no CLI command"


def test_python_api_rollback_false_keeps_it(client: AttachmentClient, cinder: FakeCinder) -> None:
    cinder.reply(500, NO_INITIATOR).reply(200, listing(reserved()))
    with pytest.raises(APIError) as caught:
        client.create327(VOL, instance_uuid=INST, connector={"host": "h1"}, rollback=False)
    assert caught.value.deleted is None and caught.value.leftovers == (LEFT,)
    assert [q.method for q in cinder.requests] == ["POST", "GET"]


def test_python_api_timeout_names_but_keeps(client: AttachmentClient, cinder: FakeCinder) -> None:
    cinder.responses.append(httpx.ReadTimeout("timed out"))
    cinder.reply(200, listing(reserved()))
    with pytest.raises(TransportError) as caught:
        client.create354(VOL, instance_uuid=INST, connector={"host": "h1"})
    assert caught.value.may_have_created and caught.value.leftovers == (LEFT,) and caught.value.deleted is None
    assert json.loads(cinder.requests[0].content)["attachment"]["connector"] == {"host": "h1"}
