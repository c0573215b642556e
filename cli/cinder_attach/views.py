"""How an attachment is shown: its columns, which are shown by default, and which values a table leaves blank.

The formatter (:mod:`cinder_attach.output`) knows no resource; a command hands it these with the data,
as python-openstackclient's ``_format_attachment`` does for its formatter.
"""

from __future__ import annotations

from collections.abc import Mapping
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
# `attach prune`'s rows: the attachment, its verdict and why, and (with --apply) what became of it.
PRUNE_COLUMNS = ("id", "volume_id", "instance", "status", "verdict", "reason", "result")
PRUNE_DEFAULT = PRUNE_COLUMNS[:-1]
