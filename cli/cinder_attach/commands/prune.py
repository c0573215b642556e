"""``attach prune``: the attachments nobody owns any more, with a verdict and a reason each; a dry run unless
--apply, which deletes the ``prune`` rows (DELETE /attachments/{id}, 3.27; Nova read at compute 2.89)."""

from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..inputs import check_not_empty
from ..options import command
from ..output import Rows
from ..uuids import canonical_uuid
from ..views import PRUNE_COLUMNS, PRUNE_DEFAULT
from . import summary
from ._common import AllProjects, InstanceFilter, ProjectFilter, filter_option, find_volume, volume_input

if TYPE_CHECKING:
    from ..client import AttachmentClient

HELP = summary("prune") + """

A dry run by default: one row per attachment in scope, with a verdict and
why. Nova is asked once per server which volumes it holds (GET
/servers/{id}/os-volume_attachments at compute 2.89), the question Cinder
itself asks before an owner's delete:

\b
  no instance                         unknown (never pruned)
  server gone                         prune
  server alive, not holding it        prune
  Nova holds it (this attachment id)  keep
  Nova holds another attachment id    prune; keep while the server
                                      migrates or resizes
  Nova 401/403/5xx, no compute        unknown (never pruned)
  endpoint in the catalog

--apply deletes the prune rows (only DELETE /attachments/{id}, no service
token: Cinder asks Nova again and answers 409 if Nova took the volume
meanwhile; that row is skipped). Each row's `result` says deleted, skipped
or failed. A summary line goes to stderr.

Exit codes: 0 the run finished (whatever the verdicts; skipped rows
included); 1 listing failed, or a delete failed; 2 usage (including
--all-projects or --project for a user who is not an admin); 130
interrupted.

\b
Examples:
  attach prune
  attach prune --volume data-1 --status reserved --status attaching
  attach prune --volume $VOL -f json
  attach prune --volume $VOL --apply
  attach prune --all-projects --os-cloud admin-cloud
"""



@command(columns=PRUNE_COLUMNS, many=True)
def prune(
    volume: Annotated[
        str | None,
        filter_option("--volume", "Only this volume's attachments, by name or id (a name: one GET).", "NAME|UUID"),
    ] = None,
    instance_id: InstanceFilter = None,
    status: Annotated[
        list[str] | None, filter_option("--status", "Only attachments in this status (repeatable).", "STATUS")
    ] = None,
    all_projects: AllProjects = False,
    project: ProjectFilter = None,
    apply: Annotated[bool, typer.Option("--apply", help="Delete the prune rows (default: a dry run).")] = False,
    *,
    client: "AttachmentClient",
) -> Rows:
    if project is not None:
        check_not_empty(project, "--project", "the project's id")
    ref = volume_input(None, volume, "--volume", required=False)
    instance = canonical_uuid(instance_id, "--instance-id") if instance_id is not None else None
    volume_id = find_volume(client, ref, "--volume", "Nothing was pruned.") if ref is not None else None
    rows = client.prune(apply=apply, statuses=status or (), volume_id=volume_id, instance_id=instance,
                        all_projects=all_projects, project_id=project)  # fmt: skip
    failed = 0

    def dicts() -> Any:
        nonlocal failed
        for row in rows:
            failed += row.result.startswith("failed")
            yield row.to_dict()

    return Rows(dicts(), PRUNE_COLUMNS, PRUNE_COLUMNS if apply else PRUNE_DEFAULT, failed=lambda: failed)
