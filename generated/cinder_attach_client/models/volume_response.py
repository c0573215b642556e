from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.volume_detail import VolumeDetail


T = TypeVar("T", bound="VolumeResponse")


@_attrs_define
class VolumeResponse:
    """One volume (GET /volumes/{volume_id}).

    Attributes:
        volume (VolumeDetail): Detail view of a volume (GET /volumes/{volume_id}, and each item of GET /volumes/detail).
            Only the fields this client reads are described; Cinder sends many more (availability_zone, metadata, bootable,
            ...), all kept. Every field but id, name and status is optional here, because the microversion decides which are
            sent.
    """

    volume: VolumeDetail
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        volume = self.volume.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "volume": volume,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.volume_detail import VolumeDetail

        d = dict(src_dict)
        volume = VolumeDetail.from_dict(d.pop("volume"))

        volume_response = cls(
            volume=volume,
        )

        volume_response.additional_properties = d
        return volume_response

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
