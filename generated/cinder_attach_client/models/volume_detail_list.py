from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.link import Link
    from ..models.volume_detail import VolumeDetail


T = TypeVar("T", bound="VolumeDetailList")


@_attrs_define
class VolumeDetailList:
    """Detail list of volumes (GET /volumes/detail).

    Attributes:
        volumes (list[VolumeDetail]):
        volumes_links (list[Link] | Unset): Pagination links, when the server's page limit cut the list.
    """

    volumes: list[VolumeDetail]
    volumes_links: list[Link] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        volumes = []
        for volumes_item_data in self.volumes:
            volumes_item = volumes_item_data.to_dict()
            volumes.append(volumes_item)

        volumes_links: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.volumes_links, Unset):
            volumes_links = []
            for volumes_links_item_data in self.volumes_links:
                volumes_links_item = volumes_links_item_data.to_dict()
                volumes_links.append(volumes_links_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "volumes": volumes,
            }
        )
        if volumes_links is not UNSET:
            field_dict["volumes_links"] = volumes_links

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.link import Link
        from ..models.volume_detail import VolumeDetail

        d = dict(src_dict)
        volumes = []
        _volumes = d.pop("volumes")
        for volumes_item_data in _volumes:
            volumes_item = VolumeDetail.from_dict(volumes_item_data)

            volumes.append(volumes_item)

        _volumes_links = d.pop("volumes_links", UNSET)
        volumes_links: list[Link] | Unset = UNSET
        if _volumes_links is not UNSET:
            volumes_links = []
            for volumes_links_item_data in _volumes_links:
                volumes_links_item = Link.from_dict(volumes_links_item_data)

                volumes_links.append(volumes_links_item)

        volume_detail_list = cls(
            volumes=volumes,
            volumes_links=volumes_links,
        )

        volume_detail_list.additional_properties = d
        return volume_detail_list

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
