from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.server_volume_attachment import ServerVolumeAttachment


T = TypeVar("T", bound="ServerVolumeAttachmentResponse")


@_attrs_define
class ServerVolumeAttachmentResponse:
    """
    Attributes:
        volume_attachment (ServerVolumeAttachment): One volume a server holds, at compute 2.89 (`attachment_id` and
            `bdm_uuid` appear, `id` goes).
    """

    volume_attachment: ServerVolumeAttachment
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        volume_attachment = self.volume_attachment.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "volumeAttachment": volume_attachment,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.server_volume_attachment import ServerVolumeAttachment

        d = dict(src_dict)
        volume_attachment = ServerVolumeAttachment.from_dict(d.pop("volumeAttachment"))

        server_volume_attachment_response = cls(
            volume_attachment=volume_attachment,
        )

        server_volume_attachment_response.additional_properties = d
        return server_volume_attachment_response

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
