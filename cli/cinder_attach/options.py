"""The options every command shares, and the decorator that turns a command into a typer command.

A command asks for ``client: AttachmentClient`` and returns data (:mod:`cinder_attach.output`).
:func:`command` adds the ``--os-*``/``--debug``/``--dry-run`` options (built from the one declaration
in :class:`~cinder_attach.cloud.CloudArgs`) and the ``-f``/``-c`` options, checks the output options
before anything is sent, builds the client, and renders what the command returned.
"""

from __future__ import annotations

import functools
import inspect
import sys
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import fields
from typing import Annotated, Any, TypeVar

import typer

from .cloud import CloudArgs
from .console import stderr_log
from .errors import interrupted
from .gc_policy import on_from_here
from .output import FORMATS, OutputOptions, Result, render
from .views import ATTACHMENT_COLUMNS, column_fields

F = TypeVar("F", bound=Callable[..., Any])
# A command's own options and the asked -c fields -> the columns this run shows.
Shown = Callable[[Mapping[str, Any], Sequence[str]], Sequence[str]]
FORMATS_HELP = f"{', '.join(FORMATS[:-1])} or {FORMATS[-1]}."  # "table, json, yaml, value or shell."


def _param(name: str, annotation: Any, default: Any = None) -> inspect.Parameter:
    return inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation)


def _flag(name: str, help: str) -> inspect.Parameter:
    return _param(name, Annotated[bool, typer.Option("--" + name.replace("_", "-"), help=help)], False)


def _cloud_param(name: str, flag: str, help: str, metavar: str, is_bool: bool) -> inspect.Parameter:
    if is_bool:
        return _flag(name, help)
    option = typer.Option(flag, help=help, metavar=metavar, show_default=False)
    return _param(name, Annotated[str | None, option])


# Parameter name -> CloudArgs field, for every --os-* option (and --insecure).
CLOUD_FIELDS = {f.metadata["flag"].lstrip("-").replace("-", "_"): f.name for f in fields(CloudArgs)}
CLOUD_PARAMS = [
    _cloud_param(name, f.metadata["flag"], f.metadata["help"], f.metadata.get("metavar", ""), f.type == "bool")
    for name, f in zip(CLOUD_FIELDS, fields(CloudArgs), strict=True)
]
RUN_PARAMS = [
    _param(
        "timeout",
        Annotated[
            float | None,
            typer.Option(
                "--timeout", help="Seconds to wait for Cinder (default: api_timeout or 60).", metavar="S",
                show_default=False,
            ),
        ],
    ),
    _flag("no_cache", "Ignore and do not write the token cache."),
    _flag("debug", "HTTP trace on stderr (secrets masked)."),
    _flag("dry_run", "Print the request that would be sent; send nothing to Cinder."),
]  # fmt: skip
OUTPUT_PARAMS = [
    _param(
        "format",
        Annotated[str, typer.Option("-f", "--format", help=FORMATS_HELP, metavar="FORMAT")],
        "table",
    ),
    _param(
        "column",
        Annotated[
            list[str] | None, typer.Option("-c", "--column", help="Show only this column (repeatable).", metavar="NAME")
        ],
    ),
    _flag("noindent", "One-line JSON."),
    _param(
        "prefix",
        Annotated[str, typer.Option("--prefix", help="Prefix for -f shell variable names.", metavar="TEXT")],
        "",
    ),
    _flag("show_secrets", "Show connection_info secrets in table output."),
]


def make_connection(values: dict[str, Any]) -> Any:
    """The run's :class:`~cinder_attach.connection.Connection`, from the shared options' values."""
    from .connection import Connection
    from .errors import UsageError

    cloud = CloudArgs(**{field: values[name] for name, field in CLOUD_FIELDS.items()})
    timeout = values["timeout"]
    if timeout is not None and not (0 < timeout < float("inf")):
        raise UsageError(f"--timeout {timeout} must be a positive number of seconds.")
    return Connection(
        cloud=cloud,
        use_cache=not values["no_cache"],
        debug=values["debug"],
        dry_run=values["dry_run"],
        timeout=timeout,
        show=sys.stdout,  # a dry run's request is the command's output
    )


