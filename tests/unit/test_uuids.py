"""cinder_attach.uuids: oslo's is_uuid_like leniency, and the canonical form we send."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable

import pytest
from helpers import INST, VOL, FakeCinder, Result
from hypothesis import given
from hypothesis import strategies as st

from cinder_attach.errors import UsageError
from cinder_attach.uuids import canonical_uuid, is_uuid_like

CANON = VOL  # 5f1c9e2a-0b7d-4c3e-9a61-2d4f8b0e7c13
HEX = CANON.replace("-", "")
CANONICAL_SHAPE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")

ACCEPTED = [
    CANON,
    CANON.upper(),
    HEX,
    HEX.upper(),
    f"urn:uuid:{CANON}",
    f"{{{CANON}}}",
    f"{{{HEX}}}",
    f"urn:uuid:{HEX.upper()}",
    "5f1c-9e2a0b7d4c3e9a612d4f8b0e7c13",  # oslo accepts dashes anywhere
    "5F1C9E2A-0B7D-4C3E-9A61-2D4F8B0E7C13",
]

REJECTED: list[object] = [
    "",
    "not-a-uuid",
    CANON[:-1],
    CANON + "0",
    CANON.replace("5", "g"),
    f" {CANON}",
    f"{CANON}\n",
    HEX[:31] + "_",
    "5f1c9e2a_0b7d4c3e9a612d4f8b0e7c1",  # int() accepts underscores; oslo does not
    "+" + HEX[:31],
    "０" * 32,  # fullwidth digits: int() accepts them, oslo does not
    "٣" * 32,
    f"uuid {CANON}",
    None,
    12345,
    uuid.UUID(CANON),
    b"5f1c9e2a0b7d4c3e9a612d4f8b0e7c13",
]


@pytest.mark.parametrize("value", ACCEPTED)
def test_accepts_what_oslo_accepts(value: str) -> None:
    assert is_uuid_like(value)
    assert canonical_uuid(value, "--volume-uuid") == CANON


@pytest.mark.parametrize("value", REJECTED, ids=repr)
def test_rejects_the_rest(value: object) -> None:
    assert not is_uuid_like(value)


@pytest.mark.parametrize("value", [v for v in REJECTED if isinstance(v, str)], ids=repr)
def test_canonical_uuid_names_the_option(value: str) -> None:
    with pytest.raises(UsageError) as info:
        canonical_uuid(value, "--instance-uuid")
    text = str(info.value)
    assert text.startswith(f"--instance-uuid {value!r} is not a UUID.")
    assert "8-4-4-4-12" in text
    assert info.value.exit_code == 2


@given(st.uuids())
def test_canonical_output_is_lowercase_8_4_4_4_12(value: uuid.UUID) -> None:
    for form in (str(value).upper(), value.hex, value.urn, f"{{{value}}}", value.hex.upper()):
        out = canonical_uuid(form, "--volume-uuid")
        assert CANONICAL_SHAPE.fullmatch(out)
        assert out == str(value)


@given(st.text(max_size=40))
def test_never_raises_on_any_text(value: str) -> None:
    result = is_uuid_like(value)
    if result:
        assert CANONICAL_SHAPE.fullmatch(canonical_uuid(value, "--x"))


def test_cli_sends_canonical_ids(cli: Callable[..., Result], cinder: FakeCinder) -> None:
    cinder.reply()
    r = cli(
        "create354",
        "--volume-uuid",
        f"urn:uuid:{HEX.upper()}",
        "--instance-uuid",
        "{" + INST.upper() + "}",
        "-f",
        "json",
    )
    assert r.code == 0, r.err
    assert json.loads(r.requests[0].content) == {"attachment": {"volume_uuid": CANON, "instance_uuid": INST}}
