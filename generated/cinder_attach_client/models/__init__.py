"""Contains all the data models used in inputs/outputs"""

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
from .connection_info import ConnectionInfo
from .connector import Connector
from .create_attachment_microversion import CreateAttachmentMicroversion
from .fault import Fault
from .fault_detail import FaultDetail
from .keystone_error import KeystoneError
from .keystone_error_detail import KeystoneErrorDetail
from .link import Link
from .volume_detail import VolumeDetail
from .volume_detail_list import VolumeDetailList
from .volume_microversion import VolumeMicroversion

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
    "ConnectionInfo",
    "Connector",
    "CreateAttachmentMicroversion",
    "Fault",
    "FaultDetail",
    "KeystoneError",
    "KeystoneErrorDetail",
    "Link",
    "VolumeDetail",
    "VolumeDetailList",
    "VolumeMicroversion",
)
