from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.volume_attachment import VolumeAttachment


T = TypeVar("T", bound="VolumeDetail")


@_attrs_define
class VolumeDetail:
    """Detail view of a volume (GET /volumes/{volume_id}, and each item of GET /volumes/detail). Only the fields this
    client reads are described; Cinder sends many more (availability_zone, metadata, bootable, ...), all kept. Every
    field but id, name and status is optional here, because the microversion decides which are sent.

        Attributes:
            id (str): The volume's UUID.
            name (None | str): The volume's name, or null when it has none.
            status (str): available, reserved, attaching, in-use, detaching, creating, deleting, downloading, uploading,
                maintenance, extending, backing-up, restoring-backup, retyping, awaiting-transfer, error, error_deleting,
                error_restoring, error_extending, error_managing, ...
            size (int | Unset): Size in GiB.
            multiattach (bool | Unset): Whether several instances may attach the volume at once.
            encrypted (bool | Unset): Whether the volume type has an encryption (the host must decrypt).
            volume_type (None | str | Unset): The volume type's name (null for a volume without a type on old clouds).
            shared_targets (bool | None | Unset): From 3.48: whether the backend shares one target among volumes (the host
                then locks around connect/disconnect). From 3.69 it may be null: unknown.
            service_uuid (None | str | Unset): From 3.48 on, the UUID of the volume service that owns the volume (the lock's
                name).
            attachments (list[VolumeAttachment] | Unset): The volume's completed attachments (reserved ones are not listed
                here).
    """

    id: str
    name: None | str
    status: str
    size: int | Unset = UNSET
    multiattach: bool | Unset = UNSET
    encrypted: bool | Unset = UNSET
    volume_type: None | str | Unset = UNSET
    shared_targets: bool | None | Unset = UNSET
    service_uuid: None | str | Unset = UNSET
    attachments: list[VolumeAttachment] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name: None | str
        name = self.name

        status = self.status

        size = self.size

        multiattach = self.multiattach

        encrypted = self.encrypted

        volume_type: None | str | Unset
        if isinstance(self.volume_type, Unset):
            volume_type = UNSET
        else:
            volume_type = self.volume_type

        shared_targets: bool | None | Unset
        if isinstance(self.shared_targets, Unset):
            shared_targets = UNSET
        else:
            shared_targets = self.shared_targets

        service_uuid: None | str | Unset
        if isinstance(self.service_uuid, Unset):
            service_uuid = UNSET
        else:
            service_uuid = self.service_uuid

        attachments: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.attachments, Unset):
            attachments = []
            for attachments_item_data in self.attachments:
                attachments_item = attachments_item_data.to_dict()
                attachments.append(attachments_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "status": status,
            }
        )
        if size is not UNSET:
            field_dict["size"] = size
        if multiattach is not UNSET:
            field_dict["multiattach"] = multiattach
        if encrypted is not UNSET:
            field_dict["encrypted"] = encrypted
        if volume_type is not UNSET:
            field_dict["volume_type"] = volume_type
        if shared_targets is not UNSET:
            field_dict["shared_targets"] = shared_targets
        if service_uuid is not UNSET:
            field_dict["service_uuid"] = service_uuid
        if attachments is not UNSET:
            field_dict["attachments"] = attachments

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.volume_attachment import VolumeAttachment

        d = dict(src_dict)
        id = d.pop("id")

        def _parse_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        name = _parse_name(d.pop("name"))

        status = d.pop("status")

        size = d.pop("size", UNSET)

        multiattach = d.pop("multiattach", UNSET)

        encrypted = d.pop("encrypted", UNSET)

        def _parse_volume_type(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        volume_type = _parse_volume_type(d.pop("volume_type", UNSET))

        def _parse_shared_targets(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        shared_targets = _parse_shared_targets(d.pop("shared_targets", UNSET))

        def _parse_service_uuid(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        service_uuid = _parse_service_uuid(d.pop("service_uuid", UNSET))

        _attachments = d.pop("attachments", UNSET)
        attachments: list[VolumeAttachment] | Unset = UNSET
        if _attachments is not UNSET:
            attachments = []
            for attachments_item_data in _attachments:
                attachments_item = VolumeAttachment.from_dict(attachments_item_data)

                attachments.append(attachments_item)

        volume_detail = cls(
            id=id,
            name=name,
            status=status,
            size=size,
            multiattach=multiattach,
            encrypted=encrypted,
            volume_type=volume_type,
            shared_targets=shared_targets,
            service_uuid=service_uuid,
            attachments=attachments,
        )

        volume_detail.additional_properties = d
        return volume_detail

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
