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

from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Literal, Unpack, overload
from uuid import UUID

from .cloud import CloudArgs
from .connection import Connection
from .errors import AttachError
from .inputs import check_limit, check_mode, check_wait
from .lazy import LazyModule
from .uuids import canonical_uuid

if TYPE_CHECKING:
    from typing import TypeAlias

    from cinder_attach_client.models import Attachment, AttachmentSummary, Connector, VolumeDetail

    from . import deleting, listing, login_finder, rollback, volumes
    from .deleting import DeleteOptions
    from .listing import ListFilters
    from .local_attach import LocalAttachment, LocalAttachOptions
    from .local_detach import LocalDetachment, LocalDetachOptions
    from .prune import Row
    from .pruning import PruneOptions

    UUIDLike: TypeAlias = str | UUID
    ConnectorLike: TypeAlias = Mapping[str, Any] | Connector
else:  # imported on first use, so that a create or a show loads none of them (CONTRIBUTING.md, lazy imports)
    deleting, listing, login_finder, rollback, volumes = map(
        LazyModule, ("deleting", "listing", "login_finder", "rollback", "volumes")
    )


# Each operation's microversion (the attachments API starts at 3.27).
CREATE_354 = "3.54"  # adds `mode`
CREATE_327 = "3.27"
SHOW = "3.27"
UPDATE = "3.27"
COMPLETE = "3.44"  # os-complete


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
        self._service_logins: dict[str, login_finder.LoginFinder] = {}

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
        wait: float | None = None,
    ) -> Attachment:
        """Reserve the volume (no connector) or reserve and connect it (connector given), at 3.54; a reservation
        a refused connect left is deleted unless ``rollback=False`` (:mod:`~cinder_attach.rollback`). ``wait=SECONDS``
        first waits that long at most for a busy volume to become reservable (:mod:`~cinder_attach.waiting`)."""
        from cinder_attach_client.models import AttachmentCreate354, AttachmentCreate354Request
        from cinder_attach_client.types import UNSET

        fields = _create_fields(volume_uuid, instance_uuid, connector)
        checked = check_mode(mode, "mode") if mode is not None else UNSET
        body = AttachmentCreate354Request(attachment=AttachmentCreate354(**fields, mode=checked))
        return _create(self, body, CREATE_354, fields, rollback, wait)

    def create327(
        self,
        volume_uuid: UUIDLike,
        *,
        instance_uuid: UUIDLike | None = None,
        connector: ConnectorLike | None = None,
        rollback: bool = True,
        wait: float | None = None,
    ) -> Attachment:
        """The same at 3.27 (no ``mode``), for clouds whose maximum is below 3.54."""
        from cinder_attach_client.models import AttachmentCreate327, AttachmentCreate327Request

        fields = _create_fields(volume_uuid, instance_uuid, connector)
        body = AttachmentCreate327Request(attachment=AttachmentCreate327(**fields))
        return _create(self, body, CREATE_327, fields, rollback, wait)

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
        Cinder ignores it for others) or ``project_id`` (admin; implies it). ``detail=True``: full attachments."""
        check_limit(filters.get("limit"), "limit")
        marker = filters.get("marker")
        start = _uuid(marker, "marker") if marker is not None else None
        return listing.attachments(self.connection, detail, listing.list_query(filters), filters.get("limit"), start)

    def find_volume_id(self, name_or_id: UUIDLike) -> str:
        """The id of the volume ``name_or_id`` names: a UUID, else one exact name (:func:`volumes.find_volume_id`)."""
        return volumes.find_volume_id(self.connection, name_or_id)

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

    def delete(self, attachment_id: UUIDLike, **options: Unpack[DeleteOptions]) -> bool:
        """Delete (detach) an attachment; True, or False when it was gone and ``ignore_missing`` (:mod:`deleting`)."""
        ident = _uuid(attachment_id, "attachment_id")
        return deleting.delete_one(self.connection, ident, _token(self, options), options)

    def delete_for(self, volume_id: UUIDLike, instance_id: UUIDLike, **options: Unpack[DeleteOptions]) -> str | None:
        """Delete the volume's attachment for that instance, found with one GET: its id (:mod:`deleting`)."""
        pair = _uuid(volume_id, "volume_id"), _uuid(instance_id, "instance_id")
        find = listing.first_page(self.connection)
        return deleting.delete_for(self.connection, *pair, _token(self, options), options, find=find)

    def service_token(self, cloud: str | None = None) -> str | None:
        """The token of ``cloud`` (default: ``service_cloud``; a user with the service role), via the token cache."""
        name = cloud or self.service_cloud
        if name and name not in self._service_logins:
            self._service_logins[name] = login_finder.LoginFinder(CloudArgs(cloud=name), self.connection.use_cache)
        return self._service_logins[name].resolve().token if name else None

    def show_volume(self, volume_id: UUIDLike, *, microversion: str = "3.69") -> VolumeDetail:
        """One volume (:func:`cinder_attach.volumes.show_volume`; from 3.48 with shared_targets, service_uuid)."""
        return volumes.show_volume(self.connection, _uuid(volume_id, "volume_id"), microversion)

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


def _token(client: AttachmentClient, options: DeleteOptions) -> Callable[[], str | None]:
    """A delete's service token: given, else the client's service cloud's; asked for only when a delete is sent."""
    return lambda: options.get("service_token") or client.service_token()


def _create(
    client: AttachmentClient,
    body: Any,
    microversion: str,
    fields: dict[str, Any],
    undo: bool,
    wait: float | None = None,
) -> Attachment:
    """Send a create once, after waiting (``wait`` seconds at most) for a busy volume; after a failure,
    :mod:`~cinder_attach.rollback` checks what it left, and undoes it when ``undo``."""
    from cinder_attach_client.api.attachments import create_attachment
    from cinder_attach_client.models import AttachmentResponse

    check_wait(wait, "wait")
    if wait is not None and not client.connection.dry_run:  # a dry run creates nothing: nothing to wait for
        from .waiting import wait_until_reservable

        volume_id = str(fields["volume_uuid"])
        wait_until_reservable(lambda: volumes.show_volume(client.connection, volume_id), volume_id, wait)
    call = create_attachment.sync_detailed
    try:
        answer = client.connection.call(call, AttachmentResponse, microversion=microversion, creates=True, body=body)
    except AttachError as exc:
        find = listing.first_page(client.connection)
        delete = lambda left: deleting.delete_attachment(client.connection, left, None)  # noqa: E731 - needs no token
        rollback.after_failed_create(exc, fields, undo, find=find, delete=delete)
        raise
    return answer.attachment


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
