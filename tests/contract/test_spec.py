"""The hand-written OpenAPI document (spec/cinder-attachments.yaml) is valid and complete.

* It validates as OpenAPI 3.1 (openapi-spec-validator).
* It has exactly the operations the CLI calls, each with the microversion header
  (an enum with a default, never ``const``: openapi-python-client silently drops an
  endpoint whose header is a const), a description naming that microversion, and
  every fault response (Cinder's ``Fault`` map; keystonemiddleware's 401).
* Request schemas are strict and response schemas lenient.
* Every captured fixture validates against the spec's own schema for its status,
  and the generated package has a module for every operation.
"""

from __future__ import annotations

import importlib
import json
import re
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from openapi_spec_validator import validate
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

ROOT = Path(__file__).resolve().parents[2]
SPEC_PATH = ROOT / "spec" / "cinder-attachments.yaml"
FIXTURE_DIR = Path(__file__).resolve().parent / "fixtures"
SPEC: dict[str, Any] = yaml.safe_load(SPEC_PATH.read_text())
SPEC_URI = "urn:cinder-attachments-spec"

HEADER = "OpenStack-API-Version"
METHODS = ("get", "put", "post", "delete", "patch")
OPERATIONS: dict[str, tuple[str, str, str]] = {
    # operationId: (method, path, minimum microversion)
    "create_attachment": ("post", "/attachments", "volume 3.27"),
    "list_attachments": ("get", "/attachments", "volume 3.27"),
    "list_attachments_detail": ("get", "/attachments/detail", "volume 3.27"),
    "show_attachment": ("get", "/attachments/{attachment_id}", "volume 3.27"),
    "update_attachment": ("put", "/attachments/{attachment_id}", "volume 3.27"),
    "delete_attachment": ("delete", "/attachments/{attachment_id}", "volume 3.27"),
    "complete_attachment": ("post", "/attachments/{attachment_id}/action", "volume 3.44"),
    "list_volumes_detail": ("get", "/volumes/detail", "volume 3.27"),
    "show_volume": ("get", "/volumes/{volume_id}", "volume 3.27"),
    # Nova's, for prune (relative to the compute endpoint)
    "show_server": ("get", "/servers/{server_id}", "compute 2.89"),
    "list_server_volume_attachments": ("get", "/servers/{server_id}/os-volume_attachments", "compute 2.89"),
    "show_server_volume_attachment": (
        "get",
        "/servers/{server_id}/os-volume_attachments/{volume_id}",
        "compute 2.89",
    ),
}
COMPUTE = ("show_server", "list_server_volume_attachments", "show_server_volume_attachment")
# every other operation: attachments
TAGS = {"list_volumes_detail": "volumes", "show_volume": "volumes", **dict.fromkeys(COMPUTE, "compute")}
SUCCESS = {
    "create_attachment": ("200", "AttachmentResponse"),
    "list_attachments": ("200", "AttachmentList"),
    "list_attachments_detail": ("200", "AttachmentDetailList"),
    "show_attachment": ("200", "AttachmentResponse"),
    "update_attachment": ("200", "AttachmentResponse"),
    "delete_attachment": ("200", "AttachmentList"),
    "complete_attachment": ("204", None),
    "list_volumes_detail": ("200", "VolumeDetailList"),
    "show_volume": ("200", "VolumeResponse"),
    "show_server": ("200", "ServerResponse"),
    "list_server_volume_attachments": ("200", "ServerVolumeAttachmentList"),
    "show_server_volume_attachment": ("200", "ServerVolumeAttachmentResponse"),
}
FAULT_STATUSES = ("400", "403", "404", "406", "409", "413", "500")
COMPUTE_FAULT_STATUSES = ("403", "404", "500")  # what prune tells apart; anything else is unknown too
STRICT = (
    "AttachmentCreate354Request",
    "AttachmentCreate354",
    "AttachmentCreate327Request",
    "AttachmentCreate327",
    "AttachmentUpdateRequest",
    "AttachmentUpdate",
    "AttachmentCompleteRequest",
)
LENIENT = (
    "Attachment",
    "AttachmentSummary",
    "AttachmentResponse",
    "AttachmentList",
    "AttachmentDetailList",
    "ConnectionInfo",
    "Connector",
    "Link",
    "FaultDetail",
    "KeystoneError",
    "KeystoneErrorDetail",
    "VolumeDetail",
    "VolumeDetailList",
    "VolumeResponse",
    "VolumeAttachment",
    "Server",
    "ServerResponse",
    "ServerVolumeAttachment",
    "ServerVolumeAttachmentList",
    "ServerVolumeAttachmentResponse",
)


