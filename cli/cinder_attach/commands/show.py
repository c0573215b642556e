"""``attach show``: one attachment (GET /attachments/{id}, 3.27)."""

from typing import TYPE_CHECKING

from ..options import command
from ..output import Record
from . import summary
from ._common import AttachmentID, attachment_id, record

if TYPE_CHECKING:
    from ..client import AttachmentClient

HELP = summary("show") + """

\b
Examples:
  attach show $ATTACHMENT
  attach show $ATTACHMENT -f value -c status
"""


@command()
def show(id: AttachmentID, *, client: "AttachmentClient") -> Record:
    return record(client.show(attachment_id(id)))
