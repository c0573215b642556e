from typing import Literal

CreateAttachmentMicroversion = Literal["volume 3.27", "volume 3.54"]

CREATE_ATTACHMENT_MICROVERSION_VALUES: set[CreateAttachmentMicroversion] = {
    "volume 3.27",
    "volume 3.54",
}


def check_create_attachment_microversion(value: str) -> CreateAttachmentMicroversion:
    if value in CREATE_ATTACHMENT_MICROVERSION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {CREATE_ATTACHMENT_MICROVERSION_VALUES!r}"
    )
