from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.connection_info import ConnectionInfo


T = TypeVar("T", bound="Attachment")


@_attrs_define
class Attachment:
    """Detail view of an attachment.

    Attributes:
        id (str): The attachment's UUID.
        status (str): attach status: one of attached, attaching, detached, reserved, error_attaching, error_detaching,
            deleted. `reserved` right after a create, even with a connector.
        instance (None | str): The instance UUID, or null when none was given.
        volume_id (str): The volume's UUID.
        attached_at (str): Naive ISO timestamp (`2026-11-26T12:35:46.000000`), or `""` when unset.
        detached_at (str): Naive ISO timestamp, or `""` when unset.
        attach_mode (None | str): `rw`, `ro`, or the string `"null"` when no mode was given (JSON null is tolerated
            too).
        connection_info (ConnectionInfo | None): Connection data; `{}` on a reserve (JSON null is tolerated too).
    """

    id: str
    status: str
    instance: None | str
    volume_id: str
    attached_at: str
    detached_at: str
    attach_mode: None | str
    connection_info: ConnectionInfo | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.connection_info import ConnectionInfo

        id = self.id

        status = self.status

        instance: None | str
        instance = self.instance

        volume_id = self.volume_id

        attached_at = self.attached_at

        detached_at = self.detached_at

        attach_mode: None | str
        attach_mode = self.attach_mode

        connection_info: dict[str, Any] | None
        if isinstance(self.connection_info, ConnectionInfo):
            connection_info = self.connection_info.to_dict()
        else:
            connection_info = self.connection_info

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "status": status,
                "instance": instance,
                "volume_id": volume_id,
                "attached_at": attached_at,
                "detached_at": detached_at,
                "attach_mode": attach_mode,
                "connection_info": connection_info,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.connection_info import ConnectionInfo

        d = dict(src_dict)
        id = d.pop("id")

        status = d.pop("status")

        def _parse_instance(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        instance = _parse_instance(d.pop("instance"))

        volume_id = d.pop("volume_id")

        attached_at = d.pop("attached_at")

        detached_at = d.pop("detached_at")

        def _parse_attach_mode(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        attach_mode = _parse_attach_mode(d.pop("attach_mode"))

        def _parse_connection_info(data: object) -> ConnectionInfo | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                connection_info_type_0 = ConnectionInfo.from_dict(data)

                return connection_info_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ConnectionInfo | None, data)

        connection_info = _parse_connection_info(d.pop("connection_info"))

        attachment = cls(
            id=id,
            status=status,
            instance=instance,
            volume_id=volume_id,
            attached_at=attached_at,
            detached_at=detached_at,
            attach_mode=attach_mode,
            connection_info=connection_info,
        )

        attachment.additional_properties = d
        return attachment

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