def resolve(node: Any) -> Any:
    """Follow local $refs until a non-reference node."""
    while isinstance(node, dict) and "$ref" in node:
        pointer = node["$ref"]
        assert pointer.startswith("#/"), pointer
        node = SPEC
        for part in pointer[2:].split("/"):
            node = node[part]
    return node


def ref_name(node: dict[str, Any]) -> str:
    return str(node["$ref"]).rsplit("/", 1)[-1]


def operations() -> Iterator[tuple[str, str, dict[str, Any], dict[str, Any]]]:
    """(path, method, operation, path item) for every operation in the spec."""
    for path, item in SPEC["paths"].items():
        for method in METHODS:
            if method in item:
                yield path, method, item[method], item


def operation(operation_id: str) -> tuple[dict[str, Any], dict[str, Any]]:
    for _, _, op, item in operations():
        if op["operationId"] == operation_id:
            return op, item
    raise KeyError(operation_id)


def parameters(op: dict[str, Any], item: dict[str, Any]) -> list[dict[str, Any]]:
    return [resolve(p) for p in [*item.get("parameters", []), *op.get("parameters", [])]]


def header_schema(param: dict[str, Any]) -> tuple[list[str], str | None]:
    """(enum, default) of a microversion header parameter, through allOf/$ref."""
    schema = param["schema"]
    default = schema.get("default")
    parts = [schema, *schema.get("allOf", [])]
    enum: list[str] = []
    for part in parts:
        target = resolve(part)
        assert "const" not in target, "const makes openapi-python-client drop the endpoint"
        enum += target.get("enum", [])
        default = default if default is not None else target.get("default")
    return enum, default


