"""``attach create354``: create an attachment at microversion 3.54, the one with ``--mode``."""

from typing import TYPE_CHECKING, Annotated

import typer

from ..inputs import check_mode, check_wait
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

HELP = summary("create354") + """

Without a connector this only reserves the volume for the instance, as Nova
does for boot-from-volume; connect it later with `attach update`. With a
connector (--connector and/or --connector-file) Cinder reserves the volume and
initialises the connection in one call, and the answer carries
connection_info. The create is sent once and never retried after it was sent.

The answer is Cinder's, as sent: its status says `reserved` even when a
connector was given (`attach show` right after says `attaching`), and an
unset attach_mode ("null") shows as empty in the table.

Give the volume by id (--volume-uuid, no extra request) or with --volume by
name or id: a name costs one GET and must name exactly one volume of the
project, or nothing is created (exit 1). --dry-run still sends that GET.

A busy volume (creating, detaching, extending, …) is refused with exit 1 and
its status named; with --wait SECONDS, attach reads the volume (GET
/volumes/{id}, with growing pauses, a line each on a terminal) until Cinder
would reserve it, then sends the create once. An error status or the
deadline ends the wait with exit 1 and nothing created.

os-brick's connector keys are typed as the API spec declares them: strings
are sent as given (os_type=123 sends "123"), booleans take true or false
(multipath=maybe is refused), lists take a,b or a JSON array (wwpns=a,b).
Any other key: JSON if the value parses as JSON, else a string.

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
  # this host's connector (os-brick), with an initiator of your choice
  attach create354 --volume-uuid $VOL --instance-uuid $SERVER \\
      --connector-from-host --connector initiator=iqn.2004-10.com.example:node-1
\b
  # connector from a YAML file, one key overridden, id only
  attach create354 --volume-uuid $VOL --connector-file conn.yaml \\
      --connector host=node-2 -f value -c id
\b
  # a volume just made with `openstack volume create` (status creating):
  # wait up to 2 minutes for it, then reserve it
  attach create354 --volume-uuid $VOL --instance-uuid $SERVER --wait 120
\b
  # the volume by name; a Fibre Channel host's port WWNs as a list
  attach create354 --volume data-1 --instance-uuid $SERVER \\
      --connector host=node-1 --connector wwpns=21000024ff3a1b2c,21000024ff3a1b2d
"""

@command()
def create354(
    volume_uuid: VolumeUUID = None,
    volume: VolumeRef = None,
    instance_uuid: InstanceUUID = None,
    mode: Annotated[
        str | None, typer.Option("--mode", help="Attach mode: rw or ro (new in 3.54).", metavar="rw|ro")
    ] = None,
    connector: ConnectorPairs = None,
    connector_file: ConnectorFile = None,
    connector_from_host: FromHost = False,
    root_helper: RootHelper = "sudo",
    keep_on_failure: KeepOnFailure = False,
    wait: WaitSeconds = None,
    *,
    client: "AttachmentClient",
) -> Record:
    checked = check_mode(mode, "--mode") if mode is not None else None
    check_wait(wait, "--wait")
    host = host_reader(client, connector_from_host, root_helper)
    ref, instance, conn = create_inputs(volume_uuid, volume, instance_uuid, connector, connector_file, host)
    volume_id = find_volume(client, ref, "--volume-uuid", "Nothing was created.")
    with create_hints(volume_id, below_354_hint=True):
        made = client.create354(
            volume_id, instance_uuid=instance, connector=conn, mode=checked, rollback=not keep_on_failure, wait=wait
        )
        return record(made)
