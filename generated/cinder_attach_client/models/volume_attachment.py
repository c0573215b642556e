from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="VolumeAttachment")


@_attrs_define
class VolumeAttachment:
    """One item of a volume's `attachments`, as the volume view shows it.

    Attributes:
        attachment_id (str | Unset): The attachment's UUID.
        volume_id (str | Unset):
        server_id (None | str | Unset): The instance the volume is attached to (null without one).
        host_name (None | str | Unset):
        device (None | str | Unset):
        attached_at (None | str | Unset):
    """

    attachment_id: str | Unset = UNSET
    volume_id: str | Unset = UNSET
    server_id: None | str | Unset = UNSET
    host_name: None | str | Unset = UNSET
    device: None | str | Unset = UNSET
    attached_at: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        attachment_id = self.attachment_id

        volume_id = self.volume_id

        server_id: None | str | Unset
        if isinstance(self.server_id, Unset):
            server_id = UNSET
        else:
            server_id = self.server_id

        host_name: None | str | Unset
        if isinstance(self.host_name, Unset):
            host_name = UNSET
        else:
            host_name = self.host_name

        device: None | str | Unset
        if isinstance(self.device, Unset):
            device = UNSET
        else:
            device = self.device

        attached_at: None | str | Unset
        if isinstance(self.attached_at, Unset):
            attached_at = UNSET
        else:
            attached_at = self.attached_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if attachment_id is not UNSET:
            field_dict["attachment_id"] = attachment_id
        if volume_id is not UNSET:
            field_dict["volume_id"] = volume_id
        if server_id is not UNSET:
            field_dict["server_id"] = server_id
        if host_name is not UNSET:
            field_dict["host_name"] = host_name
        if device is not UNSET:
            field_dict["device"] = device
        if attached_at is not UNSET:
            field_dict["attached_at"] = attached_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        attachment_id = d.pop("attachment_id", UNSET)

        volume_id = d.pop("volume_id", UNSET)

        def _parse_server_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        server_id = _parse_server_id(d.pop("server_id", UNSET))

        def _parse_host_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        host_name = _parse_host_name(d.pop("host_name", UNSET))

        def _parse_device(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        device = _parse_device(d.pop("device", UNSET))

        def _parse_attached_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        attached_at = _parse_attached_at(d.pop("attached_at", UNSET))

        volume_attachment = cls(
            attachment_id=attachment_id,
            volume_id=volume_id,
            server_id=server_id,
            host_name=host_name,
            device=device,
            attached_at=attached_at,
        )

        volume_attachment.additional_properties = d
        return volume_attachment

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
