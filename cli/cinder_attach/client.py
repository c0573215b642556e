"""The typed client for Cinder's attachments API: the public Python API, and what every CLI command calls.

One method per operation. Each returns the generated model that Cinder's answer parses into (never a
raw response) and owns its microversion, as a constant next to it. Failures raise the exceptions of
:mod:`cinder_attach.errors`: :class:`~cinder_attach.errors.APIError` carries the HTTP status, the
fault name and the request id.

    import cinder_attach
    client = cinder_attach.connect(cloud="mycloud")
    attachment = client.create354(volume_uuid, instance_uuid=server_id, mode="rw")
"""

from __future__ import annotations

import builtins
import os
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, Literal, TypedDict, Unpack, overload
from uuid import UUID

from .cloud import CloudArgs
from .connection import Connection
from .errors import AttachError
from .faults import gateway_answer, may_have_reserved
from .uuids import canonical_uuid, is_uuid_like

if TYPE_CHECKING:
    from typing import TypeAlias

    from cinder_attach_client.models import Attachment, AttachmentSummary, Connector, VolumeDetail

    from .brick_io import HostOptions
    from .local_attach import LocalAttachment
    from .local_detach import LocalDetachment

    VolumeVersion: TypeAlias = Literal["3.27", "3.48", "3.69"]

    UUIDLike: TypeAlias = str | UUID
    ConnectorLike: TypeAlias = Mapping[str, Any] | Connector


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


# Each operation's microversion (the attachments API starts at 3.27).
CREATE_354 = "3.54"  # adds `mode`
CREATE_327 = "3.27"
SHOW = "3.27"
LIST = "3.27"
UPDATE = "3.27"
COMPLETE = "3.44"  # os-complete
DELETE = "3.27"
FIND_VOLUME = "3.27"  # any version works; 3.27 is what every attachment call needs anyway
SHOW_VOLUME: Literal["3.69"] = "3.69"  # shared_targets (tristate) and service_uuid: what os-brick's guard needs
# Cinder's default osapi_max_limit: the most rows one list page can hold.
PAGE_SIZE = 1000
MAX_PAGES = 100_000
# After a failed create, the check for what it left reads at most this many of the newest matches.
LEFTOVER_CHECK_LIMIT = 25


def _uuid(value: UUIDLike, name: str) -> UUID:
    return value if isinstance(value, UUID) else UUID(canonical_uuid(value, name))


def _connector(value: ConnectorLike) -> Connector:
    """The connector to send; a declared key of the wrong type (``"multipath": "yes"``) is a UsageError."""
    from cinder_attach_client.models import Connector

    from .connector import check_types

    check_types(value.to_dict() if isinstance(value, Connector) else value, "connector")
    return value if isinstance(value, Connector) else Connector.from_dict(dict(value))


def _header(microversion: str) -> Any:
    return f"volume {microversion}"


