from typing import Literal

ComputeMicroversion = Literal["compute 2.89"]

COMPUTE_MICROVERSION_VALUES: set[ComputeMicroversion] = {
    "compute 2.89",
}


def check_compute_microversion(value: str) -> ComputeMicroversion:
    if value in COMPUTE_MICROVERSION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {COMPUTE_MICROVERSION_VALUES!r}"
    )
