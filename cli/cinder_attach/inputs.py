"""The rules a caller's input must follow, each written once, worded with the caller's own name for it.

The CLI calls them with its flag (``--limit``) before anything is sent; the client calls them with its
argument's name (``limit``), so a Python caller meets the same rule. UUIDs have their own module
(:mod:`cinder_attach.uuids`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import UsageError

if TYPE_CHECKING:
    from cinder_attach_client.models.attachment_mode import AttachmentMode


def check_limit(limit: int | None, name: str) -> None:
    """A list's limit is a total, and a total of nothing is not a list."""
    if limit is not None and limit < 1:
        raise UsageError(f"{name} {limit} must be at least 1.")


def check_mode(mode: str, name: str) -> AttachmentMode:
    """The attach mode, one of the values the spec declares (rw, ro)."""
    from cinder_attach_client.models.attachment_mode import check_attachment_mode

    try:
        return check_attachment_mode(mode)
    except TypeError:
        hint = f"Use {name} rw (read-write) or {name} ro."
        raise UsageError(f"{name} {mode!r} is not rw or ro.", hint=hint) from None


def check_not_empty(value: str, name: str, what: str) -> None:
    """A name (of a volume, a project) that is only blanks names nothing."""
    if not value.strip():
        raise UsageError(f"{name} is empty.", hint=f"Give {what}.")


def check_wait(seconds: float | None, name: str) -> None:
    """How long to wait for a busy volume: a number of seconds, none of them negative."""
    if seconds is not None and not seconds >= 0:
        raise UsageError(f"{name} {seconds} must be 0 or more seconds.")
