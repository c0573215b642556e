from typing import Literal

AttachmentMicroversion = Literal["volume 3.27", "volume 3.44", "volume 3.54"]

ATTACHMENT_MICROVERSION_VALUES: set[AttachmentMicroversion] = {
    "volume 3.27",
    "volume 3.44",
    "volume 3.54",
}


def check_attachment_microversion(value: str) -> AttachmentMicroversion:
    if value in ATTACHMENT_MICROVERSION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {ATTACHMENT_MICROVERSION_VALUES!r}"
    )
