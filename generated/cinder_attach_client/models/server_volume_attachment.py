from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ServerVolumeAttachment")


@_attrs_define
class ServerVolumeAttachment:
    """One volume a server holds, at compute 2.89 (`attachment_id` and `bdm_uuid` appear, `id` goes).

    Attributes:
        volume_id (str): The volume's UUID.
        server_id (str | Unset): The server's UUID.
        device (None | str | Unset): The device name in the guest, e.g. /dev/vdb (may be null).
        attachment_id (None | str | Unset): The Cinder attachment Nova holds for this volume (2.89 and later).
        bdm_uuid (None | str | Unset): Nova's block device mapping id (2.89 and later).
        tag (None | str | Unset):
        delete_on_termination (bool | Unset):
    """

    volume_id: str
    server_id: str | Unset = UNSET
    device: None | str | Unset = UNSET
    attachment_id: None | str | Unset = UNSET
    bdm_uuid: None | str | Unset = UNSET
    tag: None | str | Unset = UNSET
    delete_on_termination: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        volume_id = self.volume_id

        server_id = self.server_id

        device: None | str | Unset
        if isinstance(self.device, Unset):
            device = UNSET
        else:
            device = self.device

        attachment_id: None | str | Unset
        if isinstance(self.attachment_id, Unset):
            attachment_id = UNSET
        else:
            attachment_id = self.attachment_id

        bdm_uuid: None | str | Unset
        if isinstance(self.bdm_uuid, Unset):
            bdm_uuid = UNSET
        else:
            bdm_uuid = self.bdm_uuid

        tag: None | str | Unset
        if isinstance(self.tag, Unset):
            tag = UNSET
        else:
            tag = self.tag

        delete_on_termination = self.delete_on_termination

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "volumeId": volume_id,
            }
        )
        if server_id is not UNSET:
            field_dict["serverId"] = server_id
        if device is not UNSET:
            field_dict["device"] = device
        if attachment_id is not UNSET:
            field_dict["attachment_id"] = attachment_id
        if bdm_uuid is not UNSET:
            field_dict["bdm_uuid"] = bdm_uuid
        if tag is not UNSET:
            field_dict["tag"] = tag
        if delete_on_termination is not UNSET:
            field_dict["delete_on_termination"] = delete_on_termination

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        volume_id = d.pop("volumeId")

        server_id = d.pop("serverId", UNSET)

        def _parse_device(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        device = _parse_device(d.pop("device", UNSET))

        def _parse_attachment_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        attachment_id = _parse_attachment_id(d.pop("attachment_id", UNSET))

        def _parse_bdm_uuid(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        bdm_uuid = _parse_bdm_uuid(d.pop("bdm_uuid", UNSET))

        def _parse_tag(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        tag = _parse_tag(d.pop("tag", UNSET))

        delete_on_termination = d.pop("delete_on_termination", UNSET)

        server_volume_attachment = cls(
            volume_id=volume_id,
            server_id=server_id,
            device=device,
            attachment_id=attachment_id,
            bdm_uuid=bdm_uuid,
            tag=tag,
            delete_on_termination=delete_on_termination,
        )

        server_volume_attachment.additional_properties = d
        return server_volume_attachment

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
