"""``attach delete``: delete attachments (DELETE /attachments/{id}, 3.27); one failure stops none of the others."""

from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import APIError, AttachError, UsageError
from ..options import command
from ..output import Step, Steps
from . import summary
from ._common import AttachmentIDs, attachment_id, each_id

if TYPE_CHECKING:
    from ..client import AttachmentClient

HELP = summary("delete") + """

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

SERVICE_TOKEN_HINT = (
    "Deleting a connected attachment makes Cinder ask Nova whether the instance still uses it; that "
    "failed. With no Nova (or to skip the check) give a service token: --os-service-token or "
    "--os-service-cloud (see `attach delete --help`)."
)


def service_token(client: "AttachmentClient", token: str | None, cloud: str | None) -> str | None:
    """The service token to send: given, or from logging in as ``cloud`` (through the token cache)."""
    if token and cloud:
        raise UsageError("give --os-service-token or --os-service-cloud, not both.")
    return client.service_token(cloud) if cloud else token


def _deleting(client: "AttachmentClient", idents: list[str], token: str | None) -> Iterator[Step]:
    def deleting(ident: str) -> Step:
        client.delete(ident, service_token=token)
        return Step(ident, f"Deleted attachment {ident}.")

    def advise(exc: AttachError) -> None:
        if isinstance(exc, APIError) and exc.status == 500 and exc.hint is None:
            exc.add_hint(SERVICE_TOKEN_HINT)

    return each_id(client, idents, deleting, advise)


@command(output=False)
def delete(
    ids: AttachmentIDs,
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
    client: "AttachmentClient",
) -> Steps:
    idents = [attachment_id(i) for i in ids]  # all checked before any is sent
    token = service_token(client, os_service_token, os_service_cloud)
    return Steps(_deleting(client, idents, token))
