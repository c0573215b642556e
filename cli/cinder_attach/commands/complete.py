"""``attach complete``: mark an attachment attached once the host is connected (os-complete, 3.44)."""

from typing import TYPE_CHECKING

from ..options import command
from ..output import Step, Steps
from ._common import AttachmentID, attachment_id

if TYPE_CHECKING:
    from ..client import AttachmentClient

HELP = """Complete an attachment: tell Cinder the host is connected (os-complete, 3.44).

The attachment becomes `attached` and the volume `in-use`. Cinder answers 204
with no body; this prints a confirmation (nothing with -f value).

\b
Examples:
  attach complete $ATTACHMENT
  attach complete $ATTACHMENT -f value && echo done
"""

COLUMNS = ("id", "completed")


@command(columns=COLUMNS)
def complete(id: AttachmentID, *, client: "AttachmentClient") -> Steps:
    ident = attachment_id(id)
    client.complete(ident)
    return Steps([Step(ident, f"Attachment {ident} completed.", {"id": ident, "completed": True})], COLUMNS)
