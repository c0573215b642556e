"""The one formatter every command prints through, following the OpenStack CLI's conventions.

Machine formats (json, yaml, value, shell) print the server's values verbatim. The human format
(table) shows the values a resource's view marks as unset (:mod:`cinder_attach.views`) as empty, and
masks secret-looking keys inside mappings unless ``--show-secrets`` is given. It knows no resource.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from .console import emit, say
from .errors import UsageError
from .redaction import redact

if TYPE_CHECKING:
    from .errors import AttachError

FORMATS = ("table", "json", "yaml", "value", "shell")
# Per column, the values a table shows as empty (a resource's view says which; see views.py).
Blanks = Mapping[str, tuple[Any, ...]]
NO_BLANKS: Blanks = {}
SHELL_LIST = "-f shell prints one object; use -f json, yaml, value or table for a list."
# -f shell output is meant for `eval`: the prefix must keep every line a plain assignment. (Patterns are
# compiled on first use, by re's own cache: most runs never need them.)
_SHELL_NAME = r"[A-Za-z_][A-Za-z0-9_]*"


class OutputOptions(NamedTuple):
    """How to print: the -f/-c/--noindent/--prefix/--show-secrets options."""

    format: str = "table"
    columns: tuple[str, ...] = ()
    noindent: bool = False
    prefix: str = ""
    show_secrets: bool = False

    def check(self, available: Sequence[str], *, many: bool = False, any_column: bool = False) -> None:
        """Reject an unknown format or column (or -f shell for a list) before any request is sent."""
        if self.format not in FORMATS:
            raise UsageError(f"-f/--format {self.format!r} is not one of {', '.join(FORMATS)}.")
        if many and self.format == "shell":
            raise UsageError(SHELL_LIST)
        unknown = [] if any_column else [c for c in self.columns if c not in available]
        if unknown:
            raise UsageError(
                f"-c/--column {', '.join(repr(c) for c in unknown)} is not a column of this command.",
                hint=f"Choose from: {', '.join(available)}.",
            )
        if self.prefix and self.format != "shell":
            raise UsageError("--prefix only applies to -f shell.")
        if self.prefix and not re.fullmatch(_SHELL_NAME, self.prefix):
            raise UsageError(
                f"--prefix {self.prefix!r} cannot start a shell variable name.",
                hint="Use letters, digits and _ only, not starting with a digit, e.g. --prefix att_.",
            )


def _human_value(name: str, value: Any, show_secrets: bool, blank: Blanks) -> str:
    if value is None or value in blank.get(name, ()):
        return ""
    if isinstance(value, Mapping):
        shown = value if show_secrets else redact(value)
        return "\n".join(f"{k}={'' if v is None else _scalar(v)}" for k, v in shown.items())
    if isinstance(value, list):
        return "\n".join(_scalar(v) for v in value)
    return _scalar(value)


def _scalar(value: Any) -> str:
    if isinstance(value, str):
        return value
    import json  # here, not at the top: `attach --help` needs no json

    return json.dumps(value, ensure_ascii=False, sort_keys=False)


def _machine_value(value: Any) -> str:
    """A value as one token for `value` and `shell`: strings verbatim, everything else as compact JSON."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    import json

    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A plain ASCII table with multi-line cells, like the OpenStack CLI's (without the last newline)."""
    return "".join(_table_lines(header, rows))[:-1]


def _table_lines(header: Sequence[str], rows: Sequence[Sequence[str]]) -> Iterator[str]:
    """The table's lines, each with its newline. Only the cells are held: a cell is split into its lines
    when its row is printed, so a table of 20,000 rows keeps its text once, not three times."""
    widths = [len(h) for h in header]
    for row in rows:
        for i, cell in enumerate(row):
            width = max(len(line) for line in cell.split("\n")) if "\n" in cell else len(cell)
            if width > widths[i]:
                widths[i] = width
    rule = "+" + "+".join("-" * (w + 2) for w in widths) + "+\n"

    def line(parts: Sequence[str]) -> str:
        return "| " + " | ".join(p.ljust(w) for p, w in zip(parts, widths, strict=True)) + " |\n"

    yield rule
    yield line(header)
    yield rule
    for row in rows:
        if not any("\n" in cell for cell in row):
            yield line(row)
            continue
        cells = [cell.split("\n") for cell in row]
        for n in range(max(len(lines) for lines in cells)):
            yield line([lines[n] if n < len(lines) else "" for lines in cells])
    yield rule


_NOT_IDENT = r"[^A-Za-z0-9_]"


def _select(record: Mapping[str, Any], columns: Sequence[str], default: Sequence[str]) -> dict[str, Any]:
    names = list(columns) if columns else [c for c in default if c in record] + [c for c in record if c not in default]
    return {name: record.get(name) for name in names}


