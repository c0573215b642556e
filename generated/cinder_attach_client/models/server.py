from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Server")


@_attrs_define
class Server:
    """A Nova server. Only what prune reads is described; Nova sends many more fields, all kept.

    Attributes:
        id (str): The server's UUID.
        status (str): ACTIVE, SHUTOFF, MIGRATING, RESIZE, VERIFY_RESIZE, ERROR, ...
        os_ext_st_stask_state (None | str | Unset): The task in progress (`migrating`, `resize_prep`,
            `resize_migrating`, `resize_finish`, ...), or null.
        os_ext_st_svm_state (str | Unset): active, stopped, resized, error, ...
    """

    id: str
    status: str
    os_ext_st_stask_state: None | str | Unset = UNSET
    os_ext_st_svm_state: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        status = self.status

        os_ext_st_stask_state: None | str | Unset
        if isinstance(self.os_ext_st_stask_state, Unset):
            os_ext_st_stask_state = UNSET
        else:
            os_ext_st_stask_state = self.os_ext_st_stask_state

        os_ext_st_svm_state = self.os_ext_st_svm_state

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "status": status,
            }
        )
        if os_ext_st_stask_state is not UNSET:
            field_dict["OS-EXT-STS:task_state"] = os_ext_st_stask_state
        if os_ext_st_svm_state is not UNSET:
            field_dict["OS-EXT-STS:vm_state"] = os_ext_st_svm_state

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        status = d.pop("status")

        def _parse_os_ext_st_stask_state(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        os_ext_st_stask_state = _parse_os_ext_st_stask_state(
            d.pop("OS-EXT-STS:task_state", UNSET)
        )

        os_ext_st_svm_state = d.pop("OS-EXT-STS:vm_state", UNSET)

        server = cls(
            id=id,
            status=status,
            os_ext_st_stask_state=os_ext_st_stask_state,
            os_ext_st_svm_state=os_ext_st_svm_state,
        )

        server.additional_properties = d
        return server

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
