"""A sibling module that is imported when one of its names is first used, not when its importer is.

A warm ``attach create354`` should load only what a create needs; the client's list, delete, rollback
and volume modules are loaded by the operations that use them. Type checkers see the real module (the
importer imports it under ``TYPE_CHECKING``), so call sites stay checked.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any


class LazyModule:
    """``cinder_attach.<name>``, imported on first attribute access."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attr: str) -> Any:
        return getattr(import_module(f"{__package__}.{self._name}"), attr)
