"""``attach local-attach``: the volume as a block device on this host (os-brick), in one command."""

from typing import TYPE_CHECKING, Annotated

import typer

from ..inputs import check_mode, check_wait
from ..options import command
from ..output import Record
from . import summary
from ._common import EnforceMultipath, HostIP, InstanceUUID, Multipath, RootHelper

if TYPE_CHECKING:
    from ..client import AttachmentClient

HELP = summary("local-attach") + """

Reads the volume, reads this host's connector with os-brick (as `attach
connector` does), creates the attachment at 3.54 with that connector and
--mode, connects it with os-brick, checks that the device appeared, and
completes it: the attachment is `attached`, the volume `in-use`. The
attachment has no instance unless you give --instance-uuid, so that
local-detach (and every rollback) needs neither Nova nor a service token.

A failure leaves nothing behind: a failed connect is disconnected and the
attachment deleted. Only when os-brick cannot disconnect is the attachment
kept (the device may still be on this host); the error says how to finish.
Encrypted volumes are refused.

Needs root (or a --root-helper) and the `host` extra: run `pip install
'.[host]'` in a cinder-attach checkout, with the pip of attach's virtualenv.
What this host connected is recorded, root-only, under /var/lib/cinder-attach
(or $CINDER_ATTACH_STATE_DIR) for local-detach.

Exit codes: 0 attached; 1 Cinder, os-brick or the host failed (one line says
what was undone); 2 usage; 130 interrupted.

\b
Examples:
  attach local-attach data-1
  DEV=$(attach local-attach $VOL -f value -c device_path)
  attach local-attach $VOL --mode ro --wait 60 -f json
"""

VolumeArg = Annotated[str, typer.Argument(help="The volume, by name or id.", metavar="VOLUME", show_default=False)]
Mode = Annotated[str, typer.Option("--mode", help="rw or ro.", metavar="rw|ro")]
Wait = Annotated[
    float, typer.Option("--wait", help="Wait up to this long for a busy volume to be ready.", metavar="SECONDS")
]


@command(columns=None)
def local_attach(
    volume: VolumeArg,
    mode: Mode = "rw",
    instance_uuid: InstanceUUID = None,
    multipath: Multipath = False,
    enforce_multipath: EnforceMultipath = False,
    host_ip: HostIP = None,
    root_helper: RootHelper = "sudo",
    wait: Wait = 0.0,
    *,
    client: "AttachmentClient",
) -> Record:
    checked = check_mode(mode, "--mode")
    check_wait(wait, "--wait")
    done = client.local_attach(
        volume,
        mode=checked,
        instance_uuid=instance_uuid,
        wait=wait,
        host_ip=host_ip,
        multipath=multipath,
        enforce_multipath=enforce_multipath,
        root_helper=root_helper,
    )
    return Record(done._asdict(), done._fields)
