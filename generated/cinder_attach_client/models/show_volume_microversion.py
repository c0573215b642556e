from typing import Literal

ShowVolumeMicroversion = Literal["volume 3.27", "volume 3.48", "volume 3.69"]

SHOW_VOLUME_MICROVERSION_VALUES: set[ShowVolumeMicroversion] = {
    "volume 3.27",
    "volume 3.48",
    "volume 3.69",
}


def check_show_volume_microversion(value: str) -> ShowVolumeMicroversion:
    if value in SHOW_VOLUME_MICROVERSION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SHOW_VOLUME_MICROVERSION_VALUES!r}"
    )
