"""Cinder's own request-body schemas for the attachments API, as JSON Schema Draft 4.

Cinder (29.x) validates request bodies with ``jsonschema.Draft4Validator`` and a
format checker whose ``uuid`` check is oslo.utils' ``is_uuid_like``. The schemas below
restate what ``cinder/api/schemas/attachments.py`` enforces:

* create (3.27 - 3.53): ``{"attachment": {...}}`` and nothing else at the top level;
  inside, ``volume_uuid`` (required) and ``instance_uuid`` are uuid-like strings,
  ``connector`` is an object or null, and no other key is allowed.
* create (3.54 and later): the same, plus ``mode`` which must be ``"rw"`` or ``"ro"``.
* update: ``{"attachment": {"connector": {<at least one key>}}}`` and nothing else.
* os-complete: an object with the key ``os-complete`` (any value) and nothing else.

One deliberate difference: Cinder's create and update schemas carry a stray
``'type': 'object'`` entry inside ``properties`` (so a top-level key literally named
``type`` escapes ``additionalProperties``). It is left out here; a client never sends
such a key, so being stricter costs nothing.

Use :func:`validate_create_body` from other tests (for instance with bodies the CLI
builds) to check a body would get past Cinder's validation at a given microversion.

Cinder takes any object as the connector; what each key must hold is decided by
os-brick, which builds it, and by the drivers, which read it. :data:`OS_BRICK_CONNECTOR`
restates those types from os-brick's source (``get_connector_properties`` in
``os_brick/initiator/connector.py`` and in each connector it calls: base, iscsi,
fibre_channel, nvmeof, lightos, rbd, scaleio) plus Nova's ``mountpoint``, independently
of the spec, so that a test can compare the two.
"""

from __future__ import annotations

import copy
import re
import uuid
from collections.abc import Mapping
from typing import Any, Final

import jsonschema

JsonSchema = dict[str, Any]

#: First microversion of the attachments API.
ATTACHMENTS_MIN: Final = (3, 27)
#: First microversion whose create body may carry ``mode``.
CREATE_MODE_MIN: Final = (3, 54)
#: First microversion with the ``os-complete`` action.
COMPLETE_MIN: Final = (3, 44)

_UUID: Final[JsonSchema] = {"type": "string", "format": "uuid"}

CREATE_327: Final[JsonSchema] = {
    "$schema": "http://json-schema.org/draft-04/schema#",
    "type": "object",
    "properties": {
        "attachment": {
            "type": "object",
            "properties": {
                "volume_uuid": _UUID,
                "instance_uuid": _UUID,
                "connector": {"type": ["object", "null"]},
            },
            "required": ["volume_uuid"],
            "additionalProperties": False,
        },
    },
    "required": ["attachment"],
    "additionalProperties": False,
}


def _with_mode(schema: JsonSchema) -> JsonSchema:
    extended = copy.deepcopy(schema)
    extended["properties"]["attachment"]["properties"]["mode"] = {
        "type": "string",
        "enum": ["rw", "ro"],
    }
    return extended


CREATE_354: Final[JsonSchema] = _with_mode(CREATE_327)

UPDATE: Final[JsonSchema] = {
    "$schema": "http://json-schema.org/draft-04/schema#",
    "type": "object",
    "properties": {
        "attachment": {
            "type": "object",
            "properties": {
                "connector": {"type": "object", "minProperties": 1},
            },
            "required": ["connector"],
            "additionalProperties": False,
        },
    },
    "required": ["attachment"],
    "additionalProperties": False,
}

COMPLETE: Final[JsonSchema] = {
    "$schema": "http://json-schema.org/draft-04/schema#",
    "type": "object",
    "properties": {"os-complete": {}},
    "required": ["os-complete"],
    "additionalProperties": False,
}


_STRING: Final[JsonSchema] = {"type": "string"}
_BOOLEAN: Final[JsonSchema] = {"type": "boolean"}
_STRINGS: Final[JsonSchema] = {"type": "array", "items": {"type": "string"}}

