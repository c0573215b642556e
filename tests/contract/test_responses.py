"""Real Cinder responses (tests/contract/fixtures) against the generated client.

For every captured response:

* the generated ``_parse_response`` of its operation returns the model the spec
  promises for that status (``Client(raise_on_unexpected_status=True)``, so an
  undocumented status fails), and ``to_dict()`` gives back exactly the captured
  body: no key lost, none added, unknown keys (connection_info's driver fields)
  kept;
* where the captured request is one the generated API can express, the generated
  ``sync_detailed`` replays it through an ``httpx.MockTransport`` and must send
  the same method, path, query, microversion header and JSON body.

The fixtures are recaptured with ``scripts/capture`` against a
running devcloud (see fixtures/README.md).
"""

from __future__ import annotations

import json
import types
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from cinder_attach_client import Client
from cinder_attach_client.api.attachments import (
    complete_attachment,
    create_attachment,
    delete_attachment,
    list_attachments,
    list_attachments_detail,
    show_attachment,
    update_attachment,
)
from cinder_attach_client.api.volumes import list_volumes_detail, show_volume
from cinder_attach_client.models import (
    Attachment,
    AttachmentCompleteRequest,
    AttachmentCreate327Request,
    AttachmentCreate354Request,
    AttachmentDetailList,
    AttachmentList,
    AttachmentResponse,
    AttachmentSummary,
    AttachmentUpdateRequest,
    ConnectionInfo,
    Fault,
    FaultDetail,
    KeystoneError,
    KeystoneErrorDetail,
    VolumeAttachment,
    VolumeDetail,
    VolumeDetailList,
    VolumeResponse,
)
from cinder_attach_client.types import Response, Unset

FIXTURE_DIR = Path(__file__).resolve().parent / "fixtures"
FIXTURE_PATHS = sorted(FIXTURE_DIR.glob("*.json"))
BASE_URL = "http://cinder.test:8776/v3/0123456789abcdef0123456789abcdef"

MODULES: dict[str, types.ModuleType] = {
    "create_attachment": create_attachment,
    "list_attachments": list_attachments,
    "list_attachments_detail": list_attachments_detail,
    "show_attachment": show_attachment,
    "update_attachment": update_attachment,
    "delete_attachment": delete_attachment,
    "complete_attachment": complete_attachment,
    "list_volumes_detail": list_volumes_detail,
    "show_volume": show_volume,
}
SUCCESS: dict[str, tuple[int, type | None]] = {
    "create_attachment": (200, AttachmentResponse),
    "list_attachments": (200, AttachmentList),
    "list_attachments_detail": (200, AttachmentDetailList),
    "show_attachment": (200, AttachmentResponse),
    "update_attachment": (200, AttachmentResponse),
    "delete_attachment": (200, AttachmentList),
    "complete_attachment": (204, None),
    "list_volumes_detail": (200, VolumeDetailList),
    "show_volume": (200, VolumeResponse),
}
FAULT_STATUSES = (400, 403, 404, 406, 409, 413, 500)

# What a capture must contain at the least (operation, status, case).
REQUIRED_CASES = {
    ("create_attachment", 200, "reserve_354"),
    ("create_attachment", 200, "connector_mode_rw"),
    ("create_attachment", 200, "reserve_327"),
    ("show_attachment", 200, "reserved"),
    ("show_attachment", 200, "attaching"),
    ("show_attachment", 200, "attached"),
    ("list_attachments", 200, "all"),
    ("list_attachments_detail", 200, "all"),
    ("list_attachments_detail", 200, "limit"),
    ("update_attachment", 200, "connector"),
    ("complete_attachment", 204, "complete"),
    ("delete_attachment", 200, "reserved"),
    ("create_attachment", 404, "missing_volume"),
    ("create_attachment", 400, "invalid_mode"),
    ("create_attachment", 400, "unknown_field"),
    ("create_attachment", 400, "second_attachment_not_multiattach"),
    ("create_attachment", 406, "version_too_high"),
    ("create_attachment", 404, "no_microversion"),
    ("create_attachment", 401, "bad_token"),
    ("create_attachment", 500, "connector_without_initiator"),
    ("list_volumes_detail", 200, "name_unique"),
    ("list_volumes_detail", 200, "name_ambiguous"),
    ("list_volumes_detail", 200, "name_missing"),
    ("show_volume", 200, "available_327"),
    ("show_volume", 200, "available_348"),
    ("show_volume", 200, "available_369"),
    ("show_volume", 200, "in_use_369"),
    ("show_volume", 404, "missing"),
}


