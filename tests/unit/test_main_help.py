"""What a reader gets from `attach … --help` and from a usage error: every page has examples, wraps between
words, names required arguments plainly and shows the variable of each cloud option; an error names the help
page of the command it came from."""

from __future__ import annotations

import re

import pytest
from helpers import help_pages, invoke

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
    assert pages["delete"].startswith("Usage: attach delete [OPTIONS] ATTACHMENT_ID...\n")
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
