from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="AttachmentCompleteRequest")


@_attrs_define
class AttachmentCompleteRequest:
    """
    Attributes:
        os_complete (None): Always null.
    """

    os_complete: None

    def to_dict(self) -> dict[str, Any]:
        os_complete = self.os_complete

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "os-complete": os_complete,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        os_complete = d.pop("os-complete")

        attachment_complete_request = cls(
            os_complete=os_complete,
        )

        return attachment_complete_request
