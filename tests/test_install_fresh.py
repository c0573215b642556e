"""The stale-install check of tests/conftest.py: the comparison, and that the current install passes it."""

from __future__ import annotations

from pathlib import Path

import pytest
from install_fresh import differing_files, installed_dir, py_digests, stale_install_message


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


@pytest.fixture
def source(tmp_path: Path) -> Path:
    return write(tmp_path / "src" / "pkg", {"__init__.py": "", "a.py": "A = 1\n", "sub/b.py": "B = 2\n"})


def copy_of(source: Path, dest: Path) -> Path:
    return write(dest, {p.relative_to(source).as_posix(): p.read_text() for p in source.rglob("*.py")})


def test_identical_trees_do_not_differ(source: Path, tmp_path: Path) -> None:
    installed = copy_of(source, tmp_path / "site" / "pkg")
    # Bytecode caches and data files are not compared.
    write(installed, {"__pycache__/a.cpython-311.pyc": "x", "py.typed": "# marker"})
    assert differing_files(installed, source) == []


def test_changed_added_and_removed_files_are_all_named(source: Path, tmp_path: Path) -> None:
    installed = copy_of(source, tmp_path / "site" / "pkg")
    write(source, {"sub/b.py": "B = 3\n", "new.py": ""})
    (source / "a.py").unlink()
    assert differing_files(installed, source) == ["a.py", "new.py", "sub/b.py"]


def test_digests_are_keyed_by_relative_posix_path(source: Path) -> None:
    assert sorted(py_digests(source)) == ["__init__.py", "a.py", "sub/b.py"]


def test_stale_install_gives_one_line_naming_scripts_test(
    source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    installed = copy_of(source, tmp_path / "site" / "pkg")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    assert stale_install_message({"pkg": source}) is None
    write(source, {"a.py": "A = 2\n"})
    message = stale_install_message({"pkg": source})
    assert message is not None and "\n" not in message
    assert "scripts/test" in message and "a.py" in message and str(installed.resolve()) in message


def test_missing_package_is_reported() -> None:
    message = stale_install_message({"no_such_package_for_this_test": Path("/nowhere")})
    assert message is not None and "not installed" in message and "scripts/test" in message


def test_the_installed_packages_are_the_checkout() -> None:
    # What conftest.py checks at session start; here it also shows where the packages come from.
    for package in ("cinder_attach", "cinder_attach_client"):
        assert installed_dir(package) is not None, package
    assert stale_install_message() is None
