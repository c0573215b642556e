"""``attach create327``: create at microversion 3.27, for clouds whose maximum is below 3.54."""

from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import UsageError
from ..inputs import check_wait
from ..options import command
from ..output import Record
from . import summary
from ._common import (
    ConnectorFile,
    ConnectorPairs,
    FromHost,
    InstanceUUID,
    KeepOnFailure,
    RootHelper,
    VolumeRef,
    VolumeUUID,
    WaitSeconds,
    create_hints,
    create_inputs,
    find_volume,
    host_reader,
    record,
)

if TYPE_CHECKING:
    from ..client import AttachmentClient

HELP = summary("create327") + """

For clouds whose block-storage API stops below 3.54. Without a connector it
only reserves the volume; with one it also initialises the connection. The
volume and connector options work as for `attach create354`. There is no
--mode at 3.27: use create354 for that.

The answer is Cinder's, as sent: its status says `reserved` even when a
connector was given (`attach show` right after says `attaching`).

\b
Examples:
  attach create327 --volume-uuid $VOL --instance-uuid $SERVER
  attach create327 --volume-uuid $VOL --instance-uuid $SERVER \\
      --connector initiator=iqn.1993-08.org.debian:01:cad181614cec --connector host=node-1
  attach create327 --volume data-1 --instance-uuid $SERVER
"""


@command()
def create327(
    volume_uuid: VolumeUUID = None,
    volume: VolumeRef = None,
    instance_uuid: InstanceUUID = None,
    connector: ConnectorPairs = None,
    connector_file: ConnectorFile = None,
    connector_from_host: FromHost = False,
    root_helper: RootHelper = "sudo",
    keep_on_failure: KeepOnFailure = False,
    wait: WaitSeconds = None,
    mode: Annotated[str | None, typer.Option("--mode", hidden=True, show_default=False)] = None,
    *,
    client: "AttachmentClient",
) -> Record:
    if mode is not None:
        raise UsageError(
            "microversion 3.27 has no attach mode, so create327 takes no --mode.",
            hint="Use `attach create354 --mode rw|ro` on a cloud that supports 3.54.",
        )
    check_wait(wait, "--wait")
    host = host_reader(client, connector_from_host, root_helper)
    ref, instance, conn = create_inputs(volume_uuid, volume, instance_uuid, connector, connector_file, host)
    volume_id = find_volume(client, ref, "--volume-uuid", "Nothing was created.")
    with create_hints(volume_id, below_354_hint=False):
        keep = not keep_on_failure
        made = client.create327(volume_id, instance_uuid=instance, connector=conn, rollback=keep, wait=wait)
        return record(made)
