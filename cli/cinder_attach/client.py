"""The typed client for Cinder's attachments API: the public Python API, and what every CLI command calls.

One method per operation, each a few lines: it builds the generated call's arguments and names its
microversion (a constant below); the connection sends it and writes the microversion header. Each
returns the generated model that Cinder's answer parses into (never a raw response). Failures raise
the exceptions of :mod:`cinder_attach.errors`: :class:`~cinder_attach.errors.APIError` carries the HTTP
status, the fault name and the request id. Paging, the rollback after a failed create and volume
lookup each live in their own module (:mod:`~cinder_attach.paging`, :mod:`~cinder_attach.rollback`,
:mod:`~cinder_attach.volumes`).

    import cinder_attach
    client = cinder_attach.connect(cloud="mycloud")
    attachment = client.create354(volume_uuid, instance_uuid=server_id, mode="rw")
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, Literal, TypedDict, Unpack, overload
from uuid import UUID

from .cloud import CloudArgs
from .connection import Connection
from .errors import AttachError
from .inputs import check_limit, check_mode
from .login_finder import LoginFinder
from .paging import pages
from .rollback import after_failed_create
from .uuids import canonical_uuid

if TYPE_CHECKING:
    from typing import TypeAlias

    from cinder_attach_client.models import Attachment, AttachmentSummary, Connector, VolumeDetail

    from .local_attach import LocalAttachment, LocalAttachOptions
    from .local_detach import LocalDetachment, LocalDetachOptions
    from .prune import Row
    from .pruning import PruneOptions

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


def _uuid(value: UUIDLike, name: str) -> UUID:
    return value if isinstance(value, UUID) else UUID(canonical_uuid(value, name))


def _connector(value: ConnectorLike) -> Connector:
    """The connector to send; a declared key of the wrong type (``"multipath": "yes"``) is a UsageError."""
    from cinder_attach_client.models import Connector

    from .connector import check_types

    check_types(value.to_dict() if isinstance(value, Connector) else value, "connector")
    return value if isinstance(value, Connector) else Connector.from_dict(dict(value))


def _create_fields(
    volume_uuid: UUIDLike, instance_uuid: UUIDLike | None, connector: ConnectorLike | None
) -> dict[str, Any]:
    fields: dict[str, Any] = {"volume_uuid": _uuid(volume_uuid, "volume_uuid")}
    if instance_uuid is not None:
        fields["instance_uuid"] = _uuid(instance_uuid, "instance_uuid")
    if connector is not None:
        fields["connector"] = _connector(connector)
    return fields


class AttachmentClient:
    """Cinder's attachments API over one :class:`~cinder_attach.connection.Connection`."""

    def __init__(self, connection: Connection | None = None, *, service_cloud: str | None = None) -> None:
        self.connection = connection or Connection()
        self.service_cloud = service_cloud  # the cloud whose login is delete's service token
        self._service_logins: dict[str, LoginFinder] = {}

    @property
    def dry_run(self) -> bool:  # requests are only shown (the CLI's --dry-run), not sent
        return self.connection.dry_run

    def create354(
        self,
        volume_uuid: UUIDLike,
        *,
        instance_uuid: UUIDLike | None = None,
        connector: ConnectorLike | None = None,
        mode: Literal["rw", "ro"] | None = None,
        rollback: bool = True,
    ) -> Attachment:
        """Reserve the volume (no connector) or reserve and connect it (connector given), at 3.54. When Cinder
        refuses the connect after it reserved the volume, the reservation it left is deleted (``rollback=False``
        keeps it); :mod:`~cinder_attach.rollback` has the exact rule."""
        from cinder_attach_client.models import AttachmentCreate354, AttachmentCreate354Request
        from cinder_attach_client.types import UNSET

        fields = _create_fields(volume_uuid, instance_uuid, connector)
        checked = check_mode(mode, "mode") if mode is not None else UNSET
        body = AttachmentCreate354Request(attachment=AttachmentCreate354(**fields, mode=checked))
        return _create(self, body, CREATE_354, fields, rollback)

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

        fields = _create_fields(volume_uuid, instance_uuid, connector)
        body = AttachmentCreate327Request(attachment=AttachmentCreate327(**fields))
        return _create(self, body, CREATE_327, fields, rollback)

    def show(self, attachment_id: UUIDLike) -> Attachment:
        """One attachment (detail view)."""
        from cinder_attach_client.api.attachments import show_attachment
        from cinder_attach_client.models import AttachmentResponse

        ident = _uuid(attachment_id, "attachment_id")
        call = show_attachment.sync_detailed
        return self.connection.call(call, AttachmentResponse, microversion=SHOW, attachment_id=ident).attachment

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
        """Every attachment that matches, page after page (:mod:`~cinder_attach.paging`), checked at once and
        sent when read: ``volume_id``, ``instance_id``, ``status`` (the attachment's), ``sort`` (``key[:dir],…``),
        ``marker`` (start after this id), ``limit`` (at most this many in all), ``all_projects=True`` (admin;
        Cinder ignores it for others) or ``project_id`` (admin; implies it). ``detail=True``: full attachments.
        """
        check_limit(filters.get("limit"), "limit")
        marker = filters.get("marker")
        start = _uuid(marker, "marker") if marker is not None else None
        return _listing(self.connection, detail, _list_query(filters), filters.get("limit"), start)

    def find_volume_id(self, name_or_id: UUIDLike) -> str:
        """The id of the volume ``name_or_id`` names (a UUID costs no request; a name one GET and must name
        exactly one volume, else :class:`~cinder_attach.errors.VolumeLookupError`; :mod:`~cinder_attach.volumes`)."""
        from .volumes import find_volume_id

        return find_volume_id(self.connection, name_or_id)

    def update(self, attachment_id: UUIDLike, connector: ConnectorLike) -> Attachment:
        """Give a reserved attachment its connector: Cinder initialises the connection."""
        from cinder_attach_client.api.attachments import update_attachment
        from cinder_attach_client.models import AttachmentResponse, AttachmentUpdate, AttachmentUpdateRequest

        ident = _uuid(attachment_id, "attachment_id")
        body = AttachmentUpdateRequest(attachment=AttachmentUpdate(connector=_connector(connector)))
        answer = self.connection.call(
            update_attachment.sync_detailed, AttachmentResponse, microversion=UPDATE, attachment_id=ident, body=body
        )
        return answer.attachment

    def complete(self, attachment_id: UUIDLike) -> None:
        """Mark the attachment attached and the volume in-use (os-complete; Cinder answers 204)."""
        from cinder_attach_client.api.attachments import complete_attachment
        from cinder_attach_client.models import AttachmentCompleteRequest

        ident = _uuid(attachment_id, "attachment_id")
        body = AttachmentCompleteRequest(os_complete=None)
        self.connection.send(complete_attachment.sync_detailed, microversion=COMPLETE, attachment_id=ident, body=body)

    def delete(self, attachment_id: UUIDLike, *, service_token: str | None = None) -> None:
        """Delete (detach) an attachment. A connected one needs a service token on a cloud without Nova:
        ``service_token``, else the login of the client's ``service_cloud`` (if it has one)."""
        _delete(self.connection, attachment_id, service_token or self.service_token())

    def service_token(self, cloud: str | None = None) -> str | None:
        """The token of ``cloud`` (default: ``service_cloud``; a user with the service role), via the token cache."""
        name = cloud or self.service_cloud
        if name and name not in self._service_logins:
            self._service_logins[name] = LoginFinder(CloudArgs(cloud=name), self.connection.use_cache)
        return self._service_logins[name].resolve().token if name else None

    def show_volume(self, volume_id: UUIDLike, *, microversion: str = "3.69") -> VolumeDetail:
        """One volume (:func:`cinder_attach.volumes.show_volume`; from 3.48 with shared_targets, service_uuid)."""
        from .volumes import show_volume

        found: VolumeDetail = show_volume(self.connection, _uuid(volume_id, "volume_id"), microversion)
        return found

    def local_attach(self, volume: UUIDLike, **options: Unpack[LocalAttachOptions]) -> LocalAttachment:
        """The volume as a block device on this host (os-brick; :mod:`cinder_attach.local_attach`)."""
        from .local_attach import run_attach

        return run_attach(self, volume, **options)

    def local_detach(self, volume: UUIDLike, **options: Unpack[LocalDetachOptions]) -> LocalDetachment:
        """Undo :meth:`local_attach`; one already gone is success (:mod:`cinder_attach.local_detach`)."""
        from .local_detach import run_detach

        return run_detach(self, volume, **options)

    def prune(self, **options: Unpack[PruneOptions]) -> Iterator[Row]:
        """A verdict row per attachment in scope; ``apply=True`` deletes the prune rows (see cinder_attach.pruning)."""
        from .pruning import prune

        return prune(self, **options)

    def host_connector(self, **options: Any) -> dict[str, Any]:
        """This host's connector (:func:`cinder_attach.brick.host_connector`), its ip routed towards this cloud."""
        from . import brick

        route_to = self.connection.known_endpoint()
        return brick.host_connector(**options, debug=self.connection.debug, route_to=route_to)


