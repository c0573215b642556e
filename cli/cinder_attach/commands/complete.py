"""``attach complete``: mark attachments attached once the host is connected (os-complete, 3.44)."""

from typing import TYPE_CHECKING

from ..options import command
from ..output import Step, Steps
from . import summary
from ._common import AttachmentIDs, attachment_id, each_id

if TYPE_CHECKING:
    from ..client import AttachmentClient

HELP = summary("complete") + """

Each attachment becomes `attached` and its volume `in-use`. Cinder answers 204
with no body; this prints a confirmation (nothing with -f value). Every id is
checked before anything is sent; then each is completed in turn, a failure on
one does not stop the others, and the exit code is 1 if any failed.

\b
Examples:
  attach complete $ATTACHMENT
  attach complete $A1 $A2
  attach complete $ATTACHMENT -f value && echo done
"""

COLUMNS = ("id", "completed")


@command(columns=COLUMNS)
def complete(
    ids: AttachmentIDs,
    *,
    client: "AttachmentClient",
) -> Steps:
    idents = [attachment_id(i) for i in ids]  # all checked before any is sent

    def completing(ident: str) -> Step:
        client.complete(ident)
        return Step(ident, f"Attachment {ident} completed.", {"id": ident, "completed": True})

    return Steps(each_id(client, idents, completing), COLUMNS)
