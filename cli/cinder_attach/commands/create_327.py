"""``attach create327``: create at microversion 3.27, for clouds whose maximum is below 3.54."""

from ..options import shared_options
from ..output import OutputOptions
from ..session import Run
from ._common import ConnectorFile, ConnectorPairs, InstanceUUID, VolumeUUID, create

HELP = """Create a volume attachment at microversion 3.27 (no --mode).

For clouds whose block-storage API stops below 3.54. Without a connector it
only reserves the volume; with one it also initialises the connection.

\b
Examples:
  attach create327 --volume-uuid $VOL --instance-uuid $SERVER
  attach create327 --volume-uuid $VOL --instance-uuid $SERVER \\
      --connector initiator=iqn.1993-08.org.debian:01:cad181614cec --connector host=node-1
"""


@shared_options
def create_327(
    volume_uuid: VolumeUUID,
    instance_uuid: InstanceUUID = None,
    connector: ConnectorPairs = None,
    connector_file: ConnectorFile = None,
    *,
    run: Run,
    out: OutputOptions,
) -> None:
    create(
        run,
        out,
        microversion="3.27",
        volume_uuid=volume_uuid,
        instance_uuid=instance_uuid,
        mode=None,
        connector=connector,
        connector_file=connector_file,
    )