class AttachmentClient:
    """Cinder's attachments API over one :class:`~cinder_attach.connection.Connection`."""

    def __init__(self, connection: Connection | None = None) -> None:
        self.connection = connection or Connection()

    def create354(
        self,
        volume_uuid: UUIDLike,
        *,
        instance_uuid: UUIDLike | None = None,
        connector: ConnectorLike | None = None,
        mode: Literal["rw", "ro"] | None = None,
        rollback: bool = True,
    ) -> Attachment:
        """Reserve the volume (no connector) or reserve and connect it (connector given), at 3.54.

        When Cinder refuses the connect after it reserved the volume, the reservation it left is
        deleted (``rollback=False`` keeps it); see :meth:`_after_failed_create` for the exact rule.
        """
        from cinder_attach_client.models import AttachmentCreate354, AttachmentCreate354Request
        from cinder_attach_client.models.attachment_mode import check_attachment_mode
        from cinder_attach_client.types import UNSET

        fields = self._create_fields(volume_uuid, instance_uuid, connector)
        checked_mode = _checked(check_attachment_mode, mode, "mode", "rw or ro") if mode is not None else UNSET
        body = AttachmentCreate354Request(attachment=AttachmentCreate354(**fields, mode=checked_mode))
        return self._create(body, CREATE_354, fields, rollback)

    def create327(
        self,
        volume_uuid: UUIDLike,
        *,
        instance_uuid: UUIDLike | None = None,
        connector: ConnectorLike | None = None,
        rollback: bool = True,
    ) -> Attachment:
        """The same at 3.27 (no ``mode``), for clouds whose maximum is below 3.54."""
        from cinder_attach_client.models import AttachmentCreate327, AttachmentCreate327Request

        fields = self._create_fields(volume_uuid, instance_uuid, connector)
        body = AttachmentCreate327Request(attachment=AttachmentCreate327(**fields))
        return self._create(body, CREATE_327, fields, rollback)

    def _create_fields(
        self, volume_uuid: UUIDLike, instance_uuid: UUIDLike | None, connector: ConnectorLike | None
    ) -> dict[str, Any]:
        fields: dict[str, Any] = {"volume_uuid": _uuid(volume_uuid, "volume_uuid")}
        if instance_uuid is not None:
            fields["instance_uuid"] = _uuid(instance_uuid, "instance_uuid")
        if connector is not None:
            fields["connector"] = _connector(connector)
        return fields

    def _create(self, body: Any, microversion: str, fields: dict[str, Any], rollback: bool) -> Attachment:
        from cinder_attach_client.api.attachments import create_attachment
        from cinder_attach_client.models import AttachmentResponse

        try:
            answer = self.connection.call(
                create_attachment.sync_detailed,
                AttachmentResponse,
                microversion=microversion,
                creates=True,
                body=body,
                open_stack_api_version=_header(microversion),
            )
        except AttachError as exc:
            self._after_failed_create(exc, fields, rollback)
            raise
        return answer.attachment

    def _after_failed_create(self, exc: AttachError, fields: dict[str, Any], rollback: bool) -> None:
        """Find (and, if safe, delete) the reservation a failed create left, and record it on ``exc``.

        - A create that may still be running (timeout, dropped connection, a gateway's 502/503/504,
          an unreadable 200) is never cleaned up: the check only names what it finds, pending
          (reserved or attaching) attachments of the volume and instance, so the user can look.
        - A create with a connector that Cinder refused after reserving (:func:`faults.may_have_reserved`)
          is checked with one ``GET /attachments?volume_id=…[&instance_id=…]&attach_status=reserved``.
          Exactly one match, with the same instance (or none, if none was given), is the reservation
          it left, and is deleted unless ``rollback`` is False; with several, none is deleted and all
          are named. The ids are in ``exc.leftovers``; the deleted one in ``exc.deleted``.
        """
        if gateway_answer(exc):
            exc.may_have_created = True
            exc.add_note("the attachment may have been created")
        if exc.may_have_created:
            found = self._pending(exc, fields, ("reserved", "attaching"))
            if found is not None:
                exc.leftovers = found
                exc.add_note(f"pending attachments found right after: {_ids(found) or 'none yet'}")
            return
        if "connector" not in fields or not may_have_reserved(exc):
            return
        found = self._pending(exc, fields, ("reserved",))
        if found is None:
            return
        exc.leftovers = found
        if not found:
            exc.add_note("it left no reservation")
        elif len(found) > 1:
            exc.add_note(f"several reservations match it ({_ids(found)}), so none was deleted")
        elif not rollback:
            exc.add_note(f"the reservation {found[0]} it left was kept")
        else:
            self._delete_leftover(exc, found[0])

    def _pending(self, exc: AttachError, fields: dict[str, Any], statuses: tuple[str, ...]) -> tuple[str, ...] | None:
        """Ids of the volume's attachments in ``statuses`` with the create's instance; None if the check failed."""
        instance = fields.get("instance_uuid")
        try:
            rows = self.list(
                volume_id=fields["volume_uuid"],
                instance_id=instance,
                status=statuses[0] if len(statuses) == 1 else None,
                sort="created_at:desc",
                limit=LEFTOVER_CHECK_LIMIT,
            )
            want = str(instance) if instance is not None else None
            return tuple(row.id for row in rows if row.status in statuses and row.instance == want)
        except AttachError as check:
            exc.add_note(f"the check for what it left failed ({check.message.rstrip('.')})")
            return None

    def _delete_leftover(self, exc: AttachError, leftover: str) -> None:
        try:
            self.delete(leftover)  # a reserved attachment needs no service token
        except AttachError as failed:
            exc.add_note(f"the reservation {leftover} it left could not be deleted ({failed.message.rstrip('.')})")
            return
        exc.leftovers, exc.deleted = (), leftover
        exc.add_note(f"the reservation {leftover} it left was deleted")

    def show(self, attachment_id: UUIDLike) -> Attachment:
        """One attachment (detail view)."""
        from cinder_attach_client.api.attachments import show_attachment
        from cinder_attach_client.models import AttachmentResponse

        answer = self.connection.call(
            show_attachment.sync_detailed,
            AttachmentResponse,
            microversion=SHOW,
            attachment_id=_uuid(attachment_id, "attachment_id"),
            open_stack_api_version=_header(SHOW),
        )
        return answer.attachment

    @overload
    def list(self, *, detail: Literal[False] = ..., **filters: Unpack[ListFilters]) -> Iterator[AttachmentSummary]: ...
    @overload
    def list(self, *, detail: Literal[True], **filters: Unpack[ListFilters]) -> Iterator[Attachment]: ...
    @overload
    def list(
        self, *, detail: bool, **filters: Unpack[ListFilters]
    ) -> Iterator[Attachment] | Iterator[AttachmentSummary]: ...

    def list(
        self, *, detail: bool = False, **filters: Unpack[ListFilters]
    ) -> Iterator[Attachment] | Iterator[AttachmentSummary]:
        """Every attachment that matches, page after page (Cinder sends no next links; markers are followed).

        Filters: ``volume_id``, ``instance_id``, ``status`` (the attachment's status), ``sort``
        (``key[:dir],…``), ``marker`` (start after this id) and ``limit`` (at most this many in all).
        ``all_projects=True`` lists every project's attachments (admin only; Cinder ignores it for
        others), and ``project_id`` only that project's (admin only; it implies ``all_projects``).
        ``detail=True`` gives full attachments (GET /attachments/detail). Nothing is sent until the
        iterator is read; at most one page of models is alive at a time.
        """
        return self._pages(detail, filters)

    def _pages(self, detail: bool, filters: ListFilters) -> Iterator[Any]:
        query = _list_query(filters)
        limit = filters.get("limit")
        if limit is not None and limit < 1:
            from .errors import UsageError

            raise UsageError(f"limit {limit} must be at least 1.")
        marker = filters.get("marker")
        next_marker = _uuid(marker, "marker") if marker is not None else None
        # Only the last page's ids are kept, enough to see Cinder hand a page back again (equal created_at
        # values make marker paging repeat one), so memory stays flat however long the list is.
        previous: set[str] = set()
        count = 0
        with self.connection.kept_open():  # one httpx client, and one kept-alive connection, for every page
            for _ in range(MAX_PAGES):
                want = PAGE_SIZE if limit is None else min(PAGE_SIZE, limit - count)
                page = self._page(detail, query, want, next_marker)
                fresh = [a for a in page if a.id not in previous]
                count += len(fresh)
                yield from fresh
                # A short page is the last; a page with nothing new means paging repeated itself.
                if not fresh or len(page) < want or (limit is not None and count >= limit):
                    return
                previous = {a.id for a in page}
                next_marker = UUID(page[-1].id)

    def _page(self, detail: bool, query: dict[str, Any], want: int, marker: UUID | None) -> builtins.list[Any]:
        from cinder_attach_client.api.attachments import list_attachments, list_attachments_detail
        from cinder_attach_client.models import AttachmentDetailList, AttachmentList
        from cinder_attach_client.types import UNSET

        fn, expect = (
            (list_attachments_detail.sync_detailed, AttachmentDetailList)
            if detail
            else (list_attachments.sync_detailed, AttachmentList)
        )
        answer: Any = self.connection.call(
            fn,
            expect,
            microversion=LIST,
            limit=want,
            marker=marker if marker is not None else UNSET,
            open_stack_api_version=_header(LIST),
            **query,
        )
        return builtins.list(answer.attachments)

    def find_volume_id(self, name_or_id: UUIDLike) -> str:
        """The id of the volume ``name_or_id`` names, in canonical form.

        A UUID (any form Cinder accepts) is taken as the id and costs no request. A name costs one
        ``GET /volumes/detail?name=…`` in the project, and must match exactly one volume, by exact
        name (the server's match may ignore case). No match, or several, raises
        :class:`~cinder_attach.errors.VolumeLookupError`, whose ``matches`` lists (id, status) of each.
        """
        if isinstance(name_or_id, UUID) or is_uuid_like(name_or_id):
            return str(_uuid(name_or_id, "volume"))
        if not name_or_id.strip():
            from .errors import UsageError

            raise UsageError("the volume name is empty.", hint="Give the volume's name or id.")
        found = [v for v in self._volumes_named(name_or_id) if v.name == name_or_id]
        if len(found) == 1:
            if self.connection.dry_run:
                from .console import say

                say(f"Note: --dry-run still looked up the volume name (one GET): {name_or_id!r} is {found[0].id}.")
            return str(found[0].id)
        from .errors import VolumeLookupError

        project = self._project()
        if not found:
            raise VolumeLookupError(f"no volume named {name_or_id!r} in project {project}.")
        listed = ", ".join(f"{v.id} ({v.status})" for v in found)
        raise VolumeLookupError(
            f"{len(found)} volumes are named {name_or_id!r} in project {project}: {listed}.",
            matches=tuple((str(v.id), str(v.status)) for v in found),
        )

    def _volumes_named(self, name: str) -> builtins.list[Any]:
        from cinder_attach_client.api.volumes import list_volumes_detail
        from cinder_attach_client.models import VolumeDetailList

        answer = self._reader().call(
            list_volumes_detail.sync_detailed,
            VolumeDetailList,
            microversion=FIND_VOLUME,
            name=name,
            open_stack_api_version=_header(FIND_VOLUME),
        )
        return builtins.list(answer.volumes)

    def show_volume(self, volume_id: UUIDLike, *, microversion: VolumeVersion = SHOW_VOLUME) -> VolumeDetail:
        """One volume (detail view); from 3.48 with ``shared_targets`` and ``service_uuid``."""
        from cinder_attach_client.api.volumes import show_volume
        from cinder_attach_client.models import VolumeResponse

        answer = self._reader().call(
            show_volume.sync_detailed,
            VolumeResponse,
            microversion=microversion,
            volume_id=_uuid(volume_id, "volume_id"),
            open_stack_api_version=_header(microversion),
        )
        return answer.volume

    def local_attach(
        self,
        volume: UUIDLike,
        *,
        mode: Literal["rw", "ro"] = "rw",
        instance_uuid: UUIDLike | None = None,
        wait: float = 0.0,
        state_dir: str | os.PathLike[str] | None = None,
        **host: Unpack[HostOptions],
    ) -> LocalAttachment:
        """Attach the volume (a name or id) to this host as a block device (:mod:`cinder_attach.local_attach`).

        ``host`` takes the connector read's options (``host_ip``, ``multipath``, ``enforce_multipath``,
        ``root_helper``). Needs the ``host`` extra (os-brick), and root or a working ``root_helper``.
        """
        from .local_attach import run_attach

        instance = str(_uuid(instance_uuid, "instance_uuid")) if instance_uuid is not None else None
        return run_attach(self, volume, mode, instance, wait, state_dir, host)

    def local_detach(
        self,
        volume: UUIDLike,
        *,
        attachment_id: UUIDLike | None = None,
        force: bool = False,
        service_token: str | None = None,
        state_dir: str | os.PathLike[str] | None = None,
        root_helper: str = "sudo",
    ) -> LocalDetachment:
        """Undo :meth:`local_attach`; an attachment already gone is success (:mod:`cinder_attach.local_detach`)."""
        from .local_detach import run_detach

        ident = str(_uuid(attachment_id, "attachment_id")) if attachment_id is not None else None
        volume_id = self.find_volume_id(volume)
        return run_detach(self, volume_id, ident, force, service_token, state_dir, root_helper)

    def _reader(self) -> Connection:
        """The connection for a read that a dry run still sends (its answer shapes the request shown)."""
        if not self.connection.dry_run:
            return self.connection
        from dataclasses import replace

        self.connection.resolve()  # log in once; the copy shares the login, the recorder and the settings
        return replace(self.connection, dry_run=False)

    def _project(self) -> str:
        """The project's id, for messages: from the login, else from the endpoint (…/v3/<project_id>)."""
        login = self.connection.resolve()
        return login.project_id or login.endpoint.rstrip("/").rsplit("/", 1)[-1]

    def update(self, attachment_id: UUIDLike, connector: ConnectorLike) -> Attachment:
        """Give a reserved attachment its connector: Cinder initialises the connection."""
        from cinder_attach_client.api.attachments import update_attachment
        from cinder_attach_client.models import AttachmentResponse, AttachmentUpdate, AttachmentUpdateRequest

        body = AttachmentUpdateRequest(attachment=AttachmentUpdate(connector=_connector(connector)))
        answer = self.connection.call(
            update_attachment.sync_detailed,
            AttachmentResponse,
            microversion=UPDATE,
            attachment_id=_uuid(attachment_id, "attachment_id"),
            body=body,
            open_stack_api_version=_header(UPDATE),
        )
        return answer.attachment

    def complete(self, attachment_id: UUIDLike) -> None:
        """Mark the attachment attached and the volume in-use (os-complete; Cinder answers 204)."""
        from cinder_attach_client.api.attachments import complete_attachment
        from cinder_attach_client.models import AttachmentCompleteRequest

        self.connection.send(
            complete_attachment.sync_detailed,
            microversion=COMPLETE,
            attachment_id=_uuid(attachment_id, "attachment_id"),
            body=AttachmentCompleteRequest(os_complete=None),
            open_stack_api_version=_header(COMPLETE),
        )

    def delete(self, attachment_id: UUIDLike, *, service_token: str | None = None) -> None:
        """Delete (detach) an attachment. A connected one needs a service token on a cloud without Nova."""
        from cinder_attach_client.api.attachments import delete_attachment
        from cinder_attach_client.types import UNSET

        self.connection.send(
            delete_attachment.sync_detailed,
            microversion=DELETE,
            attachment_id=_uuid(attachment_id, "attachment_id"),
            x_service_token=service_token or UNSET,
            open_stack_api_version=_header(DELETE),
        )


