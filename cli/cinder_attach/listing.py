"""Reading the attachment lists: every page (:func:`~cinder_attach.paging.pages`), or the first page alone.

The first page alone is one GET, enough to tell none, one and several matches apart: what the check after
a failed create (:mod:`~cinder_attach.rollback`) and a delete by volume and server
(:mod:`~cinder_attach.deleting`) read. It is sent in a dry run too, as it changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, TypedDict, Unpack
from uuid import UUID

from .paging import pages
from .uuids import canonical_uuid

if TYPE_CHECKING:
    from typing import TypeAlias

    from .connection import Connection

    UUIDLike: TypeAlias = str | UUID

LIST = "3.27"


class ListFilters(TypedDict, total=False):
    """What :meth:`AttachmentClient.list` can filter on (None means not given)."""

    volume_id: UUIDLike | None
    instance_id: UUIDLike | None
    status: str | None
    sort: str | None
    marker: UUIDLike | None
    limit: int | None
    all_projects: bool
    project_id: str | None


def attachments(
    connection: Connection,
    detail: bool,
    query: dict[str, Any],
    limit: int | None,
    marker: UUID | None,
    single: bool = False,
) -> Iterator[Any]:
    """The attachments page after page (:func:`~cinder_attach.paging.pages`), or with ``single`` only the first
    page (one GET, enough to tell none, one and several apart: the rollback's check, a delete by volume and
    server; sent in a dry run too, as it changes nothing)."""
    from cinder_attach_client.api.attachments import list_attachments, list_attachments_detail
    from cinder_attach_client.models import AttachmentDetailList, AttachmentList
    from cinder_attach_client.types import UNSET

    fn, expect = (
        (list_attachments_detail.sync_detailed, AttachmentDetailList)
        if detail
        else (list_attachments.sync_detailed, AttachmentList)
    )

    def page(want: int | None, after: UUID | None) -> list[Any]:
        # Only what is asked for goes in the query: no limit (the server's page size) unless a total was given.
        bounds: dict[str, Any] = {"limit": UNSET if want is None else want, "marker": UNSET if after is None else after}
        answer: Any = connection.call(fn, expect, microversion=LIST, sent_in_dry_run=single, **bounds, **query)
        return list(answer.attachments)

    if single:
        yield from page(limit, marker)
        return
    with connection.kept_open():  # one httpx client, and one kept-alive connection, for every page
        yield from pages(page, limit=limit, marker=marker)


def first_page(connection: Connection) -> Callable[..., Iterator[Any]]:
    """Lists the first page alone (one GET; the filters of :meth:`AttachmentClient.list`), for the rollback."""

    def find(**filters: Unpack[ListFilters]) -> Iterator[Any]:
        return attachments(connection, False, list_query(filters), filters.get("limit"), None, single=True)

    return find


def list_query(filters: ListFilters) -> dict[str, Any]:
    query: dict[str, Any] = {}
    if (volume_id := filters.get("volume_id")) is not None:
        query["volume_id"] = UUID(canonical_uuid(str(volume_id), "volume_id"))
    if (instance_id := filters.get("instance_id")) is not None:
        query["instance_id"] = UUID(canonical_uuid(str(instance_id), "instance_id"))
    if (status := filters.get("status")) is not None:
        # Cinder 29 accepts `status` but matches nothing with it; the attachment's status is `attach_status`.
        query["attach_status"] = status
    if (sort := filters.get("sort")) is not None:
        query["sort"] = sort
    project_id = filters.get("project_id")
    if filters.get("all_projects") or project_id is not None:
        query["all_tenants"] = 1  # Cinder tests only its presence; without it project_id matches nothing
    if project_id is not None:
        query["project_id"] = project_id
    return query
