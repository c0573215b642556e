"""Reading volumes: the id a volume's name stands for, and one volume (its status, for a wait).

A UUID is taken as the id and costs no request. A name costs one ``GET /volumes/detail?name=…`` in the
project and must match exactly one volume, by exact name (the server's match may ignore case). A dry
run still sends that read, since the request it shows needs the id; it says so in the log (the CLI
shows a ``Note:``), never on the terminal itself.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any
from uuid import UUID

from .errors import VolumeLookupError
from .inputs import check_not_empty
from .uuids import canonical_uuid, is_uuid_like

if TYPE_CHECKING:
    from cinder_attach_client.models import VolumeDetail

    from .connection import Connection

logger = logging.getLogger(__name__)
FIND_VOLUME = "3.27"  # any version works; 3.27 is what every attachment call needs anyway
SHOW_VOLUME = "3.48"  # adds shared_targets and service_uuid (a host-side connect's lock); 3.69: may be null


def find_volume_id(connection: Connection, name_or_id: str | UUID) -> str:
    """The id of the volume ``name_or_id`` names, in canonical form (see the module's docstring).

    No match, or several, raises :class:`~cinder_attach.errors.VolumeLookupError`, whose ``matches``
    lists (id, status) of each volume of that name.
    """
    if isinstance(name_or_id, UUID) or is_uuid_like(name_or_id):
        return canonical_uuid(str(name_or_id), "volume")
    check_not_empty(name_or_id, "the volume name", "the volume's name or id")
    found = [v for v in _volumes_named(connection, name_or_id) if v.name == name_or_id]
    if len(found) == 1:
        volume_id = str(found[0].id)
        if connection.dry_run:
            logger.info(
                "a dry run still looked up the volume name (one GET): %r is %s.",
                name_or_id,
                volume_id,
                extra={"reason": "volume_looked_up", "volume_name": name_or_id, "volume_id": volume_id},
            )
        return volume_id
    project = _project(connection)
    if not found:
        raise VolumeLookupError(f"no volume named {name_or_id!r} in project {project}.")
    listed = ", ".join(f"{v.id} ({v.status})" for v in found)
    raise VolumeLookupError(
        f"{len(found)} volumes are named {name_or_id!r} in project {project}: {listed}.",
        matches=tuple((str(v.id), str(v.status)) for v in found),
    )


def show_volume(connection: Connection, volume_id: str | UUID, microversion: str = SHOW_VOLUME) -> VolumeDetail:
    """One volume (``GET /volumes/{id}``): its status, multiattach, attachments, and from 3.48 on shared_targets
    and service_uuid. A missing volume is an APIError 404. Sent in a dry run too: it changes nothing."""
    from cinder_attach_client.api.volumes import show_volume as show
    from cinder_attach_client.models import VolumeResponse

    ident = UUID(canonical_uuid(str(volume_id), "volume_id"))
    answer = connection.call(show.sync_detailed, VolumeResponse, microversion=microversion, sent_in_dry_run=True,
                             volume_id=ident)  # fmt: skip
    return answer.volume


def _volumes_named(connection: Connection, name: str) -> list[Any]:
    from cinder_attach_client.api.volumes import list_volumes_detail
    from cinder_attach_client.models import VolumeDetailList

    answer = connection.call(
        list_volumes_detail.sync_detailed, VolumeDetailList, microversion=FIND_VOLUME, sent_in_dry_run=True, name=name
    )
    return list(answer.volumes)


def _project(connection: Connection) -> str:
    """The project's id, for messages: from the login, else from the endpoint (…/v3/<project_id>)."""
    login = connection.resolve()
    return login.project_id or login.endpoint.rstrip("/").rsplit("/", 1)[-1]
