"""Nova's answers for prune: one volume-attachment list per server, and the server itself only where needed.

The reads go through the generated client (the spec's ``compute`` operations) on a connection that shares
the run's login: the same token, TLS files, timeout and proxy rules, with the compute endpoint from the same
catalog (:attr:`~cinder_attach.login.Login.compute_endpoint`) and ``OpenStack-API-Version: compute 2.89``,
the first version whose attachments carry Cinder's ``attachment_id``. Servers are asked a few at a time on
one httpx client kept open for all of them. Every answer becomes one of :mod:`~cinder_attach.prune`'s:
a list, a 404, or a failure that decides nothing (never an exception).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING
from uuid import UUID

from .errors import APIError, AttachError, one_line
from .prune import (
    Candidate,
    Failed,
    Holding,
    Listing,
    NotFound,
    ServerState,
    ServerView,
    Shown,
    needs_show,
    server_view,
    servers_to_ask,
    unavailable,
)

if TYPE_CHECKING:
    from .connection import Connection

logger = logging.getLogger(__name__)

MICROVERSION = "2.89"
WORKERS = 4  # look-ups in flight at once, each on its own kept-alive connection of the one httpx client
NO_COMPUTE = "no compute endpoint in the catalog"


def server_views(connection: Connection, candidates: Sequence[Candidate]) -> dict[str, ServerView]:
    """What Nova says about each server the candidates name, asked once per server."""
    servers = servers_to_ask(candidates)
    if not servers:
        return {}
    if not connection.resolve().compute_endpoint:
        logger.warning(f"{NO_COMPUTE}: every attachment with an instance is unknown.", extra={"reason": "no_compute"})
        return dict.fromkeys(servers, unavailable(NO_COMPUTE))
    nova = connection.for_service("compute", lambda login: login.compute_endpoint)
    mine: dict[str, list[Candidate]] = {}
    for c in candidates:
        if c.instance:
            mine.setdefault(c.instance, []).append(c)
    with nova.kept_open():
        # The first server alone: it opens the shared client before the others use it from their threads.
        views = {servers[0]: _view(nova, servers[0], mine[servers[0]])}
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(WORKERS) as pool:
            rest = servers[1:]
            views.update(zip(rest, pool.map(lambda s: _view(nova, s, mine[s]), rest), strict=True))
    return views


def _view(nova: Connection, server: str, candidates: Iterable[Candidate]) -> ServerView:
    listing = _listing(nova, server)
    return server_view(listing, _shown(nova, server) if needs_show(listing, candidates) else None)


def _listing(nova: Connection, server: str) -> Listing:
    from cinder_attach_client.api.compute import list_server_volume_attachments
    from cinder_attach_client.models import ServerVolumeAttachmentList

    try:
        ident = UUID(server)
        answer = nova.call(list_server_volume_attachments.sync_detailed, ServerVolumeAttachmentList,
                           microversion=MICROVERSION, server_id=ident)  # fmt: skip
    except ValueError:
        return Failed(f"the instance {server!r} is not a UUID, so not a Nova server")
    except AttachError as exc:
        return _failure(exc)
    volumes: dict[str, tuple[str | None, ...]] = {}
    for held in answer.volume_attachments:
        attachment = held.attachment_id if isinstance(held.attachment_id, str) else None
        volumes[held.volume_id] = (*volumes.get(held.volume_id, ()), attachment)
    return Holding(volumes)


def _shown(nova: Connection, server: str) -> Shown:
    from cinder_attach_client.api.compute import show_server
    from cinder_attach_client.models import ServerResponse

    try:
        answer = nova.call(show_server.sync_detailed, ServerResponse, microversion=MICROVERSION,
                           server_id=UUID(server))  # fmt: skip
    except AttachError as exc:
        return _failure(exc)
    task = answer.server.os_ext_st_stask_state
    return ServerState(answer.server.status, task if isinstance(task, str) else None)


def _failure(exc: AttachError) -> NotFound | Failed:
    """A 404 is an answer; anything else (401, 403, 5xx, no answer) decides nothing."""
    if isinstance(exc, APIError):
        if exc.status == 404:
            return NotFound()
        fault = f" {exc.fault}" if exc.fault else ""
        return Failed(f"Nova answered HTTP {exc.status}{fault} ({exc.message.rstrip('.')})")
    return Failed(f"Nova could not be asked: {one_line(exc)}")
