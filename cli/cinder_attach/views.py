"""How an attachment is shown: its columns, which are shown by default, and which values a table leaves blank.

The formatter (:mod:`cinder_attach.output`) knows no resource; a command hands it these with the data,
as python-openstackclient's ``_format_attachment`` does for its formatter.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

# Every field of an attachment's detail view, in the order a table shows them.
ATTACHMENT_COLUMNS = (
    "id",
    "status",
    "instance",
    "volume_id",
    "attached_at",
    "detached_at",
    "attach_mode",
    "connection_info",
)
# The fields of GET /attachments (the summary view).
SUMMARY_COLUMNS = ("id", "status", "instance", "volume_id")
# `list --long` shows every field but connection_info unless asked for it with -c.
LONG_DEFAULT = tuple(c for c in ATTACHMENT_COLUMNS if c != "connection_info")
# Values that mean "not set" and show as empty in a table (machine formats keep the server's value):
# Cinder sends "" for an unset timestamp and "null" (a string) for an unset attach_mode.
BLANK_IN_TABLE: Mapping[str, tuple[Any, ...]] = {"attached_at": ("",), "detached_at": ("",), "attach_mode": ("null",)}
# The columns only `list --long` (GET /attachments/detail) has.
LONG_ONLY = tuple(c for c in ATTACHMENT_COLUMNS if c not in SUMMARY_COLUMNS)
# The headings python-openstackclient prints for each field (`volume attachment list` says "Server ID" where
# `volume attachment show` says "Instance ID"): -c takes them as well as the field names, so an OSC user's
# `-c ID` or `-c "Volume ID"` works as typed.
DISPLAY_NAMES: Mapping[str, tuple[str, ...]] = {
    "id": ("ID",),
    "status": ("Status",),
    "instance": ("Server ID", "Instance ID"),
    "volume_id": ("Volume ID",),
    "attached_at": ("Attached At",),
    "detached_at": ("Detached At",),
    "attach_mode": ("Attach Mode",),
    "connection_info": ("Properties",),
}


def _folded(name: str) -> str:
    return " ".join(name.split()).casefold()


def column_fields(asked: Sequence[str], fields: Sequence[str]) -> tuple[str, ...]:
    """The fields ``asked`` names, in order and once each: a field's name or one of its display names, in any
    case (``ID``, ``volume id``, ``Attach Mode``). A name that is neither stays as given, for the check to refuse."""
    known = {_folded(f): f for f in fields}
    known.update({_folded(shown): f for f in fields for shown in DISPLAY_NAMES.get(f, ())})
    return tuple(dict.fromkeys(known.get(_folded(name), name) for name in asked))


# `attach prune`'s rows: the attachment, its verdict and why, and (with --apply) what became of it.
PRUNE_COLUMNS = ("id", "volume_id", "instance", "status", "verdict", "reason", "result")
PRUNE_DEFAULT = PRUNE_COLUMNS[:-1]
