from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.attachment_create_327 import AttachmentCreate327


T = TypeVar("T", bound="AttachmentCreate327Request")


@_attrs_define
class AttachmentCreate327Request:
    """
    Attributes:
        attachment (AttachmentCreate327): Create body at microversions 3.27 to 3.53 (no `mode`).
    """

    attachment: AttachmentCreate327

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
        from ..models.attachment_create_327 import AttachmentCreate327

        d = dict(src_dict)
        attachment = AttachmentCreate327.from_dict(d.pop("attachment"))

        attachment_create_327_request = cls(
            attachment=attachment,
        )

        return attachment_create_327_request
