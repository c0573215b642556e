"""Ctrl-C, at every phase of a run, is one ``Error: interrupted…`` line and exit 130, never a traceback:
while the entry point imports the CLI, while typer parses the options, and while a request is in flight
(where an interrupted create also says that the attachment may exist, and how to look)."""

from __future__ import annotations

import importlib.abc
import sys
from collections.abc import Callable, Iterator
from typing import Any, NoReturn

import httpx
import pytest
import typer.core
from helpers import ATT, VOL, FakeCinder, Result

from cinder_attach import _entry
from cinder_attach.errors import EXIT_INTERRUPTED

INTERRUPTED = "Error: interrupted."


class Exited(Exception):
    """What the patched os._exit raises instead of ending the test run."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


@pytest.fixture
def run_entry(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    """Run the console script's entry point (``_entry.run``) with these arguments; os._exit raises instead."""

    def fake_exit(code: int) -> NoReturn:
        raise Exited(code)

    def run(*argv: str) -> Result:
        monkeypatch.setattr(sys, "argv", ["attach", *argv])
        monkeypatch.setattr(_entry.os, "_exit", fake_exit)
        with pytest.raises(Exited) as ended:
            try:
                _entry.run()
            except KeyboardInterrupt:  # escaping, it would end the test session (and print a traceback)
                pytest.fail("the KeyboardInterrupt escaped the entry point")
        captured = capsys.readouterr()
        return Result(ended.value.code, captured.out, captured.err, [])

    return run


def assert_interrupted(result: Result, line: str = INTERRUPTED) -> None:
    assert result.code == EXIT_INTERRUPTED == 130
    assert result.err.splitlines() == [line], result.err
    assert "Traceback" not in result.err and result.out == ""


class InterruptImport(importlib.abc.MetaPathFinder):
    """Ctrl-C while the entry point imports ``cinder_attach.main`` (typer and the rest come with it)."""

    def find_spec(self, fullname: str, path: Any, target: Any = None) -> None:
        if fullname == "cinder_attach.main":
            raise KeyboardInterrupt


@pytest.fixture
def main_not_imported(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delitem(sys.modules, "cinder_attach.main")
    monkeypatch.delattr(sys.modules["cinder_attach"], "main", raising=False)
    finder = InterruptImport()
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)


def test_ctrl_c_while_importing_is_one_line(main_not_imported: None, run_entry: Callable[..., Result]) -> None:
    assert_interrupted(run_entry("show", ATT))


def test_ctrl_c_while_parsing_options_is_one_line(
    monkeypatch: pytest.MonkeyPatch, run_entry: Callable[..., Result]
) -> None:
    # typer turns a KeyboardInterrupt in its parsing into a silent exit 130; the line must still come.
    def interrupt(*args: Any, **kwargs: Any) -> NoReturn:
        raise KeyboardInterrupt

    monkeypatch.setattr(typer.core.TyperCommand, "parse_args", interrupt)
    assert_interrupted(run_entry("show", ATT, "--os-token", "t", "--os-endpoint", "http://cinder.test/v3/p"))


def interrupt_in_flight(cinder: FakeCinder) -> FakeCinder:
    def handler(request: httpx.Request) -> httpx.Response:
        raise KeyboardInterrupt

    cinder.responses.append(handler)
    return cinder


DIRECT = ("--os-token", "t", "--os-endpoint", "http://cinder.test:8776/v3/0123456789abcdef0123456789abcdef")


def test_ctrl_c_during_a_read_is_one_line(cinder: FakeCinder, run_entry: Callable[..., Result]) -> None:
    interrupt_in_flight(cinder)
    assert_interrupted(run_entry("show", ATT, *DIRECT))
    assert [r.method for r in cinder.requests] == ["GET"]


def test_ctrl_c_during_a_create_says_it_may_exist(cinder: FakeCinder, run_entry: Callable[..., Result]) -> None:
    interrupt_in_flight(cinder)
    result = run_entry("create354", "--volume-uuid", VOL, "--connector", "initiator=iqn.x", *DIRECT)
    assert_interrupted(
        result,
        "Error: interrupted after the create was sent; the attachment may have been created. "
        f"Check with: attach list --volume-id {VOL} --long",
    )
    assert [r.method for r in cinder.requests] == ["POST"], "no rollback, no second try after an interrupt"


def test_ctrl_c_before_a_create_is_sent_says_nothing_was_made(
    cinder: FakeCinder, monkeypatch: pytest.MonkeyPatch, run_entry: Callable[..., Result]
) -> None:
    from cinder_attach import connection

    def interrupt(*args: Any, **kwargs: Any) -> NoReturn:  # Ctrl-C while it logs in: nothing sent yet
        raise KeyboardInterrupt

    monkeypatch.setattr(connection.Connection, "resolve", interrupt)
    assert_interrupted(run_entry("create354", "--volume-uuid", VOL, *DIRECT))
    assert cinder.requests == []


def test_python_api_keeps_the_keyboard_interrupt(cinder: FakeCinder) -> None:
    import cinder_attach
    from cinder_attach.errors import CreateInterrupted

    interrupt_in_flight(cinder)
    client = cinder_attach.connect(token=DIRECT[1], endpoint=DIRECT[3])
    with pytest.raises(KeyboardInterrupt) as caught:
        client.create354(VOL)
    assert isinstance(caught.value, CreateInterrupted) and caught.value.may_have_created
