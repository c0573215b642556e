from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.server_volume_attachment import ServerVolumeAttachment


T = TypeVar("T", bound="ServerVolumeAttachmentList")


@_attrs_define
class ServerVolumeAttachmentList:
    """
    Attributes:
        volume_attachments (list[ServerVolumeAttachment]):
    """

    volume_attachments: list[ServerVolumeAttachment]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        volume_attachments = []
        for volume_attachments_item_data in self.volume_attachments:
            volume_attachments_item = volume_attachments_item_data.to_dict()
            volume_attachments.append(volume_attachments_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "volumeAttachments": volume_attachments,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.server_volume_attachment import ServerVolumeAttachment

        d = dict(src_dict)
        volume_attachments = []
        _volume_attachments = d.pop("volumeAttachments")
        for volume_attachments_item_data in _volume_attachments:
            volume_attachments_item = ServerVolumeAttachment.from_dict(
                volume_attachments_item_data
            )

            volume_attachments.append(volume_attachments_item)

        server_volume_attachment_list = cls(
            volume_attachments=volume_attachments,
        )

        server_volume_attachment_list.additional_properties = d
        return server_volume_attachment_list

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
