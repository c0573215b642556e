"""``attach update`` (alias ``set``): give a reserved attachment its connector (PUT, 3.27)."""

from ..options import shared_options
from ..output import ATTACHMENT_COLUMNS, OutputOptions
from ..session import Run
from ._common import AttachmentID, ConnectorFile, ConnectorPairs, attachment_id, render_attachment

HELP = """Update an attachment with the host's connector (PUT /attachments/{id}).

This turns a reservation into a connection: Cinder initialises the connection
and the answer carries connection_info. Then connect the host and run
`attach complete`.

\b
Examples:
  attach update $ATTACHMENT --connector initiator=iqn.1993-08.org.debian:01:cad181614cec \\
      --connector host=node-1 --connector multipath=false
  attach update $ATTACHMENT --connector-file connector.json -f json
"""


@shared_options
def update(
    id: AttachmentID,
    connector: ConnectorPairs = None,
    connector_file: ConnectorFile = None,
    *,
    run: Run,
    out: OutputOptions,
) -> None:
    from cinder_attach_client.api.attachments import update_attachment
    from cinder_attach_client.models import AttachmentUpdate, AttachmentUpdateRequest, Connector

    from ..api import call
    from ..connector import build_connector
    from ..errors import UsageError

    out.check(ATTACHMENT_COLUMNS)
    ident = attachment_id(id)
    conn = build_connector(connector or (), connector_file)
    if conn is None:
        raise UsageError("update needs a connector.", hint="Give --connector KEY=VALUE or --connector-file PATH.")
    body = AttachmentUpdateRequest(attachment=AttachmentUpdate(connector=Connector.from_dict(conn)))
    response = call(
        run, update_attachment.sync_detailed, command="update", microversion="3.27", attachment_id=ident, body=body
    )
    render_attachment(response, out)
