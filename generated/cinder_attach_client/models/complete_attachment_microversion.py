from typing import Literal

CompleteAttachmentMicroversion = Literal["volume 3.44", "volume 3.54"]

COMPLETE_ATTACHMENT_MICROVERSION_VALUES: set[CompleteAttachmentMicroversion] = {
    "volume 3.44",
    "volume 3.54",
}


def check_complete_attachment_microversion(
    value: str,
) -> CompleteAttachmentMicroversion:
    if value in COMPLETE_ATTACHMENT_MICROVERSION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {COMPLETE_ATTACHMENT_MICROVERSION_VALUES!r}"
    )
