from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Connector")


@_attrs_define
class Connector:
    """The host's os-brick connector properties. Free-form: every key is passed to
    the backend driver, which decides what it needs (iSCSI needs `initiator`).
    An empty object on create means a plain reserve.

        Attributes:
            initiator (str | Unset): iSCSI initiator name (IQN) of the host.
            ip (str | Unset):
            host (str | Unset):
            platform (str | Unset):
            os_type (str | Unset):
            multipath (bool | Unset):
            mountpoint (str | Unset):
    """

    initiator: str | Unset = UNSET
    ip: str | Unset = UNSET
    host: str | Unset = UNSET
    platform: str | Unset = UNSET
    os_type: str | Unset = UNSET
    multipath: bool | Unset = UNSET
    mountpoint: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        initiator = self.initiator

        ip = self.ip

        host = self.host

        platform = self.platform

        os_type = self.os_type

        multipath = self.multipath

        mountpoint = self.mountpoint

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if initiator is not UNSET:
            field_dict["initiator"] = initiator
        if ip is not UNSET:
            field_dict["ip"] = ip
        if host is not UNSET:
            field_dict["host"] = host
        if platform is not UNSET:
            field_dict["platform"] = platform
        if os_type is not UNSET:
            field_dict["os_type"] = os_type
        if multipath is not UNSET:
            field_dict["multipath"] = multipath
        if mountpoint is not UNSET:
            field_dict["mountpoint"] = mountpoint

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        initiator = d.pop("initiator", UNSET)

        ip = d.pop("ip", UNSET)

        host = d.pop("host", UNSET)

        platform = d.pop("platform", UNSET)

        os_type = d.pop("os_type", UNSET)

        multipath = d.pop("multipath", UNSET)

        mountpoint = d.pop("mountpoint", UNSET)

        connector = cls(
            initiator=initiator,
            ip=ip,
            host=host,
            platform=platform,
            os_type=os_type,
            multipath=multipath,
            mountpoint=mountpoint,
        )

        connector.additional_properties = d
        return connector

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
