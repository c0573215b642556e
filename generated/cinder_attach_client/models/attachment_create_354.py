from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.attachment_mode import AttachmentMode, check_attachment_mode
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.connector import Connector


T = TypeVar("T", bound="AttachmentCreate354")


@_attrs_define
class AttachmentCreate354:
    """Create body at microversion 3.54 and later.

    Attributes:
        volume_uuid (UUID): The volume to attach.
        instance_uuid (UUID | Unset): The server (instance) the attachment is for. Omit, never null.
        connector (Connector | None | Unset): Connector of the host; omit or null for a plain reserve.
        mode (AttachmentMode | Unset): The attach mode requested on create (3.54 and later).
    """

    volume_uuid: UUID
    instance_uuid: UUID | Unset = UNSET
    connector: Connector | None | Unset = UNSET
    mode: AttachmentMode | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.connector import Connector

        volume_uuid = str(self.volume_uuid)

        instance_uuid: str | Unset = UNSET
        if not isinstance(self.instance_uuid, Unset):
            instance_uuid = str(self.instance_uuid)

        connector: dict[str, Any] | None | Unset
        if isinstance(self.connector, Unset):
            connector = UNSET
        elif isinstance(self.connector, Connector):
            connector = self.connector.to_dict()
        else:
            connector = self.connector

        mode: str | Unset = UNSET
        if not isinstance(self.mode, Unset):
            mode = self.mode

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "volume_uuid": volume_uuid,
            }
        )
        if instance_uuid is not UNSET:
            field_dict["instance_uuid"] = instance_uuid
        if connector is not UNSET:
            field_dict["connector"] = connector
        if mode is not UNSET:
            field_dict["mode"] = mode

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.connector import Connector

        d = dict(src_dict)
        volume_uuid = UUID(d.pop("volume_uuid"))

        _instance_uuid = d.pop("instance_uuid", UNSET)
        instance_uuid: UUID | Unset
        if isinstance(_instance_uuid, Unset):
            instance_uuid = UNSET
        else:
            instance_uuid = UUID(_instance_uuid)

        def _parse_connector(data: object) -> Connector | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                connector_type_0 = Connector.from_dict(data)

                return connector_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Connector | None | Unset, data)

        connector = _parse_connector(d.pop("connector", UNSET))

        _mode = d.pop("mode", UNSET)
        mode: AttachmentMode | Unset
        if isinstance(_mode, Unset):
            mode = UNSET
        else:
            mode = check_attachment_mode(_mode)

        attachment_create_354 = cls(
            volume_uuid=volume_uuid,
            instance_uuid=instance_uuid,
            connector=connector,
            mode=mode,
        )

        return attachment_create_354
