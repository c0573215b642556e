"""One prune run: the candidates from Cinder, Nova's answers (:mod:`~cinder_attach.compute`), the verdicts
(:mod:`~cinder_attach.prune`) and, when asked, the deletes of the ``prune`` rows.

A delete is only ever ``DELETE /attachments/{id}`` without a service token, so Cinder asks Nova itself
before it acts: a 409 then means Nova took the volume since it was asked here (a race), and the row is
skipped, not failed. Nothing else is ever deleted, and nothing at all when Nova's answer decided nothing.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Literal, Protocol, TypedDict, Unpack
from uuid import UUID

from . import compute
from .errors import APIError, AttachError, UsageError, one_line
from .prune import PRUNE, Candidate, Row, verdicts

if TYPE_CHECKING:
    from .connection import Connection

DELETE = "3.27"


class PruneOptions(TypedDict, total=False):
    """:meth:`AttachmentClient.prune`'s options: the scope (None: not given), the statuses, and ``apply``."""

    volume_id: str | UUID | None
    instance_id: str | UUID | None
    statuses: Iterable[str]
    all_projects: bool
    project_id: str | None
    apply: bool


class Lister(Protocol):
    """The client calls a run makes (:class:`cinder_attach.client.AttachmentClient` has them)."""

    connection: Any

    def list(self, *, detail: Literal[True], status: str | None = ..., volume_id: str | UUID | None = ...,
             instance_id: str | UUID | None = ..., all_projects: bool = ...,
             project_id: str | None = ...) -> Iterator[Any]: ...  # fmt: skip


def prune(client: Lister, **options: Unpack[PruneOptions]) -> Iterator[Row]:
    """Check the statuses and the scope, then run over the attachments in scope (detail view, every page).
    Deletes carry no service token, whatever the client has: Cinder asks Nova itself before it acts."""
    wanted = check_statuses(options.get("statuses", ()))
    all_projects, project_id = options.get("all_projects", False), options.get("project_id")
    check_scope(client.connection, all_projects, project_id)
    attachments = client.list(
        detail=True, status=wanted[0] if len(wanted) == 1 else None,  # several: filtered here, not by Cinder
        volume_id=options.get("volume_id"), instance_id=options.get("instance_id"),
        all_projects=all_projects, project_id=project_id,
    )  # fmt: skip
    delete = lambda ident: _delete(client.connection, ident)  # noqa: E731
    return run(client.connection, attachments, delete, statuses=wanted, apply=options.get("apply", False))


def _delete(connection: Connection, ident: str) -> None:
    from cinder_attach_client.api.attachments import delete_attachment

    connection.send(delete_attachment.sync_detailed, microversion=DELETE, attachment_id=UUID(ident))

logger = logging.getLogger(__name__)

STATUSES = ("attached", "attaching", "detached", "reserved", "error_attaching", "error_detaching", "deleted")


def check_statuses(statuses: Iterable[str]) -> tuple[str, ...]:
    """The statuses asked for, each one Cinder knows (a typo would silently match nothing)."""
    found = tuple(dict.fromkeys(statuses))
    unknown = [s for s in found if s not in STATUSES]
    if unknown:
        choose = f"Choose from: {', '.join(STATUSES)}."
        raise UsageError(f"status {unknown[0]!r} is not an attachment status.", hint=choose, reason="bad_status",
                         status=unknown[0])  # fmt: skip
    return found


def check_scope(connection: Connection, all_projects: bool, project_id: str | None) -> None:
    """Another project's attachments need an admin; Cinder would silently show anyone else only their own."""
    if not (all_projects or project_id is not None):
        return
    roles = connection.resolve().roles
    if roles is not None and "admin" not in roles:
        raise UsageError("all_projects and project_id need an admin: you would prune only your own project.",
                         reason="needs_admin")  # fmt: skip


def candidate(attachment: Any) -> Candidate:
    """A Cinder attachment (detail view) as prune sees it."""
    info = attachment.connection_info
    connected = bool(info.to_dict()) if info is not None and hasattr(info, "to_dict") else bool(info)
    return Candidate(attachment.id, attachment.volume_id, attachment.instance or None, attachment.status, connected)


def run(
    connection: Connection,
    attachments: Iterable[Any],
    delete: Callable[[str], None],
    *,
    statuses: Collection[str] = (),
    apply: bool = False,
) -> Iterator[Row]:
    """The verdict rows of ``attachments`` (each status in ``statuses``, if any); with ``apply``, each
    ``prune`` row is deleted first and carries its result."""
    candidates = [candidate(a) for a in attachments if not statuses or a.status in statuses]
    views = compute.server_views(connection, candidates)
    seen: Counter[str] = Counter()
    with connection.kept_open():  # the deletes share one httpx client
        for row in verdicts(candidates, views):
            if apply and row.verdict == PRUNE:
                row = _deleted(row, delete)
            seen[row.verdict] += 1
            seen[row.result.split(":", 1)[0]] += 1
            yield row
    _summary(seen, apply)


def _summary(seen: Counter[str], apply: bool) -> None:
    """One line for the run: the verdicts, and what was deleted."""
    counts = f"{seen['prune']} prune, {seen['keep']} keep, {seen['unknown']} unknown"
    if not apply:
        logger.info(f"dry run: {counts}; nothing deleted (apply deletes the prune rows).",
                    extra={"reason": "prune_dry_run", "counts": counts})  # fmt: skip
        return
    done = f"deleted {seen['deleted']}, skipped {seen['skipped']}, failed {seen['failed']}"
    logger.info(f"{counts}: {done}.", extra={"reason": "prune_applied", "counts": counts, "done": done})


def _deleted(row: Row, delete: Callable[[str], None]) -> Row:
    try:
        delete(row.id)
    except APIError as exc:
        if exc.status == 409:  # Nova holds it now: Cinder asked Nova itself and refused, as it should
            return replace(row, result=f"skipped: Cinder answered 409 ({one_line(exc.message)})")
        if exc.status == 404:
            return replace(row, result="skipped: already gone")
        return replace(row, result=f"failed: {one_line(exc)}")
    except AttachError as exc:
        return replace(row, result=f"failed: {one_line(exc)}")
    return replace(row, result="deleted")
