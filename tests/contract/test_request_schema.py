"""Bodies built with the generated request models pass Cinder's own request schemas.

The schemas in cinder_schemas.py restate cinder/api/schemas/attachments.py (JSON
Schema Draft 4 with oslo's lenient uuid check). These tests make sure that

* whatever combination of optional fields a caller sets, ``to_dict()`` of the
  generated request models produces a body Cinder accepts at the matching
  microversion, with no ``null`` for a field that was left out;
* connectors keep every key, including ones the spec does not name;
* the schemas themselves are strict: bodies the real server refuses with 400 are
  refused here too (otherwise the first point would prove nothing).
"""

from __future__ import annotations

import uuid
from typing import Any

import jsonschema
import pytest
from cinder_schemas import (
    create_body_errors,
    create_schema_for,
    is_uuid_like,
    schemas,
    validate_complete_body,
    validate_create_body,
    validate_update_body,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cinder_attach_client.models import (
    AttachmentCompleteRequest,
    AttachmentCreate327,
    AttachmentCreate327Request,
    AttachmentCreate354,
    AttachmentCreate354Request,
    AttachmentUpdate,
    AttachmentUpdateRequest,
    Connector,
)
from cinder_attach_client.types import UNSET, Unset

VOLUME = "8e1e2f9c-0b7e-4b5e-9d7c-1f7a3a0d2c11"
INSTANCE = "3c6a1a9e-5b1f-4a55-8f0e-6a2d2b7f9e40"
TEMPEST_CONNECTOR: dict[str, Any] = {
    "initiator": "iqn.1993-08.org.debian:01:cad181614cec",
    "ip": "192.168.1.2",
    "platform": "x86_64",
    "host": "tempest-1",
    "os_type": "linux2",
    "multipath": False,
}

HYPOTHESIS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# ---------------------------------------------------------------------------
# strategies

json_scalars = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=20)
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)
# Keys os-brick connectors really use, plus anything at all.
connector_keys = st.sampled_from(
    ["initiator", "ip", "host", "platform", "os_type", "multipath", "mountpoint", "wwpns", "nqn", "uuid"]
) | st.text(max_size=12)


def _maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.just(UNSET) | strategy


@st.composite
def connectors(draw: st.DrawFn, min_keys: int = 0) -> Connector:
    """A Connector with any mix of the named fields and free-form extra keys."""
    connector = Connector(
        initiator=draw(_maybe(st.text(max_size=40))),
        ip=draw(_maybe(st.ip_addresses().map(str))),
        host=draw(_maybe(st.text(max_size=20))),
        platform=draw(_maybe(st.sampled_from(["x86_64", "aarch64", "s390x"]))),
        os_type=draw(_maybe(st.sampled_from(["linux2", "linux"]))),
        multipath=draw(_maybe(st.booleans())),
        mountpoint=draw(_maybe(st.just("/dev/vdb"))),
    )
    extra = draw(st.dictionaries(connector_keys, json_values, max_size=5))
    for key, value in extra.items():
        connector[key] = value
    if len(connector.to_dict()) < min_keys:
        connector["initiator"] = "iqn.2004-10.com.example:host"
    return connector


uuids = st.uuids()
modes = st.sampled_from(["rw", "ro"])
connector_or_null = _maybe(st.none() | connectors())


def _omitted_fields_absent(attachment: dict[str, Any], fields: dict[str, Any]) -> None:
    """A field left UNSET is not in the body at all, and nothing is null unless asked for."""
    for name, value in fields.items():
        if isinstance(value, Unset):
            assert name not in attachment, f"{name} was omitted but the body has it: {attachment}"
        elif value is None:
            assert attachment[name] is None
        else:
            assert attachment[name] is not None, f"{name} became null: {attachment}"
    for name, value in attachment.items():
        if value is None:
            assert fields.get(name, UNSET) is None, f"{name} is null but was not set to None"