def _ids(ids: tuple[str, ...]) -> str:
    return ", ".join(ids)


def _list_query(filters: ListFilters) -> dict[str, Any]:
    query: dict[str, Any] = {}
    if (volume_id := filters.get("volume_id")) is not None:
        query["volume_id"] = _uuid(volume_id, "volume_id")
    if (instance_id := filters.get("instance_id")) is not None:
        query["instance_id"] = _uuid(instance_id, "instance_id")
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


def _checked(check: Any, value: str, name: str, allowed: str) -> Any:
    try:
        return check(value)
    except TypeError:
        from .errors import UsageError

        raise UsageError(f"{name} {value!r} is not {allowed}.") from None


def connect(
    cloud: str | None = None,
    *,
    use_cache: bool = True,
    timeout: float | None = None,
    debug: bool = False,
    **settings: Any,
) -> AttachmentClient:
    """A client for ``cloud`` from clouds.yaml, or for the ``OS_*`` variables, or for ``settings``.

    ``settings`` are the ``--os-*`` options without the prefix (``auth_url``, ``username``,
    ``password``, ``project_name``, ``region_name``, ``token`` and ``endpoint``, ``cacert``,
    ``insecure``, …). Nothing is sent until the first call; the token cache is the CLI's.
    """
    from dataclasses import fields

    known = {f.name for f in fields(CloudArgs)}
    unknown = sorted(set(settings) - known)
    if unknown:
        raise TypeError(f"connect() got unknown settings {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    args = CloudArgs(cloud=cloud, **settings)
    return AttachmentClient(Connection(cloud=args, use_cache=use_cache, timeout=timeout, debug=debug))
