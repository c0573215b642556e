"""Which attachments nobody owns any more: prune's verdicts, from Cinder's rows and Nova's answers.

Pure (no I/O), so the whole verdict table is tested without a cloud. The rule mirrors Cinder's own
delete check (``attachment_deletion_allowed``): an attachment Nova does not hold (server gone, or the
server does not list the volume, or lists it with another attachment id) may be deleted by its owner;
one Nova holds may not. Prune is stricter in two places: an attachment with no instance is never
pruned (it may be an image volume, a local attach or another service's), and anything Nova did not
answer clearly (401/403/5xx, no compute endpoint, an answer below compute 2.89) is ``unknown``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

Verdict = Literal["prune", "keep", "unknown"]
PRUNE: Verdict = "prune"
KEEP: Verdict = "keep"
UNKNOWN: Verdict = "unknown"

# A server in these states may hold two attachments of one volume for a while (the migration's target).
MOVING_STATUSES = frozenset({"MIGRATING", "RESIZE", "VERIFY_RESIZE", "REVERT_RESIZE"})
MOVING_TASKS = frozenset({"migrating", "resize_prep", "resize_migrating", "resize_migrated", "resize_finish",
                          "resize_reverting", "resize_confirming"})  # fmt: skip

NO_INSTANCE = "no instance: not Nova's (image volume, local attach or another consumer); never pruned"
GONE = "server gone"
NOT_HELD = "Nova does not hold it"
HELD = "Nova holds it"
OLD_HOST = "connected: its old host may still hold the device; check that host"


@dataclass(frozen=True)
class Candidate:
    """One attachment as Cinder shows it (detail view)."""

    id: str
    volume_id: str
    instance: str | None
    status: str
    connected: bool  # it has connection_info: a host was given the volume


@dataclass(frozen=True)
class Holding:
    """Nova listed the server's volume attachments: volume id -> the attachment ids it holds for it."""

    volumes: Mapping[str, tuple[str | None, ...]]


@dataclass(frozen=True)
class ServerState:
    """Nova showed the server."""

    status: str
    task_state: str | None = None


@dataclass(frozen=True)
class NotFound:
    """Nova answered 404."""


@dataclass(frozen=True)
class Failed:
    """Nova could not be asked, or gave an answer that decides nothing (401, 403, 5xx, ...)."""

    reason: str


Listing = Holding | NotFound | Failed
Shown = ServerState | NotFound | Failed


@dataclass(frozen=True)
class ServerView:
    """What prune knows about one server, from its attachment list and (where needed) the server itself."""

    state: Literal["found", "gone", "unknown"]
    volumes: Mapping[str, tuple[str | None, ...]] = field(default_factory=dict)
    shown: Shown | None = None
    why: str = ""


@dataclass(frozen=True)
class Row:
    """One verdict: the attachment, what prune would do with it, and why."""

    id: str
    volume_id: str
    instance: str | None
    status: str
    verdict: Verdict
    reason: str
    result: str = ""  # with apply: "deleted", "skipped: …" or "failed: …"; empty in a dry run

    def to_dict(self) -> dict[str, str | None]:
        return {"id": self.id, "volume_id": self.volume_id, "instance": self.instance, "status": self.status,
                "verdict": self.verdict, "reason": self.reason, "result": self.result}  # fmt: skip


def servers_to_ask(candidates: Iterable[Candidate]) -> list[str]:
    """Each distinct server once, in the order the candidates name them."""
    return list(dict.fromkeys(c.instance for c in candidates if c.instance))


def needs_show(listing: Listing, candidates: Iterable[Candidate]) -> bool:
    """Whether the server itself must be shown: its list was a 404 (gone, or something else?), or it
    holds a candidate's volume under another attachment id (is it migrating?)."""
    if isinstance(listing, NotFound):
        return True
    if not isinstance(listing, Holding):
        return False
    return any(_other_ids(listing.volumes, c) for c in candidates)


def _other_ids(volumes: Mapping[str, tuple[str | None, ...]], c: Candidate) -> bool:
    held = volumes.get(c.volume_id, ())
    return bool(held) and c.id not in held


def server_view(listing: Listing, shown: Shown | None) -> ServerView:
    """Combine the server's attachment list and, if it was asked, the server itself."""
    if isinstance(listing, Failed):
        return ServerView("unknown", why=listing.reason)
    if isinstance(listing, NotFound):
        if isinstance(shown, NotFound):
            return ServerView("gone")
        if isinstance(shown, Failed):
            return ServerView("unknown", why=shown.reason)
        return ServerView("unknown", why="Nova shows the server but not its volume attachments (404)")
    if isinstance(shown, NotFound):  # deleted between the two requests
        return ServerView("gone")
    return ServerView("found", volumes=listing.volumes, shown=shown)


def unavailable(reason: str) -> ServerView:
    """Every server's view when Nova cannot be asked at all (no compute endpoint, say)."""
    return ServerView("unknown", why=reason)


def verdict(c: Candidate, view: ServerView | None) -> Row:
    """The verdict for one candidate, given what Nova said about its server (None: no instance)."""
    if not c.instance or view is None:
        return _row(c, UNKNOWN, NO_INSTANCE)
    if view.state == "unknown":
        return _row(c, UNKNOWN, f"Nova's answer decides nothing: {view.why}")
    if view.state == "gone":
        return _row(c, PRUNE, _warn(c, GONE))
    held = view.volumes.get(c.volume_id, ())
    if not held:
        return _row(c, PRUNE, _warn(c, NOT_HELD))
    if c.id in held:
        return _row(c, KEEP, HELD)
    return _other_attachment(c, held, view.shown)


def _other_attachment(c: Candidate, held: tuple[str | None, ...], shown: Shown | None) -> Row:
    if any(a is None for a in held):
        return _row(c, UNKNOWN, "Nova holds the volume but did not say with which attachment (compute < 2.89)")
    others = ", ".join(a for a in held if a)
    if isinstance(shown, Failed):
        return _row(c, UNKNOWN, f"Nova holds the volume as {others}; is the server moving? {shown.reason}")
    if not isinstance(shown, ServerState):
        return _row(c, UNKNOWN, f"Nova holds the volume as {others}; the server's state was not read")
    if shown.status.upper() in MOVING_STATUSES or (shown.task_state or "") in MOVING_TASKS:
        moving = shown.task_state or shown.status
        return _row(c, KEEP, f"server is moving ({moving}): it may hold two attachments (Nova holds {others})")
    return _row(c, PRUNE, _warn(c, f"Nova holds the volume with another attachment ({others})"))


def _warn(c: Candidate, reason: str) -> str:
    return f"{reason}; {OLD_HOST}" if c.connected else reason


def _row(c: Candidate, v: Verdict, reason: str) -> Row:
    return Row(c.id, c.volume_id, c.instance, c.status, v, reason)


def verdicts(candidates: Iterable[Candidate], views: Mapping[str, ServerView]) -> list[Row]:
    """A row per candidate, in order; a server missing from ``views`` was not asked (unknown)."""
    not_asked = ServerView("unknown", why="Nova was not asked about this server")
    return [verdict(c, views.get(c.instance, not_asked) if c.instance else None) for c in candidates]