# ---------------------------------------------------------------------------
# generated models -> Cinder's schema


@HYPOTHESIS
@given(
    volume=uuids,
    instance=_maybe(uuids),
    connector=connector_or_null,
    mode=_maybe(modes),
)
def test_create_354_bodies_pass_cinders_v354_schema(
    volume: uuid.UUID,
    instance: uuid.UUID | Unset,
    connector: Connector | None | Unset,
    mode: Any,
) -> None:
    body = AttachmentCreate354Request(
        attachment=AttachmentCreate354(volume_uuid=volume, instance_uuid=instance, connector=connector, mode=mode)
    ).to_dict()

    assert create_body_errors(body, "volume 3.54") == []
    validate_create_body(body, "volume 3.71")  # same schema up to Cinder 29's maximum
    attachment = body["attachment"]
    assert attachment["volume_uuid"] == str(volume)
    _omitted_fields_absent(
        attachment,
        {"instance_uuid": instance, "connector": connector, "mode": mode},
    )
    if isinstance(connector, Connector):
        assert attachment["connector"] == connector.to_dict()


@HYPOTHESIS
@given(volume=uuids, instance=_maybe(uuids), connector=connector_or_null)
def test_create_327_bodies_pass_cinders_327_schema(
    volume: uuid.UUID,
    instance: uuid.UUID | Unset,
    connector: Connector | None | Unset,
) -> None:
    body = AttachmentCreate327Request(
        attachment=AttachmentCreate327(volume_uuid=volume, instance_uuid=instance, connector=connector)
    ).to_dict()

    assert create_body_errors(body, "volume 3.27") == []
    validate_create_body(body, "volume 3.53")
    # A 3.27 body is also a valid 3.54 body (mode is optional there).
    validate_create_body(body, "volume 3.54")
    _omitted_fields_absent(body["attachment"], {"instance_uuid": instance, "connector": connector})


@HYPOTHESIS
@given(volume=uuids, mode=modes)
def test_a_354_body_with_mode_is_refused_below_354(volume: uuid.UUID, mode: Any) -> None:
    body = AttachmentCreate354Request(attachment=AttachmentCreate354(volume_uuid=volume, mode=mode)).to_dict()
    validate_create_body(body, "volume 3.54")
    with pytest.raises(jsonschema.ValidationError, match="Additional properties"):
        validate_create_body(body, "volume 3.27")


@HYPOTHESIS
@given(extra=st.dictionaries(connector_keys, json_values, min_size=1, max_size=6))
def test_connector_keeps_every_key(extra: dict[str, Any]) -> None:
    connector = Connector()
    for key, value in extra.items():
        connector[key] = value
    body = AttachmentCreate354Request(
        attachment=AttachmentCreate354(volume_uuid=uuid.UUID(VOLUME), connector=connector)
    ).to_dict()
    assert body["attachment"]["connector"] == extra
    validate_create_body(body, "volume 3.54")
    # and it survives a parse of the same dict
    assert Connector.from_dict(extra).to_dict() == extra


@HYPOTHESIS
@given(connector=connectors(min_keys=1))
def test_update_bodies_pass_cinders_update_schema(connector: Connector) -> None:
    body = AttachmentUpdateRequest(attachment=AttachmentUpdate(connector=connector)).to_dict()
    validate_update_body(body)
    assert body == {"attachment": {"connector": connector.to_dict()}}


def test_update_with_an_empty_connector_is_refused() -> None:
    """The generated model cannot express minProperties: callers must check for {}."""
    body = AttachmentUpdateRequest(attachment=AttachmentUpdate(connector=Connector())).to_dict()
    assert body == {"attachment": {"connector": {}}}
    with pytest.raises(jsonschema.ValidationError, match="non-empty|enough properties"):
        validate_update_body(body)


def test_complete_body() -> None:
    body = AttachmentCompleteRequest(os_complete=None).to_dict()
    assert body == {"os-complete": None}
    validate_complete_body(body)


