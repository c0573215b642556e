"""What the commands share: option types, input checks, record building and command-level hints.

Advice that names a CLI command (``attach create327``, ``attach list …``) lives here and in the
commands, never in the fault mapper, which knows only the API.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

import typer

from ..connector import build_connector
from ..errors import APIError, AttachError, UsageError
from ..faults import version_tuple
from ..output import Record
from ..uuids import canonical_uuid

VolumeUUID = Annotated[
    str, typer.Option("--volume-uuid", help="The volume to attach.", metavar="UUID", show_default=False)
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
KeepOnFailure = Annotated[
    bool,
    typer.Option(
        "--keep-on-failure",
        help="If Cinder reserves the volume but the connect fails, keep that reservation (default: delete it).",
    ),
]
AttachmentID = Annotated[str, typer.Argument(help="The attachment's id.", metavar="ATTACHMENT_ID", show_default=False)]


def attachment_id(value: str) -> str:
    return canonical_uuid(value, "ATTACHMENT_ID")


def record(attachment: Any) -> Record:
    """An attachment model as the formatter shows it: exactly the keys and values the server sent."""
    return Record(attachment.to_dict())


def create_inputs(
    volume_uuid: str, instance_uuid: str | None, pairs: list[str] | None, file: str | None
) -> tuple[str, str | None, dict[str, Any] | None]:
    """Check every create input before anything is sent: (volume, instance, connector)."""
    volume = canonical_uuid(volume_uuid, "--volume-uuid")
    instance = canonical_uuid(instance_uuid, "--instance-uuid") if instance_uuid is not None else None
    return volume, instance, build_connector(pairs or (), file)


@contextmanager
def create_hints(volume: str, *, below_354_hint: bool) -> Iterator[None]:
    """Add the CLI's advice to a failed create: how to check a create that may exist, which command to use,
    how to delete the reservation it left."""
    try:
        yield
    except AttachError as exc:
        if exc.may_have_created:
            exc.add_hint(f"Check with: attach list --volume-id {volume} --long")
        elif len(exc.leftovers) == 1:
            exc.add_hint(f"Delete it with: attach delete {exc.leftovers[0]}")
        elif exc.leftovers:
            exc.add_hint("Delete the one it left with: attach delete ID")
        if isinstance(exc, APIError) and exc.volume_status in ("reserved", "unknown"):
            exc.add_hint(
                f"A reservation left behind shows in: attach list --volume-id {volume} --status reserved; "
                "delete it with: attach delete ID"
            )
        if (
            below_354_hint
            and isinstance(exc, APIError)
            and exc.status == 406
            and exc.max_version
            and version_tuple(exc.max_version) >= (3, 27)
        ):
            exc.add_hint("Use `attach create327` (no --mode) on this cloud.")
        raise


def require_connector(conn: dict[str, Any] | None, command: str) -> dict[str, Any]:
    if conn is None:
        raise UsageError(f"{command} needs a connector.", hint="Give --connector KEY=VALUE or --connector-file PATH.")
    return conn
