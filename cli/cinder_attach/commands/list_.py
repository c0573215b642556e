"""``attach list``: every matching attachment, page after page (GET /attachments[/detail], 3.27)."""

from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..options import command
from ..output import ATTACHMENT_COLUMNS, SUMMARY_COLUMNS, Rows
from ..uuids import canonical_uuid

if TYPE_CHECKING:
    from ..client import AttachmentClient

HELP = """List attachments: all of them, following pages to the end.

Cinder returns at most 1000 attachments a page and sends no link to the next
one; `attach list` follows markers until the list ends, and prints -f value
and -f json rows as they arrive. --limit N caps the total.

\b
Examples:
  attach list --volume-id $VOL
  attach list --status reserved --long
  attach list --volume-id $VOL -f value -c id
"""

LONG_DEFAULT = tuple(c for c in ATTACHMENT_COLUMNS if c != "connection_info")


def _opt(name: str, help: str, metavar: str) -> Any:
    return typer.Option(name, help=help, metavar=metavar, show_default=False)


@command(many=True)
def list_attachments(
    volume_id: Annotated[str | None, _opt("--volume-id", "Only this volume's attachments.", "UUID")] = None,
    instance_id: Annotated[str | None, _opt("--instance-id", "Only this instance's attachments.", "UUID")] = None,
    status: Annotated[
        str | None, _opt("--status", "Only attachments in this status (e.g. reserved).", "STATUS")
    ] = None,
    long: Annotated[bool, typer.Option("--long", help="Show every field (GET /attachments/detail).")] = False,
    limit: Annotated[int | None, _opt("--limit", "At most this many attachments in all.", "N")] = None,
    marker: Annotated[str | None, _opt("--marker", "Start after this attachment id.", "UUID")] = None,
    sort: Annotated[str | None, _opt("--sort", "Sort keys, e.g. created_at:desc.", "KEY[:DIR],…")] = None,
    all_pages: Annotated[
        bool, typer.Option("--all-pages", help="Accepted for old scripts: every list follows pages now.")
    ] = False,
    *,
    client: "AttachmentClient",
) -> Rows:
    from ..errors import UsageError

    if limit is not None and limit < 1:
        raise UsageError(f"--limit {limit} must be at least 1.")
    rows = client.list(
        detail=long,
        volume_id=canonical_uuid(volume_id, "--volume-id") if volume_id is not None else None,
        instance_id=canonical_uuid(instance_id, "--instance-id") if instance_id is not None else None,
        marker=canonical_uuid(marker, "--marker") if marker is not None else None,
        status=status,
        sort=sort,
        limit=limit,
    )
    return Rows(
        (item.to_dict() for item in rows),
        ATTACHMENT_COLUMNS if long else SUMMARY_COLUMNS,
        LONG_DEFAULT if long else SUMMARY_COLUMNS,
    )
