"""Every command's --help as the user reads it: click's no-rewrap marker works, and examples stay one per line."""

from __future__ import annotations

import re

import pytest
import typer
from typer.testing import CliRunner

from cinder_attach.commands import COMMANDS, GROUPS
from cinder_attach.main import build_app


def help_problems(text: str) -> list[str]:
    """What is wrong with one rendered help: a literal \\b, or an example run into the prose around it."""
    problems = []
    if "\\b" in text:
        problems.append("a literal \\b (write \\b, not \\\\b, in HELP)")
    lines = text.splitlines()
    for n, line in enumerate(lines):
        if "Examples:" not in line:
            continue
        if line.strip() != "Examples:":
            problems.append(f"examples run into one paragraph: {line.strip()[:60]!r}")
            continue
        for example in lines[n + 1 :]:
            if not example.strip():
                break
            if len(re.findall(r"(?<![\w-])attach ", example)) > 1:  # not local-attach's "attach "
                problems.append(f"two examples on one line: {example.strip()[:60]!r}")
    return problems


def rendered(*argv: str) -> str:
    result = CliRunner().invoke(build_app(argv[0] if argv else None), [*argv, "--help"], prog_name="attach")
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("name", [entry[0] for entry in COMMANDS] + [group[0] for group in GROUPS])
def test_each_commands_help_shows_its_examples_one_per_line(name: str) -> None:
    text = rendered(name)
    assert help_problems(text) == [], text
    if name != "cache":
        assert "Examples:" in text


def test_the_root_help_shows_its_examples_one_per_line() -> None:
    text = rendered()
    assert help_problems(text) == [] and "Examples:" in text


def test_the_check_catches_an_escaped_marker() -> None:
    app = typer.Typer(rich_markup_mode=None)

    @app.command(help="Summary.\n\n\\b\nExamples:\n  attach one\n  attach two\n")  # the old defect: \\b
    def one() -> None:
        """Never runs."""

    @app.command(help="Summary.")
    def two() -> None:
        """Never runs (a second command keeps `one` a subcommand)."""

    text = CliRunner().invoke(app, ["one", "--help"], prog_name="attach").output
    assert [problem.split(":")[0].split(" (")[0] for problem in help_problems(text)] == [
        "a literal \\b",
        "examples run into one paragraph",
    ]
