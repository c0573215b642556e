"""Pieces the commands share: option types, the create call, and rendering of one attachment."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

import typer

from ..connector import build_connector
from ..errors import UsageError
from ..output import ATTACHMENT_COLUMNS, OutputOptions, emit, render_one
from ..session import Run
from ..uuids import canonical_uuid

VolumeUUID = Annotated[
    str, typer.Option("--volume-uuid", help="The volume to attach (required).", metavar="UUID", show_default=False)
]
InstanceUUID = Annotated[
    str | None,
    typer.Option(
        "--instance-uuid",
        help="The server (Nova instance), or any consumer's unique id, the volume is attached to.",
        metavar="UUID",
        show_default=False,
    ),
]
ConnectorPairs = Annotated[
    list[str] | None,
    typer.Option(
        "--connector",
        help="A connector key (repeatable). VALUE is JSON if it parses (false, 3260, {...}), else a string.",
        metavar="KEY=VALUE",
        show_default=False,
    ),
]
ConnectorFile = Annotated[
    str | None,
    typer.Option(
        "--connector-file",
        help='Connector as JSON or YAML, bare or as {"connector": {...}}; - reads stdin. --connector overrides keys.',
        metavar="PATH|-",
        show_default=False,
    ),
]
AttachmentID = Annotated[str, typer.Argument(help="The attachment's id.", metavar="ATTACHMENT_ID", show_default=False)]

MODES = ("rw", "ro")


def attachment_id(value: str) -> UUID:
    return UUID(canonical_uuid(value, "ATTACHMENT_ID"))


def render_attachment(response: Any, out: OutputOptions) -> None:
    """Print the ``attachment`` of an AttachmentResponse exactly as the server sent it."""
    emit(render_one(response.parsed.attachment.to_dict(), out, ATTACHMENT_COLUMNS), out)


def create(
    run: Run,
    out: OutputOptions,
    *,
    microversion: str,
    volume_uuid: str,
    instance_uuid: str | None,
    mode: str | None,
    connector: list[str] | None,
    connector_file: str | None,
) -> None:
    """Validate everything, then make exactly one create request (never repeated once sent)."""
    out.check(ATTACHMENT_COLUMNS)
    volume = canonical_uuid(volume_uuid, "--volume-uuid")
    instance = canonical_uuid(instance_uuid, "--instance-uuid") if instance_uuid is not None else None
    if mode is not None and mode not in MODES:
        raise UsageError(f"--mode {mode!r} is not rw or ro.", hint="Use --mode rw (read-write) or --mode ro.")
    conn = build_connector(connector or (), connector_file)

    # Only now pay for the generated client (and httpx): a usage error above costs nothing.
    from cinder_attach_client.api.attachments import create_attachment
    from cinder_attach_client.models import (
        AttachmentCreate327,
        AttachmentCreate327Request,
        AttachmentCreate354,
        AttachmentCreate354Request,
        Connector,
    )
    from cinder_attach_client.models.attachment_mode import check_attachment_mode
    from cinder_attach_client.models.create_attachment_microversion import check_create_attachment_microversion
    from cinder_attach_client.types import UNSET

    from ..api import call

    fields: dict[str, Any] = {"volume_uuid": UUID(volume)}
    if instance is not None:
        fields["instance_uuid"] = UUID(instance)
    if conn is not None:
        fields["connector"] = Connector.from_dict(conn)
    body: AttachmentCreate354Request | AttachmentCreate327Request
    if microversion == "3.54":
        body = AttachmentCreate354Request(
            attachment=AttachmentCreate354(**fields, mode=check_attachment_mode(mode) if mode is not None else UNSET)
        )
    else:
        body = AttachmentCreate327Request(attachment=AttachmentCreate327(**fields))
    response = call(
        run,
        create_attachment.sync_detailed,
        command=f"create{microversion.replace('.', '')}",
        microversion=microversion,
        creates=True,
        check=f"attach list --volume-id {volume} --long",
        body=body,
        open_stack_api_version=check_create_attachment_microversion(f"volume {microversion}"),
    )
    render_attachment(response, out)
