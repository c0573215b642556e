"""Every --help page as the user reads it (examples on lines of their own, words never split, required arguments
named plainly, each cloud option's variable, every exit code), and the help page a usage error points to."""

from __future__ import annotations

import re

import pytest
import typer
from helpers import help_pages, invoke
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


CLOUD_OPTIONS = ("cloud", "auth-url", "auth-type", "username", "password", "user-domain-name", "project-name",
                 "project-id", "project-domain-name", "region-name", "interface")  # fmt: skip


@pytest.fixture
def pages(capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    return help_pages(capsys)


def test_every_page_has_examples_on_lines_of_their_own(pages: dict[str, str]) -> None:
    assert {"", "create354", "show", "connector", "cache", "cache clear", "cache path"} <= set(pages)
    for name, text in pages.items():
        assert re.search(r"\n  Examples:\n    (# .*\n    )?attach ", text), f"`attach {name} --help` has no examples"
        assert "\\b" not in text, f"`attach {name} --help` shows a literal \\b"


def test_no_option_name_is_split_across_lines(pages: dict[str, str]) -> None:
    for name, text in pages.items():
        assert not re.search(r"--[a-z-]*[a-z]-\n", text), f"`attach {name} --help` splits an option name"


def test_usage_lines_name_required_arguments_plainly(pages: dict[str, str]) -> None:
    assert pages["show"].startswith("Usage: attach show [OPTIONS] ATTACHMENT_ID\n")
    # delete takes ids, or --volume with --instance-uuid instead: its ids are optional
    assert pages["delete"].startswith("Usage: attach delete [OPTIONS] [ATTACHMENT_ID...]\n")
    assert not any("{" in text.split("\n", 1)[0] for text in pages.values())


def test_each_cloud_option_shows_its_variable(pages: dict[str, str]) -> None:
    flat = " ".join(pages["show"].split())  # an [env: …] may wrap after "env:"
    for option in CLOUD_OPTIONS:
        env = "OS_" + option.upper().replace("-", "_")
        assert re.search(rf"--os-{option} \S+ [^[]*\[env: {env}\]", flat), option
    assert "[env: OS_TOKEN]" not in flat, "--os-token has no variable that does what it does"


@pytest.mark.parametrize(
    ("argv", "page"),
    [
        (["create354", "--volume-uuid"], "attach create354"),
        (["create", "--volume"], "attach create"),
        (["list", "-c"], "attach list"),
        (["--", "list", "--limit"], "attach list"),
        (["show"], "attach show"),
        (["cache", "clear", "--nope"], "attach cache clear"),
        (["--bogus"], "attach"),
        (["nosuch"], "attach"),
    ],
)
def test_a_usage_error_names_the_help_of_its_command(
    capsys: pytest.CaptureFixture[str], argv: list[str], page: str
) -> None:
    result = invoke(capsys, *argv)
    assert result.code == 2 and result.out == ""
    assert result.err.startswith("Error: ") and result.err.endswith(f"(see `{page} --help`)\n"), result.err


def test_the_root_page_lists_every_exit_code(pages: dict[str, str]) -> None:
    from cinder_attach import errors

    codes = {v for k, v in vars(errors).items() if k.startswith("EXIT_")}
    listed = pages[""].split("Exit codes:", 1)[1].split("\n\n", 1)[0]
    assert {int(m) for m in re.findall(r"^\s+(\d+)\s", listed, re.M)} == codes
