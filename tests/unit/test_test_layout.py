"""The test suite's own rules (tests/README.md): a fixture is defined once, in one module, and a test module is
named for what it tests, not for the issue that asked for it. Read from the source with ast, nothing imported."""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]


def fixture_names(source: str) -> list[str]:
    """The fixtures a module defines: functions decorated with pytest.fixture (or fixture), by their
    ``name=`` if given."""
    names = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for decorator in node.decorator_list:
            call = decorator if isinstance(decorator, ast.Call) else None
            target = call.func if call else decorator
            if ast.unparse(target) not in ("pytest.fixture", "fixture"):
                continue
            given = [k.value for k in (call.keywords if call else []) if k.arg == "name"]
            names.append(given[0].value if given and isinstance(given[0], ast.Constant) else node.name)
    return names


def defined_twice(modules: dict[str, str]) -> dict[str, list[str]]:
    """Fixture name -> the modules defining it, for each name defined in more than one module."""
    where: dict[str, list[str]] = defaultdict(list)
    for module, source in sorted(modules.items()):
        for name in sorted(set(fixture_names(source))):
            where[name].append(module)
    return {name: modules for name, modules in where.items() if len(modules) > 1}


def test_no_fixture_is_defined_in_two_modules() -> None:
    modules = {str(p.relative_to(TESTS)): p.read_text() for p in TESTS.rglob("*.py")}
    assert len(modules) > 20, "the walk found the test modules"
    assert defined_twice(modules) == {}, "define it once: in a conftest.py, or build it from a helper"


def test_the_fixture_check_finds_a_second_definition() -> None:
    plain = "import pytest\n@pytest.fixture\ndef client(): ...\n"
    named = "import pytest\n@pytest.fixture(scope='module', name='client')\ndef other_client(): ...\n"
    bare = "from pytest import fixture\n@fixture\ndef client(): ...\n@fixture\ndef extra(): ...\n"
    assert fixture_names(named) == ["client"] and fixture_names(bare) == ["client", "extra"]
    assert defined_twice({"a.py": plain, "b.py": named, "c.py": bare}) == {"client": ["a.py", "b.py", "c.py"]}
    assert defined_twice({"a.py": plain, "b.py": "def client(): ...\n"}) == {}


ISSUE = re.compile(r"\bissue\s*#?\d+|#\d+\b", re.IGNORECASE)


def test_test_modules_are_not_named_after_issues() -> None:
    offenders = []
    for path in TESTS.rglob("test_*.py"):
        docstring = ast.get_docstring(ast.parse(path.read_text())) or ""
        first_line = docstring.splitlines()[0] if docstring else ""
        if ISSUE.search(path.stem) or ISSUE.search(first_line) or not first_line:
            offenders.append(str(path.relative_to(TESTS)))
    assert offenders == [], "name a test module for the behaviour it tests and say so in its docstring's first line"
