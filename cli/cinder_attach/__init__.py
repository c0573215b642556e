"""cinder-attach: create and manage OpenStack Cinder volume attachments, from a shell or from Python.

The public API is re-exported here lazily, so that ``attach --help`` does not pay for httpx.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "AttachError": "errors",
    "APIError": "errors",
    "AuthError": "errors",
    "ConfigError": "errors",
    "TransportError": "errors",
    "UsageError": "errors",
    "CloudArgs": "cloud",
    "authenticate": "cloud",
    "CachedSession": "token_cache",
    "Run": "session",
    "call": "api",
    "build_connector": "connector",
    "canonical_uuid": "uuids",
    "is_uuid_like": "uuids",
    "OutputOptions": "output",
    "render_one": "output",
    "render_list": "output",
    "main": "main",
}

__all__ = [
    "APIError",
    "AttachError",
    "AuthError",
    "CachedSession",
    "CloudArgs",
    "ConfigError",
    "OutputOptions",
    "Run",
    "TransportError",
    "UsageError",
    "authenticate",
    "build_connector",
    "call",
    "canonical_uuid",
    "is_uuid_like",
    "main",
    "render_list",
    "render_one",
    "__version__",
]

if TYPE_CHECKING:
    from .api import call
    from .cloud import CloudArgs, authenticate
    from .connector import build_connector
    from .errors import APIError, AttachError, AuthError, ConfigError, TransportError, UsageError
    from .main import main
    from .output import OutputOptions, render_list, render_one
    from .session import Run
    from .token_cache import CachedSession
    from .uuids import canonical_uuid, is_uuid_like


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'cinder_attach' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f".{module}", __name__), name)
