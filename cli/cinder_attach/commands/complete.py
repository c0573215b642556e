"""``attach complete``: mark an attachment attached once the host is connected (os-complete, 3.44)."""

from ..options import shared_options
from ..output import OutputOptions, emit, render_one
from ..session import Run
from ._common import AttachmentID, attachment_id

HELP = """Complete an attachment: tell Cinder the host is connected (os-complete, 3.44).

The attachment becomes `attached` and the volume `in-use`. Cinder answers 204
with no body; this prints a confirmation (nothing with -f value).

\b
Examples:
  attach complete $ATTACHMENT
  attach complete $ATTACHMENT -f value && echo done
"""

COLUMNS = ("id", "completed")


@shared_options
def complete(id: AttachmentID, *, run: Run, out: OutputOptions) -> None:
    from cinder_attach_client.api.attachments import complete_attachment
    from cinder_attach_client.models import AttachmentCompleteRequest

    from ..api import call

    out.check(COLUMNS)
    ident = attachment_id(id)
    call(
        run,
        complete_attachment.sync_detailed,
        command="complete",
        microversion="3.44",
        attachment_id=ident,
        body=AttachmentCompleteRequest(os_complete=None),
        empty_ok=True,
    )
    if out.format == "value":
        return
    if out.format == "table" and not out.columns:
        emit(f"Attachment {ident} completed.", out)
        return
    emit(render_one({"id": str(ident), "completed": True}, out, COLUMNS), out)
