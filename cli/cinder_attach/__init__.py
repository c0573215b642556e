"""cinder-attach: create and manage OpenStack Cinder volume attachments, from a shell or from Python.

    import cinder_attach
    client = cinder_attach.connect(cloud="mycloud")
    attachment = client.create354(volume_id, instance_uuid=server_id, mode="rw")

The public API is re-exported here lazily, so that ``attach --help`` does not pay for httpx.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._version import __version__

_EXPORTS = {
    "connect": "client",
    "AttachmentClient": "client",
    "Connection": "connection",
    "CloudArgs": "cloud",
    "Login": "login",
    "AttachError": "errors",
    "APIError": "errors",
    "AuthError": "errors",
    "ConfigError": "errors",
    "TransportError": "errors",
    "UsageError": "errors",
    "VolumeLookupError": "errors",
    "build_connector": "connector",
    "canonical_uuid": "uuids",
    "is_uuid_like": "uuids",
    "main": "main",
}

__all__ = [
    "APIError",
    "AttachError",
    "AttachmentClient",
    "AuthError",
    "CloudArgs",
    "ConfigError",
    "Connection",
    "Login",
    "TransportError",
    "UsageError",
    "VolumeLookupError",
    "build_connector",
    "canonical_uuid",
    "connect",
    "is_uuid_like",
    "main",
    "__version__",
]

if TYPE_CHECKING:
    from .client import AttachmentClient, connect
    from .cloud import CloudArgs
    from .connection import Connection
    from .connector import build_connector
    from .errors import APIError, AttachError, AuthError, ConfigError, TransportError, UsageError, VolumeLookupError
    from .login import Login
    from .main import main
    from .uuids import canonical_uuid, is_uuid_like


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'cinder_attach' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f".{module}", __name__), name)
