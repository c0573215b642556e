"""``attach list``: every matching attachment, page after page (GET /attachments[/detail], 3.27)."""

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..errors import UsageError
from ..inputs import check_limit, check_not_empty
from ..options import command
from ..output import Rows
from ..uuids import canonical_uuid
from ..views import ATTACHMENT_COLUMNS, BLANK_IN_TABLE, LONG_DEFAULT, LONG_ONLY, SUMMARY_COLUMNS
from . import summary
from ._common import AllProjects, InstanceFilter, ProjectFilter, filter_option, find_volume, volume_input

if TYPE_CHECKING:
    from ..client import AttachmentClient

HELP = summary("list") + """

Cinder returns at most osapi_max_limit attachments a page (1000 unless the
cloud sets another number) and sends no link to the next one; `attach list`
follows markers until a page shows the end, whatever that number is, and
prints -f value and -f json rows as they arrive. --limit N caps the total.

--volume takes a volume's name or id (a name costs one GET and must name
exactly one volume of your project). --all-projects (admin only) lists every
project's attachments, and --project ID only that project's; Cinder ignores
--all-projects for a user who is not an admin and lists their own project.

-c takes a field name (volume_id) or the openstack CLI's heading for it
("Volume ID", "Server ID"), in any case; attach_mode, attached_at,
detached_at and connection_info are in the --long list only.

\b
Examples:
  attach list --volume-id $VOL
  attach list --volume data-1 --long
  attach list --status reserved --long
  attach list --volume-id $VOL -f value -c id
  attach list -c ID -c "Server ID" -c Status
  attach list --all-projects --os-cloud admin-cloud
  attach list --project $PROJECT_ID --os-cloud admin-cloud
"""


def _shown(own: Mapping[str, Any], asked: Sequence[str]) -> Sequence[str]:
    """The columns this run shows: the summary's, unless --long; a --long column asked for without it says so."""
    if own["long"]:
        return ATTACHMENT_COLUMNS
    wanted = [c for c in asked if c in LONG_ONLY]
    if wanted:
        which = ", ".join(repr(c) for c in wanted)
        raise UsageError(
            f"-c/--column {which}: only `attach list --long` has {'that column' if len(wanted) == 1 else 'them'}.",
            hint="Add --long.",
        )
    return SUMMARY_COLUMNS



@command(many=True, shown=_shown)
def list_attachments(
    volume_id: Annotated[str | None, filter_option("--volume-id", "Only this volume's attachments.", "UUID")] = None,
    volume: Annotated[
        str | None,
        filter_option("--volume", "Only this volume's attachments, by name or id (a name costs one GET).", "NAME|UUID"),
    ] = None,
    instance_id: InstanceFilter = None,
    status: Annotated[
        str | None, filter_option("--status", "Only attachments in this status (e.g. reserved).", "STATUS")
    ] = None,
    long: Annotated[bool, typer.Option("--long", help="Show every field (GET /attachments/detail).")] = False,
    limit: Annotated[int | None, filter_option("--limit", "At most this many attachments in all.", "N")] = None,
    marker: Annotated[str | None, filter_option("--marker", "Start after this attachment id.", "UUID")] = None,
    sort: Annotated[str | None, filter_option("--sort", "Sort keys, e.g. created_at:desc.", "KEY[:DIR],…")] = None,
    all_projects: AllProjects = False,
    project: ProjectFilter = None,
    all_pages: Annotated[
        bool, typer.Option("--all-pages", help="Accepted for old scripts: every list follows pages now.")
    ] = False,
    *,
    client: "AttachmentClient",
) -> Rows:
    check_limit(limit, "--limit")
    if project is not None:
        check_not_empty(project, "--project", "the project's id")
    ref = volume_input(volume_id, volume, "--volume-id", required=False)
    instance = canonical_uuid(instance_id, "--instance-id") if instance_id is not None else None
    after = canonical_uuid(marker, "--marker") if marker is not None else None
    rows = client.list(  # every input is checked: only now may a volume name cost its GET
        detail=long,
        volume_id=find_volume(client, ref, "--volume-id", "Nothing was listed.") if ref is not None else None,
        instance_id=instance,
        marker=after,
        status=status,
        sort=sort,
        limit=limit,
        all_projects=all_projects,
        project_id=project,
    )
    return Rows(
        (item.to_dict() for item in rows),
        ATTACHMENT_COLUMNS if long else SUMMARY_COLUMNS,
        LONG_DEFAULT if long else SUMMARY_COLUMNS,
        BLANK_IN_TABLE,
    )
