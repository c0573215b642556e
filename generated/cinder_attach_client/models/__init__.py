"""Contains all the data models used in inputs/outputs (each imported on first use)"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .attachment import Attachment
    from .attachment_complete_request import AttachmentCompleteRequest
    from .attachment_create_327 import AttachmentCreate327
    from .attachment_create_327_request import AttachmentCreate327Request
    from .attachment_create_354 import AttachmentCreate354
    from .attachment_create_354_request import AttachmentCreate354Request
    from .attachment_detail_list import AttachmentDetailList
    from .attachment_list import AttachmentList
    from .attachment_microversion import AttachmentMicroversion
    from .attachment_mode import AttachmentMode
    from .attachment_response import AttachmentResponse
    from .attachment_summary import AttachmentSummary
    from .attachment_update import AttachmentUpdate
    from .attachment_update_request import AttachmentUpdateRequest
    from .complete_attachment_microversion import CompleteAttachmentMicroversion
    from .compute_microversion import ComputeMicroversion
    from .connection_info import ConnectionInfo
    from .connector import Connector
    from .create_attachment_microversion import CreateAttachmentMicroversion
    from .fault import Fault
    from .fault_detail import FaultDetail
    from .keystone_error import KeystoneError
    from .keystone_error_detail import KeystoneErrorDetail
    from .link import Link
    from .server import Server
    from .server_response import ServerResponse
    from .server_volume_attachment import ServerVolumeAttachment
    from .server_volume_attachment_list import ServerVolumeAttachmentList
    from .server_volume_attachment_response import ServerVolumeAttachmentResponse
    from .show_volume_microversion import ShowVolumeMicroversion
    from .volume_attachment import VolumeAttachment
    from .volume_detail import VolumeDetail
    from .volume_detail_list import VolumeDetailList
    from .volume_microversion import VolumeMicroversion
    from .volume_response import VolumeResponse

__all__ = (
    "Attachment",
    "AttachmentCompleteRequest",
    "AttachmentCreate327",
    "AttachmentCreate327Request",
    "AttachmentCreate354",
    "AttachmentCreate354Request",
    "AttachmentDetailList",
    "AttachmentList",
    "AttachmentMicroversion",
    "AttachmentMode",
    "AttachmentResponse",
    "AttachmentSummary",
    "AttachmentUpdate",
    "AttachmentUpdateRequest",
    "CompleteAttachmentMicroversion",
    "ComputeMicroversion",
    "ConnectionInfo",
    "Connector",
    "CreateAttachmentMicroversion",
    "Fault",
    "FaultDetail",
    "KeystoneError",
    "KeystoneErrorDetail",
    "Link",
    "Server",
    "ServerResponse",
    "ServerVolumeAttachment",
    "ServerVolumeAttachmentList",
    "ServerVolumeAttachmentResponse",
    "ShowVolumeMicroversion",
    "VolumeAttachment",
    "VolumeDetail",
    "VolumeDetailList",
    "VolumeMicroversion",
    "VolumeResponse",
)

if not TYPE_CHECKING:
    # The module in this package that defines each name.
    _MODULE_OF = {
        "Attachment": "attachment",
        "AttachmentCompleteRequest": "attachment_complete_request",
        "AttachmentCreate327": "attachment_create_327",
        "AttachmentCreate327Request": "attachment_create_327_request",
        "AttachmentCreate354": "attachment_create_354",
        "AttachmentCreate354Request": "attachment_create_354_request",
        "AttachmentDetailList": "attachment_detail_list",
        "AttachmentList": "attachment_list",
        "AttachmentMicroversion": "attachment_microversion",
        "AttachmentMode": "attachment_mode",
        "AttachmentResponse": "attachment_response",
        "AttachmentSummary": "attachment_summary",
        "AttachmentUpdate": "attachment_update",
        "AttachmentUpdateRequest": "attachment_update_request",
        "CompleteAttachmentMicroversion": "complete_attachment_microversion",
        "ComputeMicroversion": "compute_microversion",
        "ConnectionInfo": "connection_info",
        "Connector": "connector",
        "CreateAttachmentMicroversion": "create_attachment_microversion",
        "Fault": "fault",
        "FaultDetail": "fault_detail",
        "KeystoneError": "keystone_error",
        "KeystoneErrorDetail": "keystone_error_detail",
        "Link": "link",
        "Server": "server",
        "ServerResponse": "server_response",
        "ServerVolumeAttachment": "server_volume_attachment",
        "ServerVolumeAttachmentList": "server_volume_attachment_list",
        "ServerVolumeAttachmentResponse": "server_volume_attachment_response",
        "ShowVolumeMicroversion": "show_volume_microversion",
        "VolumeAttachment": "volume_attachment",
        "VolumeDetail": "volume_detail",
        "VolumeDetailList": "volume_detail_list",
        "VolumeMicroversion": "volume_microversion",
        "VolumeResponse": "volume_response",
    }

    def __getattr__(name):
        try:
            module = _MODULE_OF[name]
        except KeyError:
            raise AttributeError(
                f"module {__name__!r} has no attribute {name!r}"
            ) from None
        # What `from .<module> import <name>` runs. Unlike importlib.import_module it takes
        # the interpreter's own import path, so -X importtime still reports the module.
        value = getattr(__import__(module, globals(), None, (name,), 1), name)
        globals()[name] = value  # later lookups no longer reach __getattr__
        return value

    def __dir__():
        return sorted({*globals(), *__all__})
