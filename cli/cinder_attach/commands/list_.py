"""``attach list``: attachments, filtered, one page or all of them (GET /attachments[/detail], 3.27)."""

from collections.abc import Callable
from typing import Annotated, Any

import typer

from ..options import shared_options
from ..output import ATTACHMENT_COLUMNS, SUMMARY_COLUMNS, OutputOptions, emit, render_list
from ..session import Run

HELP = """List attachments.

\b
Examples:
  attach list --volume-id $VOL
  attach list --status reserved --long
  attach list --all-pages -f value -c id
"""

LONG_DEFAULT = tuple(c for c in ATTACHMENT_COLUMNS if c != "connection_info")
PAGE_SIZE = 1000
MAX_PAGES = 10_000


def _opt(name: str, help: str, metavar: str) -> Any:
    return typer.Option(name, help=help, metavar=metavar, show_default=False)


@shared_options
def list_attachments(
    volume_id: Annotated[str | None, _opt("--volume-id", "Only this volume's attachments.", "UUID")] = None,
    instance_id: Annotated[str | None, _opt("--instance-id", "Only this instance's attachments.", "UUID")] = None,
    status: Annotated[
        str | None, _opt("--status", "Only attachments in this status (e.g. reserved).", "STATUS")
    ] = None,
    long: Annotated[bool, typer.Option("--long", help="Show every field (GET /attachments/detail).")] = False,
    limit: Annotated[int | None, _opt("--limit", "At most this many per page.", "N")] = None,
    marker: Annotated[str | None, _opt("--marker", "Start after this attachment id.", "UUID")] = None,
    sort: Annotated[str | None, _opt("--sort", "Sort keys, e.g. created_at:desc.", "KEY[:DIR],…")] = None,
    all_pages: Annotated[bool, typer.Option("--all-pages", help="Follow pagination to the end.")] = False,
    *,
    run: Run,
    out: OutputOptions,
) -> None:
    from uuid import UUID

    from cinder_attach_client.api.attachments import list_attachments, list_attachments_detail
    from cinder_attach_client.types import UNSET

    from ..api import call
    from ..errors import UsageError
    from ..uuids import canonical_uuid

    out.check(ATTACHMENT_COLUMNS if long else SUMMARY_COLUMNS, many=True)
    if limit is not None and limit < 1:
        raise UsageError(f"--limit {limit} must be at least 1.")
    filters: dict[str, Any] = {}
    if volume_id is not None:
        filters["volume_id"] = UUID(canonical_uuid(volume_id, "--volume-id"))
    if instance_id is not None:
        filters["instance_id"] = UUID(canonical_uuid(instance_id, "--instance-id"))
    if status is not None:
        # Cinder 29 accepts `status` but matches nothing with it; the attachment's status is `attach_status`.
        filters["attach_status"] = status
    if sort is not None:
        filters["sort"] = sort
    fn: Callable[..., Any] = list_attachments_detail.sync_detailed if long else list_attachments.sync_detailed
    page_size = limit or (PAGE_SIZE if all_pages else None)
    next_marker: UUID | None = UUID(canonical_uuid(marker, "--marker")) if marker is not None else None
    records: list[dict[str, Any]] = []
    seen: set[str] = set()
    for _ in range(MAX_PAGES):
        response = call(
            run,
            fn,
            command="list",
            microversion="3.27",
            limit=page_size if page_size is not None else UNSET,
            marker=next_marker if next_marker is not None else UNSET,
            **filters,
        )
        page = [a.to_dict() for a in response.parsed.attachments]
        fresh = [a for a in page if str(a.get("id")) not in seen]
        records.extend(fresh)
        seen.update(str(a.get("id")) for a in fresh)
        if not all_pages or not fresh or page_size is None or len(page) < page_size:
            break
        next_marker = UUID(str(page[-1]["id"]))
    default = LONG_DEFAULT if long else SUMMARY_COLUMNS
    emit(render_list(records, out, default), out)