def load(path: Path) -> dict[str, Any]:
    fixture: dict[str, Any] = json.loads(path.read_text())
    return fixture


def expected_type(operation: str, status: int) -> type | None:
    ok_status, ok_type = SUCCESS[operation]
    if status == ok_status:
        return ok_type
    if status == 401:
        return KeystoneError
    if status in FAULT_STATUSES:
        return Fault
    raise AssertionError(f"{operation} does not document status {status}")


def http_response(fixture: dict[str, Any], request: httpx.Request | None = None) -> httpx.Response:
    body = fixture["body"]
    content = b"" if body is None else json.dumps(body).encode()
    if request is None:
        path = fixture["request"]["path_template"].format(**(fixture["request"].get("path_params") or {}))
        request = httpx.Request(fixture["request"]["method"], BASE_URL + path)
    return httpx.Response(fixture["status"], headers=fixture["headers"], content=content, request=request)


def assert_round_trip(parsed: object, body: Any) -> None:
    """parsed is a generated model whose to_dict() must equal the captured body exactly."""
    to_dict: Callable[[], dict[str, Any]] = parsed.to_dict  # type: ignore[attr-defined]
    again = to_dict()
    assert again == body, f"round trip changed the body:\n  captured: {body}\n  to_dict:  {again}"
    # json.dumps on both sides catches differences == forgives (1 == 1.0 == True).
    assert json.dumps(again, sort_keys=True) == json.dumps(body, sort_keys=True)


def fixture_id(path: Path) -> str:
    return path.stem


# ---------------------------------------------------------------------------


def test_fixtures_cover_every_case() -> None:
    found = set()
    for path in FIXTURE_PATHS:
        fixture = load(path)
        found.add((fixture["operation"], fixture["status"], fixture["case"]))
    missing = REQUIRED_CASES - found
    assert not missing, (
        f"fixtures missing for {sorted(missing)}: run `scripts/capture` with the devcloud up"
    )
    assert {op for op, _, _ in found} == set(MODULES)


@pytest.mark.parametrize("path", FIXTURE_PATHS, ids=fixture_id)
def test_fixture_is_well_formed(path: Path) -> None:
    fixture = load(path)
    assert path.name == f"{fixture['operation']}.{fixture['status']}.{fixture['case']}.json"
    assert fixture["operation"] in MODULES
    request = fixture["request"]
    assert set(request) >= {"method", "path_template", "microversion", "body"}
    assert fixture["headers"].get("Content-Type", "").startswith("application/json")
    if fixture["status"] != 401:  # keystonemiddleware answers before Cinder's version handling
        assert "OpenStack-API-Version" in fixture["headers"]
    assert "X-OpenStack-Request-Id" in fixture["headers"]


@pytest.mark.parametrize("path", FIXTURE_PATHS, ids=fixture_id)
def test_fixture_parses_and_round_trips(path: Path) -> None:
    fixture = load(path)
    module = MODULES[fixture["operation"]]
    client = Client(base_url=BASE_URL, raise_on_unexpected_status=True)
    response = http_response(fixture)

    parsed = module._parse_response(client=client, response=response)
    built: Response[Any] = module._build_response(client=client, response=response)

    want = expected_type(fixture["operation"], fixture["status"])
    if want is None:
        assert parsed is None
        assert built.parsed is None
        assert fixture["body"] is None
        return
    assert isinstance(parsed, want), f"{path.name}: parsed as {type(parsed).__name__}, want {want.__name__}"
    assert isinstance(built.parsed, want)
    assert built.status_code == fixture["status"]
    assert_round_trip(parsed, fixture["body"])
    assert_round_trip(built.parsed, fixture["body"])


def _attachments(parsed: object) -> Iterator[Attachment | AttachmentSummary]:
    if isinstance(parsed, AttachmentResponse):
        yield parsed.attachment
    elif isinstance(parsed, AttachmentList | AttachmentDetailList):
        yield from parsed.attachments


