"""Where openstacksdk's config loader looks for clouds.yaml, secure.yaml and clouds-public.yaml.

The token cache hashes these files into its key, and the cold path hands the same list to the loader
(openstacksdk fixes its own list at import), so both see the same files.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

# Where openstacksdk's config loader looks for its files (openstack/config/loader.py), in its order.
CONFIG_FILE_NAMES = (
    "clouds.yaml",
    "clouds.yml",
    "clouds.json",
    "secure.yaml",
    "secure.yml",
    "secure.json",
    "clouds-public.yaml",
    "clouds-public.yml",
    "clouds-public.json",
)


def config_search_paths(environ: Mapping[str, str]) -> list[Path]:
    """The config files openstacksdk may read, whether or not they exist."""
    dirs = [
        Path.cwd(),
        Path(environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") / "openstack",
        Path("/etc/xdg/openstack"),
        Path("/etc/openstack"),
    ]
    paths = [d / name for d in dirs for name in CONFIG_FILE_NAMES]
    for var in ("OS_CLIENT_CONFIG_FILE", "OS_CLIENT_SECURE_FILE"):
        if environ.get(var):
            paths.insert(0, Path(environ[var]).expanduser())
    return paths
