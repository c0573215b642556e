"""Endpoints from a token's service catalog, by type, interface and region, with no version-discovery request:
Cinder's (the block-storage v3 API, under any of its catalog names) and Nova's (for prune)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from .errors import ConfigError

# Catalog types that serve the block-storage v3 API, newest name first.
SERVICE_TYPES = ("block-storage", "volumev3", "volume")


def block_storage_url(catalog: Any, interface: Any, region_name: str | None, ksa_exc: Any) -> str:
    """Find the endpoint by catalog type, without a version-discovery request."""
    interface = interface or "public"
    for service_type in SERVICE_TYPES:
        try:
            url = catalog.url_for(service_type=service_type, interface=interface, region_name=region_name or None)
        except ksa_exc.EndpointNotFound:
            continue
        if url and not {"v1", "v2", "v2.0"} & set(urlsplit(url).path.split("/")):
            return str(url)
    where = f"interface {interface}" + (f", region {region_name}" if region_name else "")
    raise ConfigError(
        f"the catalog has no block-storage v3 endpoint ({where}).",
        hint="Try the interface internal or admin, or another region_name, or set block_storage_endpoint_override.",
        reason="no_catalog_endpoint",
    )


def compute_url(catalog: Any, region: Any, ksa_exc: Any) -> str | None:
    """Nova's endpoint from the same catalog, by the same interface and region; None if it has none."""
    try:
        url = catalog.url_for(service_type="compute", interface=region.get_interface("compute") or "public",
                              region_name=region.get_region_name() or None)  # fmt: skip
    except ksa_exc.EndpointNotFound:
        return None
    return str(url) if url else None