@pytest.mark.parametrize("path", FIXTURE_PATHS, ids=fixture_id)
def test_parsed_fields_are_usable(path: Path) -> None:
    """Spot checks that the typed attributes carry what the server sent."""
    fixture = load(path)
    client = Client(base_url=BASE_URL, raise_on_unexpected_status=True)
    parsed = MODULES[fixture["operation"]]._parse_response(client=client, response=http_response(fixture))
    for attachment in _attachments(parsed):
        uuid.UUID(attachment.id)
        uuid.UUID(attachment.volume_id)
        assert attachment.status in {
            "attached",
            "attaching",
            "detached",
            "reserved",
            "error_attaching",
            "error_detaching",
            "deleted",
        }
        assert attachment.instance is None or uuid.UUID(attachment.instance)
        if isinstance(attachment, Attachment):
            assert isinstance(attachment.connection_info, ConnectionInfo)
            assert attachment.attach_mode in {"rw", "ro", "null"}
            assert attachment.detached_at == "" or "T" in attachment.detached_at
    if isinstance(parsed, VolumeDetailList):
        wanted = fixture["request"]["query"]["name"]
        for volume in parsed.volumes:
            assert isinstance(volume, VolumeDetail)
            uuid.UUID(volume.id)
            assert volume.name == wanted and volume.status == "available"
    if isinstance(parsed, VolumeResponse):
        _check_volume_read(parsed.volume, fixture)
    if isinstance(parsed, Fault):
        assert len(parsed.additional_properties) == 1
        (detail,) = parsed.additional_properties.values()
        assert isinstance(detail, FaultDetail)
        assert detail.code == fixture["status"]
        assert isinstance(detail.message, str) and detail.message
    if isinstance(parsed, KeystoneError):
        assert isinstance(parsed.error, KeystoneErrorDetail)
        assert parsed.error.code == 401
        assert parsed.error.title == "Unauthorized"


def _check_volume_read(volume: VolumeDetail, fixture: dict[str, Any]) -> None:
    """The typed fields of GET /volumes/{id}: those of 3.48 appear from 3.48 on, and an
    in-use volume lists its attachment."""
    assert volume.id == fixture["request"]["path_params"]["volume_id"]
    assert isinstance(volume.size, int) and isinstance(volume.multiattach, bool)
    assert isinstance(volume.encrypted, bool) and isinstance(volume.volume_type, str)
    assert volume.additional_properties, "Cinder's other fields are kept"
    if fixture["request"]["microversion"] == "volume 3.27":
        assert isinstance(volume.shared_targets, Unset) and isinstance(volume.service_uuid, Unset)
    else:
        assert volume.shared_targets is None or isinstance(volume.shared_targets, bool)
        assert isinstance(volume.service_uuid, str) and uuid.UUID(volume.service_uuid)
    assert not isinstance(volume.attachments, Unset)
    if volume.status == "in-use":
        (item,) = volume.attachments
        assert isinstance(item, VolumeAttachment) and isinstance(item.attachment_id, str)
        assert uuid.UUID(item.attachment_id) and item.volume_id == volume.id
    else:
        assert volume.status == "available" and volume.attachments == []


# ---------------------------------------------------------------------------
# replay: the generated API sends what the capture sent


def _request_kwargs(fixture: dict[str, Any]) -> dict[str, Any] | None:
    """sync_detailed keyword arguments for the captured request, or None when the
    generated API cannot express it (no or unknown microversion, a body Cinder refuses)."""
    request = fixture["request"]
    operation = fixture["operation"]
    kwargs: dict[str, Any] = {}
    microversion = request["microversion"]
    allowed = {
        "create_attachment": {"volume 3.54", "volume 3.27"},
        "complete_attachment": {"volume 3.44", "volume 3.54"},
        "list_volumes_detail": {"volume 3.27"},
        "show_volume": {"volume 3.27", "volume 3.48", "volume 3.69"},
    }.get(operation, {"volume 3.27", "volume 3.44", "volume 3.54"})
    if microversion not in allowed:
        return None
    kwargs["open_stack_api_version"] = microversion
    for name, value in (request.get("path_params") or {}).items():
        kwargs[name] = uuid.UUID(value)
    query = request.get("query") or {}
    integer_params, uuid_params = {"limit", "offset"}, {"volume_id", "instance_id", "marker"}
    for name, value in query.items():
        if name not in integer_params | uuid_params | {"status", "attach_status", "sort", "name"}:
            return None
        kwargs[name] = int(value) if name in integer_params else uuid.UUID(value) if name in uuid_params else value
    body = request["body"]
    model: Any = None
    if operation == "create_attachment":
        model = AttachmentCreate354Request if microversion == "volume 3.54" else AttachmentCreate327Request
    elif operation == "update_attachment":
        model = AttachmentUpdateRequest
    elif operation == "complete_attachment":
        model = AttachmentCompleteRequest
    if model is not None:
        try:
            built = model.from_dict(body)
        except (KeyError, TypeError, ValueError):
            return None
        if built.to_dict() != body:
            return None
        kwargs["body"] = built
    elif body is not None:
        return None
    return kwargs


REPLAYABLE = [p for p in FIXTURE_PATHS if _request_kwargs(load(p)) is not None]