OS_BRICK_CONNECTOR: Final[JsonSchema] = {
    "$schema": "http://json-schema.org/draft-04/schema#",
    "type": "object",
    "properties": {
        # connector.get_connector_properties itself
        "platform": _STRING,  # platform.machine()
        "os_type": _STRING,  # sys.platform
        "ip": _STRING,  # my_ip
        "host": _STRING,  # host or socket.gethostname()
        # base.BaseLinuxConnector: the caller's flags, passed through
        "multipath": _BOOLEAN,
        "enforce_multipath": _BOOLEAN,
        "initiator": _STRING,  # iscsi: /etc/iscsi/initiatorname.iscsi
        "wwpns": _STRINGS,  # fibre_channel: one per HBA port
        "wwnns": _STRINGS,
        # nvmeof
        "nqn": _STRING,
        "uuid": _STRING,
        "system uuid": _STRING,
        "nvme_hostid": _STRING,
        "nvme_native_multipath": _BOOLEAN,
        # lightos
        "host_ips": _STRINGS,
        "found_dsc": _STRING,  # 'found' or ''
        "do_local_attach": _BOOLEAN,  # rbd
        "sdc_guid": _STRING,  # scaleio
        "mountpoint": _STRING,  # Nova: the guest device, e.g. /dev/vdb
    },
    "additionalProperties": True,
}


def connector_type_errors(connector: object) -> list[str]:
    """Every key of ``connector`` whose value os-brick would never give it (empty when it passes)."""
    validator = jsonschema.Draft4Validator(OS_BRICK_CONNECTOR)
    return sorted(_describe(err) for err in validator.iter_errors(connector))


def is_uuid_like(value: object) -> bool:
    """Behave like oslo_utils.uuidutils.is_uuid_like.

    Accepts what :class:`uuid.UUID` parses - canonical, upper case, without dashes,
    ``urn:uuid:`` prefixed, in braces - as long as nothing but those decorations and
    case differs from the 32 hex digits.
    """
    if not isinstance(value, str):
        return False
    try:
        parsed = uuid.UUID(value)
    except ValueError:
        return False
    bare = value.replace("urn:", "").replace("uuid:", "").strip("{}").replace("-", "").lower()
    return parsed.hex == bare


FORMAT_CHECKER: Final = jsonschema.FormatChecker(formats=())
FORMAT_CHECKER.checks("uuid")(is_uuid_like)

_MICROVERSION = re.compile(r"^(?:volume\s+)?(\d+)\.(\d+)$")


def parse_microversion(microversion: str) -> tuple[int, int]:
    """``"volume 3.54"`` or ``"3.54"`` -> ``(3, 54)``."""
    match = _MICROVERSION.match(microversion.strip())
    if match is None:
        raise ValueError(f"not a volume microversion: {microversion!r}")
    return int(match.group(1)), int(match.group(2))


def create_schema_for(microversion: str) -> JsonSchema:
    """The create schema Cinder applies at ``microversion``."""
    version = parse_microversion(microversion)
    if version < ATTACHMENTS_MIN:
        raise ValueError(f"{microversion!r}: the attachments API needs volume 3.27 (Cinder answers 404)")
    return CREATE_354 if version >= CREATE_MODE_MIN else CREATE_327


def _validator(schema: JsonSchema) -> jsonschema.Draft4Validator:
    return jsonschema.Draft4Validator(schema, format_checker=FORMAT_CHECKER)


def create_body_errors(body: object, microversion: str) -> list[str]:
    """Every reason Cinder's schema would refuse ``body`` (empty when it passes)."""
    validator = _validator(create_schema_for(microversion))
    return sorted(_describe(err) for err in validator.iter_errors(body))


def validate_create_body(body: object, microversion: str) -> None:
    """Raise :class:`jsonschema.ValidationError` unless Cinder's create schema for
    ``microversion`` (``"volume 3.54"``, ``"volume 3.27"``, or bare ``"3.54"``)
    accepts ``body``."""
    _validator(create_schema_for(microversion)).validate(body)


def validate_update_body(body: object) -> None:
    """Raise :class:`jsonschema.ValidationError` unless Cinder's update schema accepts ``body``."""
    _validator(UPDATE).validate(body)


def validate_complete_body(body: object) -> None:
    """Raise :class:`jsonschema.ValidationError` unless Cinder's os-complete schema accepts ``body``."""
    _validator(COMPLETE).validate(body)


def _describe(error: jsonschema.ValidationError) -> str:
    where = "/".join(str(part) for part in error.absolute_path) or "<body>"
    return f"{where}: {error.message}"


def schemas() -> Mapping[str, JsonSchema]:
    """All schemas by name, for meta-validation."""
    return {
        "create": CREATE_327,
        "create_v354": CREATE_354,
        "update": UPDATE,
        "complete": COMPLETE,
        "os_brick_connector": OS_BRICK_CONNECTOR,
    }