def _create(
    client: AttachmentClient, body: Any, microversion: str, fields: dict[str, Any], rollback: bool
) -> Attachment:
    """Send a create once; after a failure, :mod:`~cinder_attach.rollback` checks (and undoes) what it left."""
    from cinder_attach_client.api.attachments import create_attachment
    from cinder_attach_client.models import AttachmentResponse

    call = create_attachment.sync_detailed
    try:
        answer = client.connection.call(call, AttachmentResponse, microversion=microversion, creates=True, body=body)
    except AttachError as exc:
        delete = lambda left: _delete(client.connection, left, None)  # noqa: E731 - a reservation needs no service token
        after_failed_create(exc, fields, rollback, find=client.list, delete=delete)
        raise
    return answer.attachment


def _delete(connection: Connection, attachment_id: UUIDLike, service_token: str | None) -> None:
    from cinder_attach_client.api.attachments import delete_attachment
    from cinder_attach_client.types import UNSET

    ident = _uuid(attachment_id, "attachment_id")
    token = service_token or UNSET
    call = delete_attachment.sync_detailed
    connection.send(call, microversion=DELETE, attachment_id=ident, x_service_token=token)


def _listing(
    connection: Connection, detail: bool, query: dict[str, Any], limit: int | None, marker: UUID | None
) -> Iterator[Any]:
    from cinder_attach_client.api.attachments import list_attachments, list_attachments_detail
    from cinder_attach_client.models import AttachmentDetailList, AttachmentList
    from cinder_attach_client.types import UNSET

    fn, expect = (
        (list_attachments_detail.sync_detailed, AttachmentDetailList)
        if detail
        else (list_attachments.sync_detailed, AttachmentList)
    )

    def page(want: int, after: UUID | None) -> list[Any]:
        answer: Any = connection.call(
            fn, expect, microversion=LIST, limit=want, marker=after if after is not None else UNSET, **query
        )
        return list(answer.attachments)

    with connection.kept_open():  # one httpx client, and one kept-alive connection, for every page
        yield from pages(page, limit=limit, marker=marker)


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


def connect(
    cloud: str | None = None,
    *,
    use_cache: bool = True,
    timeout: float | None = None,
    debug: bool = False,
    service_cloud: str | None = None,
    **settings: Any,
) -> AttachmentClient:
    """A client for ``cloud`` from clouds.yaml, or for the ``OS_*`` variables, or for ``settings``.

    ``settings`` are the ``--os-*`` options without the prefix (``auth_url``, ``username``,
    ``password``, ``project_name``, ``region_name``, ``token`` and ``endpoint``, ``cacert``,
    ``insecure``, …). ``service_cloud`` names a cloud whose user has the service role: its token goes
    with every delete (a connected attachment on a cloud without Nova needs one). Nothing is sent
    until the first call; the token cache is the CLI's.
    """
    from dataclasses import fields

    known = {f.name for f in fields(CloudArgs)}
    unknown = sorted(set(settings) - known)
    if unknown:
        raise TypeError(f"connect() got unknown settings {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    args = CloudArgs(cloud=cloud, **settings)
    connection = Connection(cloud=args, use_cache=use_cache, timeout=timeout, debug=debug)
    return AttachmentClient(connection, service_cloud=service_cloud)
