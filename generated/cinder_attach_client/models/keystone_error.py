from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.keystone_error_detail import KeystoneErrorDetail


T = TypeVar("T", bound="KeystoneError")


@_attrs_define
class KeystoneError:
    """keystonemiddleware's 401 body, `{"error": {"code": 401, "title": "Unauthorized", "message": "..."}}`.

    Attributes:
        error (KeystoneErrorDetail | Unset):
    """

    error: KeystoneErrorDetail | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        error: dict[str, Any] | Unset = UNSET
        if not isinstance(self.error, Unset):
            error = self.error.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if error is not UNSET:
            field_dict["error"] = error

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.keystone_error_detail import KeystoneErrorDetail

        d = dict(src_dict)
        _error = d.pop("error", UNSET)
        error: KeystoneErrorDetail | Unset
        if isinstance(_error, Unset):
            error = UNSET
        else:
            error = KeystoneErrorDetail.from_dict(_error)

        keystone_error = cls(
            error=error,
        )

        keystone_error.additional_properties = d
        return keystone_error

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