def walk(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from walk(value)


# ---------------------------------------------------------------------------


def test_spec_is_valid_openapi_31() -> None:
    assert str(SPEC["openapi"]).startswith("3.1")
    validate(SPEC)


def test_operations_are_exactly_the_ones_the_cli_calls() -> None:
    found = {op["operationId"]: (method, path) for path, method, op, _ in operations()}
    assert found == {name: (method, path) for name, (method, path, _) in OPERATIONS.items()}
    for _, _, op, _ in operations():
        assert op["tags"] == [TAGS.get(op["operationId"], "attachments")]
    assert {tag["name"] for tag in SPEC["tags"]} == {"attachments", "volumes", "compute"}


def test_compute_paths_name_the_compute_endpoint() -> None:
    """Nova's paths are relative to the catalog's compute endpoint, not to block-storage's."""
    for path, _, op, item in operations():
        servers = item.get("servers")
        if op["operationId"] in COMPUTE:
            assert servers and "compute" in servers[0]["url"], path
        else:
            assert servers is None, path


@pytest.mark.parametrize("operation_id", sorted(OPERATIONS))
def test_operation_has_the_microversion_header(operation_id: str) -> None:
    op, item = operation(operation_id)
    minimum = OPERATIONS[operation_id][2]
    headers = [p for p in parameters(op, item) if p["in"] == "header" and p["name"] == HEADER]
    assert len(headers) == 1, f"{operation_id}: needs exactly one {HEADER} header parameter"
    (param,) = headers
    enum, default = header_schema(param)
    assert param.get("required") or default is not None
    assert enum, f"{operation_id}: the header needs an enum"
    service = "compute 2" if operation_id in COMPUTE else "volume 3"
    assert all(re.fullmatch(service + r"\.\d+", value) for value in enum), enum
    assert minimum in enum
    assert default in enum
    versions = [tuple(int(n) for n in value.split()[1].split(".")) for value in enum]
    assert min(versions) >= tuple(int(n) for n in minimum.split()[1].split("."))


def test_create_defaults_to_354_and_allows_327() -> None:
    op, item = operation("create_attachment")
    (param,) = [p for p in parameters(op, item) if p["name"] == HEADER]
    enum, default = header_schema(param)
    assert set(enum) == {"volume 3.54", "volume 3.27"}
    assert default == "volume 3.54"
    body = op["requestBody"]["content"]["application/json"]["schema"]
    assert [ref_name(s) for s in body["oneOf"]] == ["AttachmentCreate354Request", "AttachmentCreate327Request"]


@pytest.mark.parametrize("operation_id", sorted(OPERATIONS))
def test_description_names_the_microversion(operation_id: str) -> None:
    op, _ = operation(operation_id)
    assert f"`{OPERATIONS[operation_id][2]}`" in op["description"]


@pytest.mark.parametrize("operation_id", sorted(OPERATIONS))
def test_operation_documents_success_and_every_fault(operation_id: str) -> None:
    op, _ = operation(operation_id)
    responses = op["responses"]
    status, schema_name = SUCCESS[operation_id]
    faults = COMPUTE_FAULT_STATUSES if operation_id in COMPUTE else FAULT_STATUSES
    assert set(responses) == {status, "401", *faults}
    success = resolve(responses[status])
    if schema_name is None:
        assert "content" not in success
    else:
        assert ref_name(success["content"]["application/json"]["schema"]) == schema_name
    for fault_status in faults:
        fault = resolve(responses[fault_status])
        assert ref_name(fault["content"]["application/json"]["schema"]) == "Fault", fault_status
    unauthorized = resolve(responses["401"])
    assert ref_name(unauthorized["content"]["application/json"]["schema"]) == "KeystoneError"


def test_fault_is_a_map_of_fault_details() -> None:
    schemas = SPEC["components"]["schemas"]
    fault = schemas["Fault"]
    assert fault["type"] == "object"
    assert "properties" not in fault
    assert ref_name(fault["additionalProperties"]) == "FaultDetail"
    detail = schemas["FaultDetail"]["properties"]
    assert detail["code"]["type"] == "integer"
    assert detail["message"]["type"] == "string"
    keystone = schemas["KeystoneErrorDetail"]["properties"]
    assert set(keystone) == {"code", "title", "message"}


@pytest.mark.parametrize("name", STRICT)
def test_request_schemas_are_strict(name: str) -> None:
    assert SPEC["components"]["schemas"][name]["additionalProperties"] is False


@pytest.mark.parametrize("name", LENIENT)
def test_response_schemas_are_lenient(name: str) -> None:
    assert SPEC["components"]["schemas"][name]["additionalProperties"] is True


def test_request_fields_that_cinder_refuses_as_null_are_not_nullable() -> None:
    schemas = SPEC["components"]["schemas"]
    for name in ("AttachmentCreate354", "AttachmentCreate327"):
        props = schemas[name]["properties"]
        assert props["volume_uuid"] == {**props["volume_uuid"], "type": "string", "format": "uuid"}
        assert props["instance_uuid"]["type"] == "string"
        assert schemas[name]["required"] == ["volume_uuid"]
    assert "mode" not in schemas["AttachmentCreate327"]["properties"]
    assert ref_name(schemas["AttachmentCreate354"]["properties"]["mode"]) == "AttachmentMode"
    assert schemas["AttachmentMode"] == {**schemas["AttachmentMode"], "type": "string", "enum": ["rw", "ro"]}


def test_connector_declares_os_bricks_keys_with_os_bricks_types() -> None:
    """The spec's Connector against cinder_schemas.OS_BRICK_CONNECTOR, restated from os-brick's source."""
    from cinder_schemas import OS_BRICK_CONNECTOR

    connector = SPEC["components"]["schemas"]["Connector"]
    assert connector["additionalProperties"] is True
    declared = {
        key: {k: v for k, v in prop.items() if k != "description"} for key, prop in connector["properties"].items()
    }
    assert declared == OS_BRICK_CONNECTOR["properties"]


def test_list_operations_take_all_tenants_and_project_id() -> None:
    for operation_id in ("list_attachments", "list_attachments_detail"):
        op, item = operation(operation_id)
        query = {p["name"]: p["schema"]["type"] for p in parameters(op, item) if p["in"] == "query"}
        assert query["all_tenants"] == "integer" and query["project_id"] == "string"
    op, item = operation("list_volumes_detail")
    assert [p["name"] for p in parameters(op, item) if p["in"] == "query"] == ["name"]


def test_no_const_and_no_date_time_anywhere() -> None:
    for node in walk(SPEC):
        assert "const" not in node
        assert node.get("format") != "date-time", "Cinder sends '' for unset times"


# ---------------------------------------------------------------------------
# the generated package matches the spec


@pytest.mark.parametrize("operation_id", sorted(OPERATIONS))
def test_generated_package_has_every_operation(operation_id: str) -> None:
    tag = TAGS.get(operation_id, "attachments")
    module = importlib.import_module(f"cinder_attach_client.api.{tag}.{operation_id}")
    for name in ("sync_detailed", "sync", "asyncio_detailed", "asyncio", "_parse_response"):
        assert callable(getattr(module, name))


def test_generated_header_literals_match_the_spec() -> None:
    models = importlib.import_module("cinder_attach_client.models")
    schemas = SPEC["components"]["schemas"]
    for name in (
        "CreateAttachmentMicroversion",
        "AttachmentMicroversion",
        "CompleteAttachmentMicroversion",
        "VolumeMicroversion",
        "ShowVolumeMicroversion",
        "ComputeMicroversion",
    ):
        assert set(typing.get_args(getattr(models, name))) == set(schemas[name]["enum"]), name
    assert set(typing.get_args(models.AttachmentMode)) == {"rw", "ro"}


# ---------------------------------------------------------------------------
# the spec's schemas accept what the real server sent

REGISTRY: Registry[Any] = Registry().with_resource(
    SPEC_URI, Resource.from_contents(SPEC, default_specification=DRAFT202012)
)


def spec_validator(schema_name: str) -> jsonschema.Draft202012Validator:
    schema = {"$ref": f"{SPEC_URI}#/components/schemas/{schema_name}"}
    return jsonschema.Draft202012Validator(
        schema, registry=REGISTRY, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


FIXTURES = sorted(FIXTURE_DIR.glob("*.json"))


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_fixture_body_matches_the_spec(path: Path) -> None:
    fixture = json.loads(path.read_text())
    op, _ = operation(fixture["operation"])
    response = resolve(op["responses"][str(fixture["status"])])
    if "content" not in response:
        assert fixture["body"] is None
        return
    schema = response["content"]["application/json"]["schema"]
    spec_validator(ref_name(schema)).validate(fixture["body"])


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_fixture_request_matches_the_spec_when_cinder_accepted_it(path: Path) -> None:
    fixture = json.loads(path.read_text())
    op, _ = operation(fixture["operation"])
    body = fixture["request"]["body"]
    if "requestBody" not in op:
        assert body is None
        return
    schema = op["requestBody"]["content"]["application/json"]["schema"]
    names = [ref_name(s) for s in schema.get("oneOf", [schema])]
    if fixture["operation"] == "create_attachment" and fixture["request"]["microversion"] in (
        "volume 3.54",
        "volume 3.27",
    ):
        names = ["AttachmentCreate354Request" if "3.54" in fixture["request"]["microversion"] else names[1]]
    results = [not list(spec_validator(name).iter_errors(body)) for name in names]
    if fixture["status"] in (200, 204):
        assert any(results), f"Cinder accepted a body the spec refuses: {body}"
    elif fixture["status"] == 400 and fixture["case"] in {"invalid_mode", "unknown_field", "mode_null"}:
        assert not any(results), f"Cinder refused (400) a body the spec accepts: {body}"
