from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ConnectionInfo")


@_attrs_define
class ConnectionInfo:
    """Driver-specific connection data (`driver_volume_type`, `data`/`access_mode`,
    `attachment_id`, `encrypted`, `qos_specs`, ...). `{}` until a connector was
    given. Real iSCSI backends put CHAP secrets here (`auth_password`,
    `discovery_auth_password`, ...): treat it as sensitive.

        Attributes:
            driver_volume_type (str | Unset):
    """

    driver_volume_type: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        driver_volume_type = self.driver_volume_type

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if driver_volume_type is not UNSET:
            field_dict["driver_volume_type"] = driver_volume_type

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        driver_volume_type = d.pop("driver_volume_type", UNSET)

        connection_info = cls(
            driver_volume_type=driver_volume_type,
        )

        connection_info.additional_properties = d
        return connection_info

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
