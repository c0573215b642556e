from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AttachmentSummary")


@_attrs_define
class AttachmentSummary:
    """Summary view of an attachment (list and delete responses).

    Attributes:
        id (str): The attachment's UUID.
        status (str): attach status: one of attached, attaching, detached, reserved, error_attaching, error_detaching,
            deleted.
        instance (None | str): The instance UUID, or null when none was given.
        volume_id (str): The volume's UUID.
    """

    id: str
    status: str
    instance: None | str
    volume_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        status = self.status

        instance: None | str
        instance = self.instance

        volume_id = self.volume_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "status": status,
                "instance": instance,
                "volume_id": volume_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        status = d.pop("status")

        def _parse_instance(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        instance = _parse_instance(d.pop("instance"))

        volume_id = d.pop("volume_id")

        attachment_summary = cls(
            id=id,
            status=status,
            instance=instance,
            volume_id=volume_id,
        )

        attachment_summary.additional_properties = d
        return attachment_summary

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
