from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.attachment import Attachment
    from ..models.link import Link


T = TypeVar("T", bound="AttachmentDetailList")


@_attrs_define
class AttachmentDetailList:
    """Detail list (GET /attachments/detail).

    Attributes:
        attachments (list[Attachment]):
        attachments_links (list[Link] | Unset): Pagination links (Cinder 29 does not send them for attachments).
    """

    attachments: list[Attachment]
    attachments_links: list[Link] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        attachments = []
        for attachments_item_data in self.attachments:
            attachments_item = attachments_item_data.to_dict()
            attachments.append(attachments_item)

        attachments_links: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.attachments_links, Unset):
            attachments_links = []
            for attachments_links_item_data in self.attachments_links:
                attachments_links_item = attachments_links_item_data.to_dict()
                attachments_links.append(attachments_links_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attachments": attachments,
            }
        )
        if attachments_links is not UNSET:
            field_dict["attachments_links"] = attachments_links

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.attachment import Attachment
        from ..models.link import Link

        d = dict(src_dict)
        attachments = []
        _attachments = d.pop("attachments")
        for attachments_item_data in _attachments:
            attachments_item = Attachment.from_dict(attachments_item_data)

            attachments.append(attachments_item)

        _attachments_links = d.pop("attachments_links", UNSET)
        attachments_links: list[Link] | Unset = UNSET
        if _attachments_links is not UNSET:
            attachments_links = []
            for attachments_links_item_data in _attachments_links:
                attachments_links_item = Link.from_dict(attachments_links_item_data)

                attachments_links.append(attachments_links_item)

        attachment_detail_list = cls(
            attachments=attachments,
            attachments_links=attachments_links,
        )

        attachment_detail_list.additional_properties = d
        return attachment_detail_list

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
