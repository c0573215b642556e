"""The ``attach`` command line: registers the commands and turns every failure into one line and an exit code."""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence
from typing import Annotated, Any

import typer
from typer._click import exceptions as click_exc
from typer.core import TyperCommand

from ._version import PRODUCT, __version__
from .commands import COMMANDS, GROUPS
from .console import say
from .errors import EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, AttachError, DryRunDone, one_line

HELP = """Create and manage OpenStack Cinder volume attachments.

Reads clouds.yaml, secure.yaml and OS_* variables like the openstack CLI, and
caches the token so a repeated call is a single HTTP request.

\b
Examples:
  attach create354 --os-cloud mycloud --volume-uuid $VOL --instance-uuid $SERVER
  attach create354 --os-cloud mycloud --volume-uuid $VOL --instance-uuid $SERVER \\
      --mode rw --connector initiator=iqn.1993-08.org.debian:01:cad181614cec \\
      --connector host=tempest-1 -f json
  attach list --os-cloud mycloud --volume-id $VOL

\b
Exit codes:
  0    success
  1    Cinder, Keystone or the network failed (the message says which)
  2    bad options or configuration; nothing was sent
  130  interrupted (Ctrl-C)
"""

INTERRUPTED_LINE = "Error: interrupted."  # the same words as _entry's, which runs before this module exists


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"attach ({PRODUCT}) {__version__}\n")
        raise typer.Exit()


def _root(
    version: Annotated[
        bool, typer.Option("--version", help="Print the version and exit.", callback=_version, is_eager=True)
    ] = False,
) -> None:
    """Create and manage OpenStack Cinder volume attachments."""


def _stub() -> None:
    """Never runs: a stub is only in an app for runs that stay at the root (see `_app_for`)."""


def _module(name: str) -> Any:
    return importlib.import_module(f".commands.{name}", __package__)


class _Command(TyperCommand):
    """A command whose usage line names a required argument plainly, ``ATTACHMENT_ID``, as its Arguments list
    does: typer writes ``{ATTACHMENT_ID}``, which reads like shell brace expansion."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces: list[str] = super().collect_usage_pieces(ctx)
        return [p[1:-1] if p.startswith("{") and p.endswith("}") else p for p in pieces]


def _whole_words_in_help() -> None:
    """Help text wraps between words only, never inside one at a hyphen (``--connector-`` / ``file``): a reader
    copies option names from it. click's wrapper is textwrap's; its hyphen-free word splitter is textwrap's own."""
    import textwrap

    from typer._click import _textwrap

    _textwrap.TextWrapper.wordsep_re = textwrap.TextWrapper.wordsep_simple_re


def _new_app() -> typer.Typer:
    app = typer.Typer(
        name="attach",
        help=HELP,
        rich_markup_mode=None,
        no_args_is_help=True,
        context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
        pretty_exceptions_enable=False,
    )
    app.callback()(_root)
    return app


def build_app(only: str | None = None, *, stubs: bool = False) -> typer.Typer:
    """The app with every command, or with command (or group) ``only`` alone, as it is registered.

    With ``stubs``, each command and group is registered with its name and summary only, and no
    options (`_stub`): all that a run that stays at the root shows, without importing any command.
    """
    app = _new_app()
    for name, module, function, aliases, summary in COMMANDS:
        for each in (name, *aliases):
            short = summary if each == name else f"Alias of {name}."
            if stubs:
                app.command(each, help=summary, short_help=short)(_stub)
            elif only in (None, each):
                mod = _module(module)
                app.command(each, help=mod.HELP, short_help=short, cls=_Command)(getattr(mod, function))
    for name, module, summary in GROUPS:
        if stubs:
            app.add_typer(typer.Typer(help=summary, short_help=summary), name=name)
        elif only in (None, name):
            app.add_typer(_module(module).app, name=name)
    return app


def _command_names() -> set[str]:
    """Every command's name and alias (not the groups')."""
    return {each for entry in COMMANDS for each in (entry[0], *entry[3])}


