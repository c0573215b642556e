"""``attach update`` (alias ``set``): give a reserved attachment its connector (PUT, 3.27)."""

from typing import TYPE_CHECKING

from ..connector import build_connector
from ..options import command
from ..output import Record
from . import summary
from ._common import (
    AttachmentID,
    ConnectorFile,
    ConnectorPairs,
    FromHost,
    RootHelper,
    attachment_id,
    host_reader,
    record,
    require_connector,
)

if TYPE_CHECKING:
    from ..client import AttachmentClient

HELP = summary("update") + """

This turns a reservation into a connection: Cinder initialises the connection
and the answer carries connection_info. Then connect the host and run
`attach complete`. The answer is Cinder's, as sent: it still says `reserved`.
Connector values are typed by their key, as for `attach create354`
(multipath=true|false, wwpns=a,b, os_type=123 is "123").

\b
Examples:
  attach update $ATTACHMENT --connector initiator=iqn.1993-08.org.debian:01:cad181614cec \\
      --connector host=node-1 --connector multipath=false
  attach update $ATTACHMENT --connector-file connector.json -f json
  attach update $ATTACHMENT --connector-from-host
  attach update $ATTACHMENT --connector host=node-1 --connector wwpns=21000024ff3a1b2c
"""


@command()
def update(
    id: AttachmentID,
    connector: ConnectorPairs = None,
    connector_file: ConnectorFile = None,
    connector_from_host: FromHost = False,
    root_helper: RootHelper = "sudo",
    *,
    client: "AttachmentClient",
) -> Record:
    ident = attachment_id(id)
    host = host_reader(client, connector_from_host, root_helper)
    conn = require_connector(build_connector(connector or (), connector_file, host=host() if host else None), "update")
    return record(client.update(ident, conn))
