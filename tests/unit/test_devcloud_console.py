"""scripts/devcloud_lib/console.py: a set-up step is printed once, even when Keystone's and Cinder's overlap."""

from __future__ import annotations

import re
import sys
from contextlib import AbstractContextManager
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from devcloud_lib import console  # noqa: E402

STEP_LINE = re.compile(r"^==> (?P<what>.+?) \.\.\. (?P<outcome>done|failed) \(\d+\.\d s\)$")


def steps_printed(err: str) -> list[tuple[str, str]]:
    """(what, outcome) of each step line; any other line (a start left open, a broken line) fails the test."""
    found = []
    for line in err.splitlines():
        if line.startswith("[devcloud"):
            continue
        match = STEP_LINE.match(line)
        assert match, f"not a whole step line: {line!r} in\n{err}"
        found.append((match["what"], match["outcome"]))
    return found


def begin(what: str) -> AbstractContextManager[None]:
    cm = console.step(what)
    cm.__enter__()
    return cm


def end(cm: AbstractContextManager[None]) -> None:
    cm.__exit__(None, None, None)


def test_steps_one_after_another_print_one_line_each(capsys: pytest.CaptureFixture[str]) -> None:
    for what in ("install keystone", "install cinder"):
        with console.step(what):
            pass
    err = capsys.readouterr().err
    assert steps_printed(err) == [("install keystone", "done"), ("install cinder", "done")]


@pytest.mark.parametrize("first_to_end", ["keystone", "cinder"])
def test_overlapping_steps_print_each_line_once(capsys: pytest.CaptureFixture[str], first_to_end: str) -> None:
    keystone, cinder = begin("install keystone"), begin("install cinder")
    started = capsys.readouterr().err
    assert started == "==> install keystone ... ", "the second step waits for the line"
    for cm in (keystone, cinder) if first_to_end == "keystone" else (cinder, keystone):
        end(cm)
    err = started + capsys.readouterr().err
    assert steps_printed(err) == [("install keystone", "done"), ("install cinder", "done")]
    assert err.count("install cinder") == 1 and err.count("install keystone") == 1


def test_a_waiting_step_shows_its_start_once_the_line_is_free(capsys: pytest.CaptureFixture[str]) -> None:
    keystone, cinder = begin("install keystone"), begin("install cinder")
    end(keystone)
    assert capsys.readouterr().err.endswith("done (0.0 s)\n==> install cinder ... ")
    end(cinder)
    assert re.fullmatch(r"done \(\d+\.\d s\)\n", capsys.readouterr().err)


def test_three_overlapping_steps_and_a_failure(capsys: pytest.CaptureFixture[str]) -> None:
    a, b, c = begin("a"), begin("b"), begin("c")
    c.__exit__(RuntimeError, RuntimeError("boom"), None)
    end(b)
    end(a)
    assert steps_printed(capsys.readouterr().err) == [("a", "done"), ("c", "failed"), ("b", "done")]


def test_a_message_in_the_middle_breaks_only_that_line(capsys: pytest.CaptureFixture[str]) -> None:
    a, b = begin("a"), begin("b")
    console.say("hello")
    end(a)
    end(b)
    err = capsys.readouterr().err
    assert "] hello\n" in err
    # "b" takes the line after the message; "a", whose line the message broke, is printed whole after it.
    assert steps_printed(err.split("] hello\n", 1)[1]) == [("b", "done"), ("a", "done")]