def test_most_fixtures_are_replayable() -> None:
    assert len(REPLAYABLE) >= len(FIXTURE_PATHS) // 2, [p.name for p in REPLAYABLE]


@pytest.mark.parametrize("path", REPLAYABLE, ids=fixture_id)
def test_generated_client_replays_the_captured_request(path: Path) -> None:
    fixture = load(path)
    kwargs = _request_kwargs(fixture)
    assert kwargs is not None
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return http_response(fixture, request)

    client = Client(base_url=BASE_URL, raise_on_unexpected_status=True)
    client.set_httpx_client(httpx.Client(base_url=BASE_URL, transport=httpx.MockTransport(handler)))
    response = MODULES[fixture["operation"]].sync_detailed(client=client, **kwargs)

    (request,) = sent
    want = fixture["request"]
    assert request.method == want["method"]
    path_params = want.get("path_params") or {}
    assert request.url.path == httpx.URL(BASE_URL).path + want["path_template"].format(**path_params)
    assert dict(request.url.params) == (want.get("query") or {})
    assert request.headers["OpenStack-API-Version"] == want["microversion"]
    if want["body"] is None:
        assert request.content == b""
    else:
        assert request.headers["Content-Type"] == "application/json"
        assert json.loads(request.content) == want["body"]
    assert response.status_code == fixture["status"]
    if fixture["body"] is not None:
        assert_round_trip(response.parsed, fixture["body"])


# ---------------------------------------------------------------------------
# leniency beyond what the devcloud produced, and proof the checks can fail

LENIENT_ATTACHMENT: dict[str, Any] = {
    "id": "15470164-3361-40a6-9f2d-15e2ba6646f5",
    "status": "error_attaching",
    "instance": None,
    "volume_id": "d9193290-1316-45ec-b7fa-b6d00788c5fa",
    "attached_at": "",
    "detached_at": "",
    "attach_mode": None,
    "connection_info": None,
    "a_future_field": {"nested": [1, 2, 3]},
}


def test_lenient_shapes_parse() -> None:
    """JSON null where Cinder's object model allows it, and keys Cinder may add later."""
    body = {"attachment": LENIENT_ATTACHMENT, "extra_top_level": True}
    parsed = AttachmentResponse.from_dict(body)
    assert parsed.attachment.connection_info is None
    assert parsed.attachment.attach_mode is None
    assert parsed.attachment["a_future_field"] == {"nested": [1, 2, 3]}
    assert_round_trip(parsed, body)

    secrets = {
        "driver_volume_type": "iscsi",
        "data": {"target_iqn": "iqn.x", "auth_password": "s3cret", "target_luns": [0, 1]},
        "auth_password": "s3cret",
    }
    info = ConnectionInfo.from_dict(secrets)
    assert info.driver_volume_type == "iscsi"
    assert info["auth_password"] == "s3cret"
    assert info.to_dict() == secrets

    listing = {
        "attachments": [LENIENT_ATTACHMENT],
        "attachments_links": [{"href": "http://x/attachments?marker=1", "rel": "next"}],
    }
    assert_round_trip(AttachmentDetailList.from_dict(listing), listing)

    fault = {"overLimit": {"code": 413, "message": "quota", "retryAfter": "0"}}
    assert_round_trip(Fault.from_dict(fault), fault)


def test_round_trip_check_catches_a_lost_key() -> None:
    """The round-trip assertion is not vacuous: dropping one key makes it fail."""
    body = load(FIXTURE_DIR / "create_attachment.200.connector_mode_rw.json")["body"]
    parsed = AttachmentResponse.from_dict(body)
    assert isinstance(parsed.attachment.connection_info, ConnectionInfo)
    del parsed.attachment.connection_info["attachment_id"]
    with pytest.raises(AssertionError, match="round trip changed the body"):
        assert_round_trip(parsed, body)


def test_a_body_without_a_required_key_does_not_parse() -> None:
    """Required keys are the ones Cinder's view always sends; their absence is an error."""
    broken = {k: v for k, v in LENIENT_ATTACHMENT.items() if k != "id"}
    with pytest.raises(KeyError):
        Attachment.from_dict(broken)


def test_an_undocumented_status_is_refused() -> None:
    fixture = load(FIXTURE_DIR / "show_attachment.200.reserved.json")
    fixture = {**fixture, "status": 418}
    client = Client(base_url=BASE_URL, raise_on_unexpected_status=True)
    with pytest.raises(Exception, match="418"):
        show_attachment._parse_response(client=client, response=http_response(fixture))