def _make_out(values: dict[str, Any], fields: Sequence[str] | None) -> OutputOptions:
    """The output options; each -c as the field it names (see :func:`~cinder_attach.views.column_fields`), unless
    only the answer knows the fields (``fields`` None)."""
    asked = tuple(values.get("column") or ())
    return OutputOptions(
        format=values.get("format", "table"),
        columns=asked if fields is None else column_fields(asked, fields),
        noindent=values.get("noindent", False),
        prefix=values.get("prefix", ""),
        show_secrets=values.get("show_secrets", False),
    )


def _shared(output: bool, without: Collection[str]) -> tuple[list[inspect.Parameter], dict[str, Any]]:
    """The shared options a command takes, and the defaults of those it goes ``without``."""
    every = (OUTPUT_PARAMS if output else []) + CLOUD_PARAMS + RUN_PARAMS
    if set(without) - {p.name for p in every}:
        raise ValueError(f"without= names no shared option: {sorted(set(without))}")
    return [p for p in every if p.name not in without], {p.name: p.default for p in every if p.name in without}


def _run(func: Callable[..., Result | None], values: dict[str, Any], kwargs: dict[str, Any], out: OutputOptions) -> int:
    """Run the command's function and render what it returns; the number of failed steps."""
    from .client import AttachmentClient

    connection = make_connection(values)
    on_from_here()  # the collector, off for start-up, runs for what the command makes (gc_policy)
    # The library's log on stderr; the run's calls share one httpx client; a lazy list is read in render.
    try:
        with stderr_log(debug=values["debug"]), connection.kept_open():
            return render(func(client=AttachmentClient(connection), **kwargs), out)
    except KeyboardInterrupt as exc:  # as an error, or typer would turn it into a silent exit 130
        raise interrupted(exc) from None


def command(
    *,
    columns: Sequence[str] | None = ATTACHMENT_COLUMNS,
    many: bool = False,
    output: bool = True,
    shown: Shown | None = None,
    without: Collection[str] = (),
) -> Callable[[F], F]:
    """Make ``func`` a command: shared options in, rendered data out, exit 1 if any step failed.

    ``columns`` are the columns the command can show, checked against ``-c`` before anything is
    sent (None when only the answer knows them: the formatter checks then). ``shown``, given the command's
    own options and the asked columns, narrows them to what this run shows (``list`` without ``--long``), and
    may refuse a column with advice of its own. ``many`` marks a list; ``output=False`` leaves out ``-f``/``-c``
    for a command that only reports what it did; ``without`` names shared options (``"timeout"``) that would do
    nothing in this command, so its help does not offer them (they keep their defaults).
    """

    def decorate(func: F) -> F:
        sig = inspect.signature(func, eval_str=False)
        own = [p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in sig.parameters.values() if p.name != "client"]
        extra, defaults = _shared(output, without)
        shared = {p.name for p in extra}

        @functools.wraps(func)
        def wrapper(**kwargs: Any) -> None:
            values = {**defaults, **{name: kwargs.pop(name) for name in list(kwargs) if name in shared}}
            out = _make_out(values, columns)
            available = shown(kwargs, out.columns) if shown is not None else columns
            out.check(available or (), many=many, any_column=available is None)
            if _run(func, values, kwargs, out):
                raise typer.Exit(1)

        params = own + extra
        wrapper.__signature__ = sig.replace(parameters=params)  # type: ignore[attr-defined]
        wrapper.__annotations__ = {p.name: p.annotation for p in params}
        del wrapper.__wrapped__
        return wrapper  # type: ignore[return-value]

    return decorate
