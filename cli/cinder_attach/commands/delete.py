"""``attach delete``: delete attachments (DELETE /attachments/{id}, 3.27), by id (one failure stops none of the
others) or as a volume's attachment for a server; ``--ignore-missing`` makes one already gone a success."""

from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import AmbiguousAttachment, APIError, AttachError, UsageError
from ..options import command
from ..output import Step, Steps
from ..uuids import canonical_uuid
from . import summary
from ._common import attachment_id, each_id, find_volume

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

--ignore-missing makes an attachment that is already gone a success (a note
on stderr says so), so that a detach script can run again; without it that is
exit 1. --volume V --instance-uuid I deletes the server's attachment of the
volume instead of one given by id: one GET finds it, then it is deleted; when
several match, none is deleted, they are listed, and the exit code is 1.

\b
Examples:
  attach delete $ATTACHMENT
  attach delete $A1 $A2 $A3
  attach delete $ATTACHMENT --os-service-cloud service-user-cloud
\b
  # a detach step that may run twice
  attach delete $ATTACHMENT --ignore-missing
\b
  # the server's attachment of the volume, without its id
  attach delete --volume $VOL --instance-uuid $SERVER --os-service-cloud service-user-cloud
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


def _deleting(client: "AttachmentClient", idents: list[str], token: str | None, ignore: bool) -> Iterator[Step]:
    def deleting(ident: str) -> Step:
        if client.delete(ident, service_token=token, ignore_missing=ignore):
            return Step(ident, f"Deleted attachment {ident}.")
        return Step(ident)  # already gone: the note on stderr says so

    return each_id(client, idents, deleting, _advise)


def _advise(exc: AttachError) -> None:
    if isinstance(exc, APIError) and exc.status == 500 and exc.hint is None:
        exc.add_hint(SERVICE_TOKEN_HINT)


def _deleting_for(client: "AttachmentClient", volume: str, instance: str, token: str | None, ignore: bool) -> Step:
    try:
        found = client.delete_for(volume, instance, service_token=token, ignore_missing=ignore)
    except AmbiguousAttachment as exc:
        exc.add_hint("Delete the one you mean by its id: attach delete ID")
        raise
    except AttachError as exc:
        _advise(exc)
        raise
    if found is None:
        return Step(volume)
    return Step(found, f"Deleted attachment {found} (volume {volume}, instance {instance}).")


def _targets(ids: list[str] | None, volume: str | None, instance: str | None) -> list[str]:
    """The ids to delete, or none when the volume and the instance name the attachment; checked before sending."""
    if ids and (volume or instance):
        raise UsageError("give attachment ids, or --volume with --instance-uuid, not both.")
    if ids:
        return [attachment_id(i) for i in ids]
    if not (volume and instance):
        raise UsageError(
            "nothing to delete.", hint="Give attachment ids, or --volume NAME|UUID with --instance-uuid UUID."
        )
    return []


@command(output=False)
def delete(
    ids: Annotated[
        list[str] | None,
        typer.Argument(help="Attachment ids.", metavar="[ATTACHMENT_ID...]", show_default=False),
    ] = None,
    volume: Annotated[
        str | None,
        typer.Option("--volume", help="With --instance-uuid: that server's attachment of this volume (name or id).",
                     metavar="NAME|UUID", show_default=False),
    ] = None,
    instance_uuid: Annotated[
        str | None,
        typer.Option("--instance-uuid", help="With --volume: the server whose attachment to delete.",
                     metavar="UUID", show_default=False),
    ] = None,
    ignore_missing: Annotated[
        bool, typer.Option("--ignore-missing", help="An attachment already gone is a success (a note on stderr).")
    ] = False,
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
) -> Steps:  # fmt: skip
    idents = _targets(ids, volume, instance_uuid)  # all checked before any is sent
    instance = canonical_uuid(instance_uuid, "--instance-uuid") if instance_uuid else None
    token = service_token(client, os_service_token, os_service_cloud)
    if volume and instance:
        volume_id = find_volume(client, volume, "--volume", "Nothing was deleted.")
        return Steps([_deleting_for(client, volume_id, instance, token, ignore_missing)])
    return Steps(_deleting(client, idents, token, ignore_missing))
