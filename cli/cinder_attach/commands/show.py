"""``attach show``: one attachment (GET /attachments/{id}, 3.27)."""

from ..options import shared_options
from ..output import ATTACHMENT_COLUMNS, OutputOptions
from ..session import Run
from ._common import AttachmentID, attachment_id, render_attachment

HELP = """Show one attachment.

\b
Examples:
  attach show $ATTACHMENT
  attach show $ATTACHMENT -f value -c status
"""


@shared_options
def show(id: AttachmentID, *, run: Run, out: OutputOptions) -> None:
    from cinder_attach_client.api.attachments import show_attachment

    from ..api import call

    out.check(ATTACHMENT_COLUMNS)
    ident = attachment_id(id)
    response = call(run, show_attachment.sync_detailed, command="show", microversion="3.27", attachment_id=ident)
    render_attachment(response, out)
