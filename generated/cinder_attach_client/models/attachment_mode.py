from typing import Literal

AttachmentMode = Literal["ro", "rw"]

ATTACHMENT_MODE_VALUES: set[AttachmentMode] = {
    "ro",
    "rw",
}


def check_attachment_mode(value: str) -> AttachmentMode:
    if value in ATTACHMENT_MODE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {ATTACHMENT_MODE_VALUES!r}"
    )
