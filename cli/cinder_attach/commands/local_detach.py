"""``attach local-detach``: undo ``local-attach``; an attachment that is already gone is success."""

from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import UsageError
from ..options import command
from ..output import Record
from . import summary
from ._common import RootHelper, attachment_id

if TYPE_CHECKING:
    from ..client import AttachmentClient

HELP = summary("local-detach") + """

The attachment is --attachment ID, else the one this host recorded for
VOLUME at local-attach, else the volume's only attachment (several: exit 2,
listing them). One that is already gone is exit 0 with a note, so running it
twice is safe. On a multiattach volume whose other attachment on this host
shares the device, the device stays.

If os-brick cannot disconnect the device, nothing is deleted (deleting an
attachment whose device is still on the host can expose data) and the exit
code is 1: retry, or give --force, which lets os-brick drop unflushed data and
ignore the errors it can. A 409 means Nova owns the attachment: detach it with
`openstack server remove volume`. An attachment made with --instance-uuid
needs a service token to go on a cloud without Nova (as `attach delete`).

Exit codes: 0 detached (or already gone); 1 Cinder or os-brick failed, the
attachment was kept; 2 usage (e.g. several attachments); 130 interrupted.

\b
Examples:
  attach local-detach data-1
  attach local-detach $VOL --attachment $ATT
  attach local-detach $VOL --attachment $ATT --force
"""

VolumeArg = Annotated[str, typer.Argument(help="The volume, by name or id.", metavar="VOLUME", show_default=False)]
Attachment = Annotated[
    str | None,
    typer.Option("--attachment", help="The attachment to detach (default: see above).", metavar="ID",
                 show_default=False),
]  # fmt: skip
Force = Annotated[bool, typer.Option("--force", help="Disconnect even if os-brick must drop data or errors.")]
ServiceToken = Annotated[
    str | None,
    typer.Option("--os-service-token", help="Service token, for an attachment made with --instance-uuid "
                 "[env: OS_SERVICE_TOKEN].", envvar="OS_SERVICE_TOKEN", show_default=False, show_envvar=False),
]  # fmt: skip
ServiceCloud = Annotated[
    str | None,
    typer.Option("--os-service-cloud", help="Log in as this cloud (a user with the service role) for the service "
                 "token.", metavar="NAME", show_default=False),
]  # fmt: skip


@command(columns=None)
def local_detach(
    volume: VolumeArg,
    attachment: Attachment = None,
    force: Force = False,
    root_helper: RootHelper = "sudo",
    os_service_token: ServiceToken = None,
    os_service_cloud: ServiceCloud = None,
    *,
    client: "AttachmentClient",
) -> Record:
    ident = attachment_id(attachment) if attachment is not None else None
    if os_service_token and os_service_cloud:
        raise UsageError("give --os-service-token or --os-service-cloud, not both.")
    token = client.service_token(os_service_cloud) if os_service_cloud else os_service_token
    done = client.local_detach(volume, attachment_id=ident, force=force, root_helper=root_helper, service_token=token)
    return Record(done._asdict(), done._fields)
