from typing import Literal

VolumeMicroversion = Literal["volume 3.27"]

VOLUME_MICROVERSION_VALUES: set[VolumeMicroversion] = {
    "volume 3.27",
}


def check_volume_microversion(value: str) -> VolumeMicroversion:
    if value in VOLUME_MICROVERSION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {VOLUME_MICROVERSION_VALUES!r}"
    )
