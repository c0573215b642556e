"""Build the connector object from ``--connector KEY=VALUE`` options and ``--connector-file``.

The connector describes the host that will connect to the volume (initiator, ip, host, multipath, ...).
Its keys are free-form: the backend driver decides which it needs, so we only check the shape.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .errors import UsageError

# A real connector is well under a kilobyte; anything this large is a mistake (or an attack).
MAX_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 32
# Values (scalars and containers) in one connector, counted as sent: far above any real one.
MAX_VALUES = 10_000


def _reject_constant(name: str) -> Any:
    raise ValueError(name)  # NaN and Infinity are not JSON; keep them as bare strings


def parse_value(text: str) -> Any:
    """A JSON literal when the text is one (``false``, ``3260``, ``{"a": 1}``, ``"x"``), else the text."""
    import json  # here, not at the top: `attach --help` needs no json (~1.4 ms)

    try:
        return json.loads(text, parse_constant=_reject_constant)
    except (ValueError, RecursionError):
        return text


def parse_pairs(items: Iterable[str], option: str = "--connector") -> dict[str, Any]:
    """Parse repeated ``KEY=VALUE`` options, splitting on the first ``=``."""
    result: dict[str, Any] = {}
    for item in items:
        try:
            item.encode("utf-8")
        except UnicodeEncodeError:  # undecodable bytes in argv arrive as lone surrogates; JSON cannot carry them
            raise UsageError(
                f"{option} {item!r} is not valid UTF-8 text.", hint="Check the locale or the bytes given."
            ) from None
        key, sep, raw = item.partition("=")
        if not sep:
            raise UsageError(f"{option} {item!r} has no '='.", hint="Write it as KEY=VALUE, e.g. host=tempest-1.")
        key = key.strip()
        if not key:
            raise UsageError(f"{option} {item!r} has an empty key.", hint="Write it as KEY=VALUE.")
        if key in result:
            raise UsageError(f"{option} {key!r} is given more than once.", hint="Give each key once.")
        value = parse_value(raw)
        _check_depth(value, f"{option} {key}")
        result[key] = value
    return result


def _check_depth(value: Any, where: str) -> None:
    """Reject values nested too deeply, too large (YAML aliases can expand a small file
    exponentially: "billion laughs") or holding non-finite numbers. Never recurses, never expands."""
    pending: list[tuple[Any, int]] = [(value, 0)]
    seen = 0
    while pending:
        item, depth = pending.pop()
        seen += 1
        if seen > MAX_VALUES:
            raise UsageError(
                f"{where} holds more than {MAX_VALUES} values (YAML aliases?); not a connector.",
                hint="Give a flat mapping of a few keys.",
            )
        if depth > MAX_DEPTH:
            raise UsageError(f"{where} is nested more than {MAX_DEPTH} levels deep.", hint="Flatten the connector.")
        if isinstance(item, dict):
            pending.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            pending.extend((v, depth + 1) for v in item)
        elif isinstance(item, float) and not math.isfinite(item):
            raise UsageError(f"{where} holds a number JSON cannot carry ({item}).", hint="Give a finite number.")


def _read(path: str) -> bytes:
    try:
        if path == "-":
            data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
        else:
            with Path(path).expanduser().open("rb") as handle:
                data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise UsageError(
            f"--connector-file {path}: cannot read it ({exc.strerror or exc}).", hint="Check the path."
        ) from None
    if len(data) > MAX_FILE_BYTES:
        raise UsageError(f"--connector-file {path} is larger than {MAX_FILE_BYTES // 1024} KiB; not a connector.")
    return data


def load_file(path: str) -> dict[str, Any]:
    """Read a connector from a JSON or YAML file (``-`` is stdin): bare, or wrapped as ``{"connector": {...}}``."""
    data = _read(path)
    name = "stdin" if path == "-" else path
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(f"--connector-file {name} is not UTF-8 text.", hint="Give a JSON or YAML file.") from None
    if "\x00" in text:
        raise UsageError(f"--connector-file {name} is binary, not JSON or YAML.")
    import json

    loaded: Any
    try:
        loaded = json.loads(text, parse_constant=_reject_constant)
    except RecursionError:
        raise UsageError(f"--connector-file {name} is nested too deeply.") from None
    except ValueError:
        loaded = _load_yaml(text, name)
    if isinstance(loaded, dict) and set(loaded) == {"connector"} and isinstance(loaded["connector"], dict):
        loaded = loaded["connector"]
    if not isinstance(loaded, dict):
        kind = "empty" if loaded is None else f"a {type(loaded).__name__}"
        raise UsageError(
            f"--connector-file {name} holds {kind}, not a connector object.",
            hint='Give a mapping such as {"initiator": "iqn...", "host": "node-1"}.',
        )
    for key in loaded:
        if not isinstance(key, str) or not key:
            raise UsageError(f"--connector-file {name} has a key that is not a non-empty string: {key!r}.")
    _check_depth(loaded, f"--connector-file {name}")
    try:
        json.dumps(loaded, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise UsageError(f"--connector-file {name} holds a value JSON cannot carry ({exc}).") from None
    return loaded


def _load_yaml(text: str, name: str) -> Any:
    import yaml  # only when the file is not JSON: the import costs start-up time

    try:
        return yaml.safe_load(text)
    except RecursionError:
        raise UsageError(f"--connector-file {name} is nested too deeply.") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        raise UsageError(f"--connector-file {name} is neither JSON nor YAML{where}.") from None


def build_connector(pairs: Iterable[str] = (), file: str | None = None) -> dict[str, Any] | None:
    """The connector to send, or ``None`` to only reserve. ``KEY=VALUE`` options override the file's keys."""
    merged: dict[str, Any] = load_file(file) if file is not None else {}
    given = list(pairs)
    merged.update(parse_pairs(given))
    if file is None and not given:
        return None
    if not merged:
        raise UsageError(
            "the connector is empty.",
            hint="Leave out --connector and --connector-file to only reserve the volume.",
        )
    return merged
