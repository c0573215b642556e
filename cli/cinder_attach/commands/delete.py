"""``attach delete``: delete attachments (DELETE /attachments/{id}, 3.27); one failure stops none of the others."""

from typing import Annotated

import typer

from ..options import shared_options
from ..session import Run

HELP = """Delete one or more attachments.

Each id is deleted in turn; a failure on one does not stop the others, and the
exit code is 1 if any failed. Deleting a reserved attachment needs nothing
special. Deleting a *connected* one (with an instance and connection_info)
makes Cinder ask Nova whether the instance still uses it, unless the request
carries a service token: a token of a user with the `service` role, given with
--os-service-token or fetched by logging in as --os-service-cloud NAME (a cloud
in clouds.yaml). Without one, a cloud without Nova answers HTTP 500.

\b
Examples:
  attach delete $ATTACHMENT
  attach delete $A1 $A2 $A3
  attach delete $ATTACHMENT --os-service-cloud service-user-cloud
"""


@shared_options
def delete(
    ids: Annotated[list[str], typer.Argument(help="Attachment ids.", metavar="ATTACHMENT_ID...", show_default=False)],
    os_service_token: Annotated[
        str | None,
        typer.Option(
            "--os-service-token",
            help="Service token for connected attachments [env: OS_SERVICE_TOKEN].",
            envvar="OS_SERVICE_TOKEN",
            show_default=False,
            show_envvar=False,
        ),
    ] = None,
    os_service_cloud: Annotated[
        str | None,
        typer.Option(
            "--os-service-cloud",
            help="Log in as this cloud from clouds.yaml (a user with the service role) for the service token.",
            metavar="NAME",
            show_default=False,
        ),
    ] = None,
    *,
    run: Run,
) -> None:
    from uuid import UUID

    from cinder_attach_client.api.attachments import delete_attachment
    from cinder_attach_client.types import UNSET

    from ..api import call
    from ..cloud import CloudArgs
    from ..errors import AttachError, DryRunDone, UsageError
    from ..uuids import canonical_uuid

    idents = [UUID(canonical_uuid(i, "ATTACHMENT_ID")) for i in ids]  # all checked before any is sent
    if os_service_token and os_service_cloud:
        raise UsageError("give --os-service-token or --os-service-cloud, not both.")
    if os_service_cloud:
        service = Run(cloud=CloudArgs(cloud=os_service_cloud), use_cache=run.use_cache, debug=run.debug)
        os_service_token = service.resolve().token
    failed = 0
    for ident in idents:
        try:
            call(
                run,
                delete_attachment.sync_detailed,
                command="delete",
                microversion="3.27",
                attachment_id=ident,
                x_service_token=os_service_token or UNSET,
            )
        except DryRunDone:
            continue
        except AttachError as exc:
            if exc.exit_code != 1:
                raise
            failed += 1
            typer.echo(f"Error: {ident}: {exc}", err=True)
            continue
        typer.echo(f"Deleted attachment {ident}.")
    if failed:
        raise typer.Exit(1)
    if run.dry_run:
        raise DryRunDone()