def test_the_tempest_connector_body() -> None:
    connector = Connector.from_dict(TEMPEST_CONNECTOR)
    body = AttachmentCreate354Request(
        attachment=AttachmentCreate354(
            volume_uuid=uuid.UUID(VOLUME),
            instance_uuid=uuid.UUID(INSTANCE),
            connector=connector,
            mode="rw",
        )
    ).to_dict()
    assert body == {
        "attachment": {
            "volume_uuid": VOLUME,
            "instance_uuid": INSTANCE,
            "connector": TEMPEST_CONNECTOR,
            "mode": "rw",
        }
    }
    validate_create_body(body, "volume 3.54")


@pytest.mark.parametrize(
    "spelling",
    [VOLUME.upper(), VOLUME.replace("-", ""), f"urn:uuid:{VOLUME}", "{" + VOLUME + "}"],
)
def test_generated_models_send_canonical_uuids(spelling: str) -> None:
    """Cinder accepts these spellings but then looks the volume up verbatim (404):
    the uuid-typed fields of the generated models always send canonical lower case."""
    body = AttachmentCreate354Request(attachment=AttachmentCreate354(volume_uuid=uuid.UUID(spelling))).to_dict()
    assert body == {"attachment": {"volume_uuid": VOLUME}}


# ---------------------------------------------------------------------------
# the schemas are strict (each of these is a 400 from the real server)

BAD_CREATE_BODIES: list[tuple[str, str, object]] = [
    ("mode null", "volume 3.54", {"attachment": {"volume_uuid": VOLUME, "mode": None}}),
    ("mode 'null'", "volume 3.54", {"attachment": {"volume_uuid": VOLUME, "mode": "null"}}),
    ("mode xx", "volume 3.54", {"attachment": {"volume_uuid": VOLUME, "mode": "xx"}}),
    ("mode at 3.27", "volume 3.27", {"attachment": {"volume_uuid": VOLUME, "mode": "rw"}}),
    ("instance_uuid null", "volume 3.54", {"attachment": {"volume_uuid": VOLUME, "instance_uuid": None}}),
    (
        "instance_uuid null 3.27",
        "volume 3.27",
        {"attachment": {"volume_uuid": VOLUME, "instance_uuid": None}},
    ),
    ("unknown field", "volume 3.54", {"attachment": {"volume_uuid": VOLUME, "host": "h"}}),
    ("unknown field 3.27", "volume 3.27", {"attachment": {"volume_uuid": VOLUME, "bogus": 1}}),
    ("unknown top-level key", "volume 3.54", {"attachment": {"volume_uuid": VOLUME}, "extra": {}}),
    ("no attachment key", "volume 3.54", {"volume_uuid": VOLUME}),
    ("no volume_uuid", "volume 3.54", {"attachment": {"instance_uuid": INSTANCE}}),
    ("volume_uuid not a uuid", "volume 3.54", {"attachment": {"volume_uuid": "not-a-uuid"}}),
    ("volume_uuid null", "volume 3.54", {"attachment": {"volume_uuid": None}}),
    (
        "instance_uuid not a uuid",
        "volume 3.54",
        {"attachment": {"volume_uuid": VOLUME, "instance_uuid": "i-1"}},
    ),
    ("connector a string", "volume 3.54", {"attachment": {"volume_uuid": VOLUME, "connector": "iqn"}}),
    ("connector a list", "volume 3.54", {"attachment": {"volume_uuid": VOLUME, "connector": []}}),
    ("attachment null", "volume 3.54", {"attachment": None}),
    ("body a list", "volume 3.54", [{"attachment": {"volume_uuid": VOLUME}}]),
]


@pytest.mark.parametrize(
    ("microversion", "body"),
    [(mv, body) for _, mv, body in BAD_CREATE_BODIES],
    ids=[name for name, _, _ in BAD_CREATE_BODIES],
)
def test_cinders_create_schema_refuses_bad_bodies(microversion: str, body: object) -> None:
    assert create_body_errors(body, microversion) != []
    with pytest.raises(jsonschema.ValidationError):
        validate_create_body(body, microversion)


