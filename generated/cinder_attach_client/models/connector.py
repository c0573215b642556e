from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Connector")


@_attrs_define
class Connector:
    """The host's os-brick connector properties (what
    `os_brick.initiator.connector.get_connector_properties` returns, plus Nova's
    `mountpoint`). Every key is passed to the backend driver, which decides what it
    needs (iSCSI needs `initiator`); keys not declared here are allowed and sent
    as given. The declared keys carry the type os-brick gives them and drivers
    read them as: a driver tests `multipath` for truth, so the string "false"
    would mean true, and it compares `os_type` and `host` as strings. An empty
    object on create means a plain reserve.

        Attributes:
            initiator (str | Unset): iSCSI initiator name (IQN) of the host (os-brick's iSCSI connector).
            host (str | Unset): The host's name (Nova's host; `socket.gethostname()` by default).
            ip (str | Unset): The address the storage backend should reach the host on (Nova's `my_ip`).
            platform (str | Unset): The machine architecture, `platform.machine()` (e.g. `x86_64`).
            os_type (str | Unset): The OS, `sys.platform` (e.g. `linux`).
            multipath (bool | Unset): Whether the host wants multipath.
            enforce_multipath (bool | Unset): Whether multipathd must be running (else the host falls back to one path).
            do_local_attach (bool | Unset): RBD through the kernel client instead of librbd (os-brick's RBD connector).
            nvme_native_multipath (bool | Unset): Whether the kernel's native NVMe multipath is on (os-brick's NVMe-oF
                connector).
            nqn (str | Unset): The host's NVMe qualified name (NVMe-oF and LightOS connectors).
            uuid (str | Unset): The host's uuid (NVMe-oF connector).
            system_uuid (str | Unset): The system (DMI) uuid, under this key with a space (NVMe-oF connector, for
                compatibility).
            nvme_hostid (str | Unset): The NVMe host id, /etc/nvme/hostid (NVMe-oF connector).
            wwpns (list[str] | Unset): Fibre Channel port WWNs of the host's HBAs.
            wwnns (list[str] | Unset): Fibre Channel node WWNs of the host's HBAs.
            host_ips (list[str] | Unset): The host's IP addresses (LightOS connector).
            found_dsc (str | Unset): `found` or empty: whether a LightOS discovery client answered (LightOS connector).
            sdc_guid (str | Unset): The ScaleIO/PowerFlex SDC GUID of the host (ScaleIO connector).
            mountpoint (str | Unset): The guest device name Nova attaches the volume as (e.g. `/dev/vdb`).
    """

    initiator: str | Unset = UNSET
    host: str | Unset = UNSET
    ip: str | Unset = UNSET
    platform: str | Unset = UNSET
    os_type: str | Unset = UNSET
    multipath: bool | Unset = UNSET
    enforce_multipath: bool | Unset = UNSET
    do_local_attach: bool | Unset = UNSET
    nvme_native_multipath: bool | Unset = UNSET
    nqn: str | Unset = UNSET
    uuid: str | Unset = UNSET
    system_uuid: str | Unset = UNSET
    nvme_hostid: str | Unset = UNSET
    wwpns: list[str] | Unset = UNSET
    wwnns: list[str] | Unset = UNSET
    host_ips: list[str] | Unset = UNSET
    found_dsc: str | Unset = UNSET
    sdc_guid: str | Unset = UNSET
    mountpoint: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        initiator = self.initiator

        host = self.host

        ip = self.ip

        platform = self.platform

        os_type = self.os_type

        multipath = self.multipath

        enforce_multipath = self.enforce_multipath

        do_local_attach = self.do_local_attach

        nvme_native_multipath = self.nvme_native_multipath

        nqn = self.nqn

        uuid = self.uuid

        system_uuid = self.system_uuid

        nvme_hostid = self.nvme_hostid

        wwpns: list[str] | Unset = UNSET
        if not isinstance(self.wwpns, Unset):
            wwpns = self.wwpns

        wwnns: list[str] | Unset = UNSET
        if not isinstance(self.wwnns, Unset):
            wwnns = self.wwnns

        host_ips: list[str] | Unset = UNSET
        if not isinstance(self.host_ips, Unset):
            host_ips = self.host_ips

        found_dsc = self.found_dsc

        sdc_guid = self.sdc_guid

        mountpoint = self.mountpoint

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if initiator is not UNSET:
            field_dict["initiator"] = initiator
        if host is not UNSET:
            field_dict["host"] = host
        if ip is not UNSET:
            field_dict["ip"] = ip
        if platform is not UNSET:
            field_dict["platform"] = platform
        if os_type is not UNSET:
            field_dict["os_type"] = os_type
        if multipath is not UNSET:
            field_dict["multipath"] = multipath
        if enforce_multipath is not UNSET:
            field_dict["enforce_multipath"] = enforce_multipath
        if do_local_attach is not UNSET:
            field_dict["do_local_attach"] = do_local_attach
        if nvme_native_multipath is not UNSET:
            field_dict["nvme_native_multipath"] = nvme_native_multipath
        if nqn is not UNSET:
            field_dict["nqn"] = nqn
        if uuid is not UNSET:
            field_dict["uuid"] = uuid
        if system_uuid is not UNSET:
            field_dict["system uuid"] = system_uuid
        if nvme_hostid is not UNSET:
            field_dict["nvme_hostid"] = nvme_hostid
        if wwpns is not UNSET:
            field_dict["wwpns"] = wwpns
        if wwnns is not UNSET:
            field_dict["wwnns"] = wwnns
        if host_ips is not UNSET:
            field_dict["host_ips"] = host_ips
        if found_dsc is not UNSET:
            field_dict["found_dsc"] = found_dsc
        if sdc_guid is not UNSET:
            field_dict["sdc_guid"] = sdc_guid
        if mountpoint is not UNSET:
            field_dict["mountpoint"] = mountpoint

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        initiator = d.pop("initiator", UNSET)

        host = d.pop("host", UNSET)

        ip = d.pop("ip", UNSET)

        platform = d.pop("platform", UNSET)

        os_type = d.pop("os_type", UNSET)

        multipath = d.pop("multipath", UNSET)

        enforce_multipath = d.pop("enforce_multipath", UNSET)

        do_local_attach = d.pop("do_local_attach", UNSET)

        nvme_native_multipath = d.pop("nvme_native_multipath", UNSET)

        nqn = d.pop("nqn", UNSET)

        uuid = d.pop("uuid", UNSET)

        system_uuid = d.pop("system uuid", UNSET)

        nvme_hostid = d.pop("nvme_hostid", UNSET)

        wwpns = cast(list[str], d.pop("wwpns", UNSET))

        wwnns = cast(list[str], d.pop("wwnns", UNSET))

        host_ips = cast(list[str], d.pop("host_ips", UNSET))

        found_dsc = d.pop("found_dsc", UNSET)

        sdc_guid = d.pop("sdc_guid", UNSET)

        mountpoint = d.pop("mountpoint", UNSET)

        connector = cls(
            initiator=initiator,
            host=host,
            ip=ip,
            platform=platform,
            os_type=os_type,
            multipath=multipath,
            enforce_multipath=enforce_multipath,
            do_local_attach=do_local_attach,
            nvme_native_multipath=nvme_native_multipath,
            nqn=nqn,
            uuid=uuid,
            system_uuid=system_uuid,
            nvme_hostid=nvme_hostid,
            wwpns=wwpns,
            wwnns=wwnns,
            host_ips=host_ips,
            found_dsc=found_dsc,
            sdc_guid=sdc_guid,
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
