"""``attach create354``: create an attachment at microversion 3.54, the one with ``--mode``."""

from typing import Annotated

import typer

from ..options import shared_options
from ..output import OutputOptions
from ..session import Run
from ._common import ConnectorFile, ConnectorPairs, InstanceUUID, VolumeUUID, create

HELP = """Create a volume attachment (POST /attachments, microversion 3.54).

Without a connector this only reserves the volume for the instance, as Nova
does for boot-from-volume; connect it later with `attach update`. With a
connector (--connector and/or --connector-file) Cinder reserves the volume and
initialises the connection in one call, and the answer carries
connection_info. The create is sent once and never retried after it was sent.

\b
Examples:
  # reserve only
  attach create354 --volume-uuid $VOL --instance-uuid $SERVER
\b
  # reserve and connect read-write (the API reference's connector)
  attach create354 --volume-uuid $VOL --instance-uuid $SERVER --mode rw \\
      --connector initiator=iqn.1993-08.org.debian:01:cad181614cec \\
      --connector ip=192.168.1.20 --connector platform=x86_64 \\
      --connector host=tempest-1 --connector os_type=linux2 \\
      --connector multipath=false --connector mountpoint=/dev/vdb
\b
  # connector from a YAML file, one key overridden, id only
  attach create354 --volume-uuid $VOL --connector-file conn.yaml \\
      --connector host=node-2 -f value -c id
"""


@shared_options
def create_354(
    volume_uuid: VolumeUUID,
    instance_uuid: InstanceUUID = None,
    mode: Annotated[
        str | None, typer.Option("--mode", help="Attach mode: rw or ro (new in 3.54).", metavar="rw|ro")
    ] = None,
    connector: ConnectorPairs = None,
    connector_file: ConnectorFile = None,
    *,
    run: Run,
    out: OutputOptions,
) -> None:
    create(
        run,
        out,
        microversion="3.54",
        volume_uuid=volume_uuid,
        instance_uuid=instance_uuid,
        mode=mode,
        connector=connector,
        connector_file=connector_file,
    )
