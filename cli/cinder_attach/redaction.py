"""What counts as a secret, and how to hide it: one rule for --debug, --dry-run, tables and errors."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

# Keys whose values are secrets wherever they appear (connection_info, --debug bodies, config dumps).
_SECRET_KEY = re.compile(r"password|secret|key|token|credential", re.IGNORECASE)
_NOT_SECRET = {"encryption_key_id", "key_manager", "keymgr"}
SECRET_HEADERS = frozenset(
    {"x-auth-token", "x-service-token", "x-subject-token", "authorization", "cookie", "proxy-authorization"}
)


def is_secret_key(name: str) -> bool:
    """Whether a mapping key looks like it holds a secret (CHAP passwords, keys, tokens)."""
    return bool(_SECRET_KEY.search(name)) and name.lower() not in _NOT_SECRET


def redact(value: Any) -> Any:
    """Copy a JSON-like value with every secret-looking key's value replaced by ``***``."""
    if isinstance(value, Mapping):
        return {k: ("***" if is_secret_key(str(k)) and v not in (None, "") else redact(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [redact(v) for v in value]
    return value


def redact_url(url: str) -> str:
    """A URL with any ``user:password@`` replaced by ``***@`` (proxy URLs carry credentials)."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        scheme, rest = "", url
    netloc, slash, path = rest.partition("/")
    if "@" in netloc:
        netloc = "***@" + netloc.rpartition("@")[2]
    return f"{scheme}{sep}{netloc}{slash}{path}"
