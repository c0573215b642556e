from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.connector import Connector


T = TypeVar("T", bound="AttachmentUpdate")


@_attrs_define
class AttachmentUpdate:
    """
    Attributes:
        connector (Connector): The host's os-brick connector properties (what
            `os_brick.initiator.connector.get_connector_properties` returns, plus Nova's
            `mountpoint`). Every key is passed to the backend driver, which decides what it
            needs (iSCSI needs `initiator`); keys not declared here are allowed and sent
            as given. The declared keys carry the type os-brick gives them and drivers
            read them as: a driver tests `multipath` for truth, so the string "false"
            would mean true, and it compares `os_type` and `host` as strings. An empty
            object on create means a plain reserve.
    """

    connector: Connector

    def to_dict(self) -> dict[str, Any]:
        connector = self.connector.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "connector": connector,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.connector import Connector

        d = dict(src_dict)
        connector = Connector.from_dict(d.pop("connector"))

        attachment_update = cls(
            connector=connector,
        )

        return attachment_update