@pytest.mark.parametrize(
    "body",
    [
        {"attachment": {"connector": {}}},
        {"attachment": {"connector": None}},
        {"attachment": {}},
        {"attachment": {"connector": {"initiator": "iqn"}, "mode": "rw"}},
        {"attachment": {"connector": {"initiator": "iqn"}}, "extra": 1},
    ],
)
def test_cinders_update_schema_refuses_bad_bodies(body: object) -> None:
    with pytest.raises(jsonschema.ValidationError):
        validate_update_body(body)


@pytest.mark.parametrize("body", [{}, {"os-complete": None, "other": 1}, {"os_complete": None}])
def test_cinders_complete_schema_refuses_bad_bodies(body: object) -> None:
    with pytest.raises(jsonschema.ValidationError):
        validate_complete_body(body)


@pytest.mark.parametrize(
    "body",
    [
        {"attachment": {"volume_uuid": VOLUME}},
        {"attachment": {"volume_uuid": VOLUME, "connector": None}},
        {"attachment": {"volume_uuid": VOLUME, "connector": {}}},
        {"attachment": {"volume_uuid": VOLUME, "instance_uuid": INSTANCE, "connector": TEMPEST_CONNECTOR}},
    ],
)
@pytest.mark.parametrize("microversion", ["volume 3.27", "volume 3.54", "3.60"])
def test_cinders_create_schema_accepts_good_bodies(body: object, microversion: str) -> None:
    validate_create_body(body, microversion)


# ---------------------------------------------------------------------------
# the uuid format is as lenient as oslo's is_uuid_like, no more


@pytest.mark.parametrize(
    "value",
    [
        VOLUME,
        VOLUME.upper(),
        VOLUME.replace("-", ""),
        VOLUME.replace("-", "").upper(),
        f"urn:uuid:{VOLUME}",
        "{" + VOLUME + "}",
    ],
)
def test_uuid_like_spellings_pass(value: str) -> None:
    assert is_uuid_like(value)
    validate_create_body({"attachment": {"volume_uuid": value}}, "volume 3.54")


@pytest.mark.parametrize(
    "value",
    [
        "",
        "not-a-uuid",
        VOLUME[:-1],
        VOLUME + "0",
        VOLUME.replace("-", "_"),
        VOLUME[:8] + "_" + VOLUME[9:],
        f" {VOLUME}",
        VOLUME.replace("e", "g", 1),
    ],
)
def test_non_uuids_fail(value: str) -> None:
    assert not is_uuid_like(value)
    with pytest.raises(jsonschema.ValidationError):
        validate_create_body({"attachment": {"volume_uuid": value}}, "volume 3.54")


@pytest.mark.parametrize("value", [None, 1, 1.5, [], {}])
def test_non_strings_are_not_uuid_like(value: object) -> None:
    assert not is_uuid_like(value)


# ---------------------------------------------------------------------------
# the helpers themselves


def test_schemas_are_valid_draft4() -> None:
    for schema in schemas().values():
        jsonschema.Draft4Validator.check_schema(schema)


def test_microversion_selects_the_schema() -> None:
    assert "mode" in create_schema_for("volume 3.54")["properties"]["attachment"]["properties"]
    assert "mode" in create_schema_for("3.71")["properties"]["attachment"]["properties"]
    assert "mode" not in create_schema_for("volume 3.53")["properties"]["attachment"]["properties"]
    assert "mode" not in create_schema_for("volume 3.27")["properties"]["attachment"]["properties"]
    with pytest.raises(ValueError, match="3.27"):
        create_schema_for("volume 3.26")
    with pytest.raises(ValueError, match="microversion"):
        create_schema_for("compute 2.1")
