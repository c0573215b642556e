from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.attachment_update import AttachmentUpdate


T = TypeVar("T", bound="AttachmentUpdateRequest")


@_attrs_define
class AttachmentUpdateRequest:
    """
    Attributes:
        attachment (AttachmentUpdate):
    """

    attachment: AttachmentUpdate

    def to_dict(self) -> dict[str, Any]:
        attachment = self.attachment.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "attachment": attachment,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.attachment_update import AttachmentUpdate

        d = dict(src_dict)
        attachment = AttachmentUpdate.from_dict(d.pop("attachment"))

        attachment_update_request = cls(
            attachment=attachment,
        )

        return attachment_update_request
