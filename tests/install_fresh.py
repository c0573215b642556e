"""Is the installed cinder-attach the code in this checkout? (Used by tests/conftest.py at session start.)

The tests import `cinder_attach` and `cinder_attach_client` from the virtualenv, where scripts/test installs them
non-editable, as a user gets them. After an edit to cli/ or generated/ that copy is stale until the next
scripts/test, and a plain `pytest` would quietly test the old code. This module compares the two by hashing
every .py file.
"""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Each top-level package the tests import, and where its source lives in the checkout.
SOURCES = {
    "cinder_attach": ROOT / "cli" / "cinder_attach",
    "cinder_attach_client": ROOT / "generated" / "cinder_attach_client",
}
REINSTALL = "scripts/test"


def py_digests(package_dir: Path) -> dict[str, str]:
    """sha256 of every .py file under package_dir, keyed by its path relative to package_dir."""
    return {
        path.relative_to(package_dir).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in package_dir.rglob("*.py")
        if "__pycache__" not in path.parts
    }


def differing_files(installed: Path, source: Path) -> list[str]:
    """The .py files (relative paths) that are missing on one side or whose contents differ."""
    have, want = py_digests(installed), py_digests(source)
    return sorted(name for name in have.keys() | want.keys() if have.get(name) != want.get(name))


def installed_dir(package: str) -> Path | None:
    """Where the package would be imported from, found without importing it."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))).resolve()


def stale_install_message(sources: dict[str, Path] = SOURCES) -> str | None:
    """One line saying which installed package differs from the checkout and what to run, or None if all match."""
    for package, source in sources.items():
        installed = installed_dir(package)
        if installed is None:
            return f"{package} is not installed in this Python ({REINSTALL} creates .venv and installs it)."
        if installed == source.resolve():
            continue  # imported from the checkout itself (an editable install or PYTHONPATH): nothing to go stale
        changed = differing_files(installed, source)
        if changed:
            shown = ", ".join(changed[:3]) + (f" and {len(changed) - 3} more" if len(changed) > 3 else "")
            where = source.relative_to(ROOT) if source.is_relative_to(ROOT) else source
            return (
                f"the installed {package} ({installed}) is not the code in {where} ({shown} differ): "
                f"run {REINSTALL}, which reinstalls it, or these tests would test the old copy."
            )
    return None
