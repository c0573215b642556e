"""UUID checks as lenient as Cinder's, with the normalisation Cinder itself forgets.

Cinder's request schema accepts any id that oslo's ``is_uuid_like`` accepts (upper case, no dashes,
``urn:uuid:``, braces) but then looks the volume up verbatim, so a non-canonical id of a real volume
gives 404. We accept the same forms and always send the canonical lowercase 8-4-4-4-12 form.
"""

from __future__ import annotations

import uuid

from .errors import UsageError


def is_uuid_like(value: object) -> bool:
    """The same test as ``oslo_utils.uuidutils.is_uuid_like``."""
    if not isinstance(value, str):
        return False
    try:
        canonical = str(uuid.UUID(value)).replace("-", "")
    except ValueError:
        return False
    bare = value.replace("urn:", "").replace("uuid:", "").strip("{}").replace("-", "").lower()
    return canonical == bare


def canonical_uuid(value: str, option: str) -> str:
    """Return ``value`` in canonical form, or raise a usage error naming ``option``."""
    if not is_uuid_like(value):
        raise UsageError(
            f"{option} {value!r} is not a UUID.",
            hint="Give it as 8-4-4-4-12 hex digits, e.g. 5f1c9e2a-0b7d-4c3e-9a61-2d4f8b0e7c13.",
        )
    return str(uuid.UUID(value))