def render_one(
    record: Mapping[str, Any], opts: OutputOptions, default: Sequence[str], blank: Blanks = NO_BLANKS
) -> str:
    """Render one object in the chosen format (``blank``: values a table shows as empty, by column)."""
    data = _select(record, opts.columns, default)
    fmt = opts.format
    if fmt == "json":
        import json

        return json.dumps(data, indent=None if opts.noindent else 2, ensure_ascii=False)
    if fmt == "yaml":
        import yaml  # only for -f yaml

        return str(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=False)).rstrip("\n")
    if fmt == "value":
        return "\n".join(_machine_value(v) for v in data.values())
    if fmt == "shell":
        import shlex

        return "\n".join(
            f"{opts.prefix}{re.sub(_NOT_IDENT, '_', k)}={shlex.quote(_machine_value(v))}" for k, v in data.items()
        )
    rows = [[k, _human_value(k, v, opts.show_secrets, blank)] for k, v in data.items()]
    return _table(["Attribute", "Value"], rows)


def _list_json(rows: Iterator[dict[str, Any]], opts: OutputOptions) -> Iterator[str]:
    """A JSON array, one element at a time: the same text as ``json.dumps(list)``, without the list."""
    import json

    first = True
    for row in rows:
        text = json.dumps(row, indent=None if opts.noindent else 2, ensure_ascii=False)
        if opts.noindent:
            yield ("[" if first else ", ") + text
        else:
            yield ("[\n" if first else ",\n") + "\n".join("  " + line for line in text.split("\n"))
        first = False
    yield "[]\n" if first else ("]\n" if opts.noindent else "\n]\n")


def stream_list(
    records: Iterable[Mapping[str, Any]], opts: OutputOptions, default: Sequence[str], blank: Blanks = NO_BLANKS
) -> Iterator[str]:
    """Render a list of objects, one row each, as pieces of text to write in order.

    ``value`` and ``json`` are written row by row, so output starts before the last page arrives and
    memory stays flat; ``table`` and ``yaml`` need every row first (column widths, one document).
    """
    names = list(opts.columns) if opts.columns else list(default)
    rows = ({name: r.get(name) for name in names} for r in records)
    fmt = opts.format
    if fmt == "json":
        yield from _list_json(rows, opts)
    elif fmt == "value":
        for row in rows:
            yield " ".join(_machine_value(v) for v in row.values()) + "\n"
    elif fmt == "yaml":
        import yaml

        every = list(rows)
        yield (str(yaml.safe_dump(every, sort_keys=False, allow_unicode=True)).rstrip("\n") if every else "[]") + "\n"
    elif fmt == "shell":
        raise UsageError(SHELL_LIST)
    else:
        table_rows = [tuple(_human_value(k, v, opts.show_secrets, blank) for k, v in row.items()) for row in rows]
        yield from _table_lines(names, table_rows)


# What commands return: the formatter, not the command, decides how it looks (cliff's ShowOne/Lister).
# Named tuples, not dataclasses: as immutable and as comparable, and one is made in a tenth of the time
# (a frozen dataclass costs more at import, on every run; docs/benchmarks.md).


class Record(NamedTuple):
    """One object: Attribute/Value rows in a table."""

    data: Mapping[str, Any]
    columns: Sequence[str]
    blank: Blanks = NO_BLANKS


class Rows(NamedTuple):
    """Many objects, one row each; ``rows`` may be lazy, and is read only after the options are checked."""

    rows: Iterable[Mapping[str, Any]]
    columns: Sequence[str]
    default: Sequence[str]
    blank: Blanks = NO_BLANKS
    failed: Callable[[], int] | None = None  # read after the rows: how many of them report a failure


class Step(NamedTuple):
    """The outcome of one action on one object (delete, complete)."""

    subject: str
    text: str = ""  # the human line, e.g. "Deleted attachment X."
    record: Mapping[str, Any] | None = None  # the machine form; None prints nothing with -f
    error: AttachError | None = None


class Steps(NamedTuple):
    """Actions on several objects: each is reported as it happens, and one failure stops none of the others."""

    steps: Iterable[Step]
    columns: Sequence[str] = ()


Result = Record | Rows | Steps


def render(result: Result | None, opts: OutputOptions) -> int:
    """Print what a command returned; the number of failed steps is returned (0 for data)."""
    if isinstance(result, Record):
        opts.check(result.columns)
        emit(render_one(result.data, opts, result.columns, result.blank))
    elif isinstance(result, Rows):
        opts.check(result.columns, many=True)
        for piece in stream_list(result.rows, opts, result.default, result.blank):
            sys.stdout.write(piece)
        sys.stdout.flush()
        return result.failed() if result.failed is not None else 0
    elif isinstance(result, Steps):
        return _render_steps(result, opts)
    return 0


def _render_steps(result: Steps, opts: OutputOptions) -> int:
    failed = 0
    for step in result.steps:
        if step.error is not None:
            failed += 1
            from .hints import for_cli  # only a failed step needs it

            say(f"Error: {step.subject}: {for_cli(step.error)}")
        elif opts.format == "table" and not opts.columns:
            emit(step.text)
        elif step.record is not None and opts.format != "value":
            emit(render_one(step.record, opts, result.columns))
    return failed