def _usage_line(exc: click_exc.UsageError, args: list[str]) -> str:
    """The error, and the help page to read: the command's (click's parser leaves out the context when an
    option lacks its value, so the command is then read from ``args``, as `_app_for` reads it)."""
    command = exc.ctx.command_path if exc.ctx is not None else _command_path(args)
    return f"Error: {exc.format_message()} (see `{command} --help`)"


def _command_path(args: list[str]) -> str:
    words = args[1:] if args[:1] == ["--"] else args
    if words and words[0] in _command_names():
        return f"attach {words[0]}"
    if words and words[0] in {group[0] for group in GROUPS}:  # a group's command, if one is named next
        named = words[1:2] if len(words) > 1 and not words[1].startswith("-") else []
        return " ".join(["attach", words[0], *named])
    return "attach"


def _app_for(args: list[str]) -> typer.Typer:
    """The app to run ``args`` with: the same settings, but only the commands this run can reach.

    typer turns every registered command into a click command, with all its ~30 options, on every
    run (docs/benchmarks.md has what that costs, more than `attach --help` may cost on top of typer). A run
    needs at most one of them, and only its module. ``attach NAME ...`` gets an app with only command
    (or group) NAME, exactly as registered, and imports NAME's module alone. Any other run stays at
    the root (help, --version, no command, an unknown command, a root-level error) and gets every
    command as a stub with the same name and help: that is all the root shows. Shell completion,
    which reads its words from the environment, gets the full app.
    """
    if any(key.startswith("_") and key.endswith("_COMPLETE") for key in os.environ):
        return build_app()
    name = args[1] if args[:1] == ["--"] and len(args) > 1 else (args[0] if args else None)
    if name in _command_names() or name in {group[0] for group in GROUPS}:
        return build_app(name)
    return build_app(stubs=True)


def _run_app(args: list[str]) -> Any:
    if len(args) < 2 or "-h" in args or "--help" in args:  # a run that may show help (a bare group shows it)
        _whole_words_in_help()
    return _app_for(args)(args=args, prog_name="attach", standalone_mode=False)


def _print_traceback() -> None:
    import traceback  # only --debug needs it (with textwrap); see the lazy-import rule in CONTRIBUTING.md

    traceback.print_exc()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit code instead of raising (the console script exits with it)."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    try:
        result = _run_app(args)
    except DryRunDone:
        return EXIT_OK
    except click_exc.NoArgsIsHelpError as exc:
        say(exc.format_message())
        return EXIT_USAGE
    except click_exc.UsageError as exc:
        say(_usage_line(exc, args))
        return EXIT_USAGE
    except typer.Exit as exc:
        return int(exc.exit_code)
    except typer.Abort:
        say(INTERRUPTED_LINE)
        return EXIT_INTERRUPTED
    except click_exc.ClickException as exc:
        say(f"Error: {exc.format_message()}")
        return exc.exit_code
    except AttachError as exc:
        if debug and exc.exit_code != EXIT_USAGE:  # a usage error's traceback only adds noise
            _print_traceback()
        from .hints import for_cli  # only a failure needs it

        say(f"Error: {for_cli(exc)}")
        return exc.exit_code
    except KeyboardInterrupt:  # outside a command (inside one, options.command makes it an Interrupted)
        say(INTERRUPTED_LINE)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # `attach list | head -1`: the reader left. Quietly, and without Python's complaint at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILURE
    except Exception as exc:  # noqa: BLE001 - the promise is: never a traceback unless --debug
        if debug:
            _print_traceback()
        detail = one_line(str(exc))
        say(f"Error: unexpected failure: {type(exc).__name__}: {detail} (run with --debug for the traceback)")
        return EXIT_FAILURE
    if result == EXIT_INTERRUPTED:  # typer's answer to Ctrl-C while it parsed the options: no command returns it
        say(INTERRUPTED_LINE)
    return result if isinstance(result, int) else EXIT_OK

