from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.attachment_create_354 import AttachmentCreate354


T = TypeVar("T", bound="AttachmentCreate354Request")


@_attrs_define
class AttachmentCreate354Request:
    """
    Attributes:
        attachment (AttachmentCreate354): Create body at microversion 3.54 and later.
    """

    attachment: AttachmentCreate354

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
        from ..models.attachment_create_354 import AttachmentCreate354

        d = dict(src_dict)
        attachment = AttachmentCreate354.from_dict(d.pop("attachment"))

        attachment_create_354_request = cls(
            attachment=attachment,
        )

        return attachment_create_354_request
