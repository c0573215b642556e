"""Build the connector object from ``--connector KEY=VALUE`` options and ``--connector-file``, typed by the spec.

The connector describes the host that will connect to the volume (initiator, ip, host, multipath, ...).
Its keys are free-form: the backend driver decides which it needs. The keys os-brick sends are declared
in the spec's ``Connector`` schema with their types, and a driver reads them as such (``multipath`` is
tested for truth, so the string "false" would mean true; ``os_type`` and ``host`` are compared as
strings). Those types are read from the generated model, never restated here:

* a string key keeps the text exactly as given (``os_type=123`` sends ``"123"``);
* a boolean key takes ``true`` or ``false``, in any case; anything else is a usage error;
* a list-of-strings key takes ``a,b,c`` or a JSON array of strings;
* any other key keeps the generic rule: JSON if the text parses as JSON, else the text.

A file (and a Python caller's dict) is already typed, so there a declared key must hold its type:
``"multipath": "yes"`` or ``"os_type": 123`` is a usage error naming the key, never converted.
"""

from __future__ import annotations

import functools
import math
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Literal

from .errors import UsageError

# A real connector is well under a kilobyte; anything this large is a mistake (or an attack).
MAX_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 32
# Values (scalars and containers) in one connector, counted as sent: far above any real one.
MAX_VALUES = 10_000

Kind = Literal["string", "boolean", "list"]
# How each kind is named in messages, and how to write it in a file (or in Python).
KIND_NAMES: dict[Kind, str] = {"string": "a string", "boolean": "a boolean", "list": "a list of strings"}
FILE_HINTS: dict[Kind, str] = {
    "string": 'Give it as a string: quote it in JSON or YAML ("{key}": "123").',
    "boolean": 'Give true or false, unquoted ("{key}": false).',
    "list": 'Give a list of strings ("{key}": ["a", "b"]).',
}
BOOLEANS = {"true": True, "false": False}


class _Marker:
    """A stand-in value that shows under which JSON key a generated attribute is sent."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name


@functools.cache
def declared_keys() -> dict[str, Kind]:
    """Each connector key the spec declares, with its kind, read from the generated ``Connector`` model.

    The model has one annotated attribute per declared key, but the generator mangles names (the key
    ``system uuid`` is the attribute ``system_uuid``), so the key is read back from ``to_dict()`` of a
    model that holds a marker in every attribute. A type this module cannot check is left free-form.
    """
    import typing

    import attrs

    from cinder_attach_client.models import Connector

    hints = typing.get_type_hints(Connector)
    markers: dict[str, Any] = {f.name: _Marker(f.name) for f in attrs.fields(Connector) if f.init}
    sent = Connector(**markers).to_dict()
    kinds: dict[str, Kind] = {}
    for key, value in sent.items():
        if isinstance(value, _Marker) and (kind := _kind(hints[value.name])) is not None:
            kinds[key] = kind
    return kinds


def _kind(hint: Any) -> Kind | None:
    import typing

    from cinder_attach_client.types import Unset

    args = [arg for arg in typing.get_args(hint) if arg is not Unset] or [hint]
    if len(args) != 1:
        return None
    (arg,) = args
    if arg is str:
        return "string"
    if arg is bool:
        return "boolean"
    if typing.get_origin(arg) is list and typing.get_args(arg) == (str,):
        return "list"
    return None


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    return "an object" if isinstance(value, Mapping) else type(value).__name__


def _holds(kind: Kind, value: Any) -> bool:
    if kind == "string":
        return isinstance(value, str)
    if kind == "boolean":
        return isinstance(value, bool)
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _shown(value: Any) -> str:
    import json

    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def check_types(connector: Mapping[str, Any], where: str) -> None:
    """Raise a usage error naming the first declared key whose value is not of its declared type."""
    kinds = declared_keys()
    for key, value in connector.items():
        kind = kinds.get(key)
        if kind is not None and not _holds(kind, value):
            raise UsageError(
                f"{where}: {key!r} is {_shown(value)} ({_json_type(value)}), but it must be {KIND_NAMES[kind]}.",
                hint=FILE_HINTS[kind].format(key=key),
            )


def _reject_constant(name: str) -> Any:
    raise ValueError(name)  # NaN and Infinity are not JSON; keep them as bare strings


def parse_value(text: str) -> Any:
    """A JSON literal when the text is one (``false``, ``3260``, ``{"a": 1}``, ``"x"``), else the text."""
    import json  # here, not at the top: `attach --help` needs no json

    try:
        return json.loads(text, parse_constant=_reject_constant)
    except (ValueError, RecursionError):
        return text


def typed_value(key: str, raw: str, option: str = "--connector") -> Any:
    """The value of ``KEY=raw`` as the spec types the key (see the module's docstring)."""
    kind = declared_keys().get(key)
    if kind == "string":
        return raw
    if kind == "boolean":
        if raw.strip().lower() not in BOOLEANS:
            raise UsageError(
                f"{option} {key}={raw!r}: {key} is a boolean, so the value must be true or false.",
                hint=f"Write {key}=true or {key}=false.",
            )
        return BOOLEANS[raw.strip().lower()]
    if kind == "list":
        return _string_list(key, raw, option)
    return parse_value(raw)


def _string_list(key: str, raw: str, option: str) -> list[str]:
    hint = f'Write {key}=a,b or {key}=\'["a", "b"]\'.'
    text = raw.strip()
    if text.startswith("["):
        value = parse_value(text)
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            return value
        raise UsageError(f"{option} {key}={raw!r} is not a JSON array of strings; {key} is a list.", hint=hint)
    items = [item.strip() for item in text.split(",")]
    if not all(items):
        what = "is empty" if not text else "has an empty item"
        raise UsageError(f"{option} {key}={raw!r} {what}; {key} is a list of strings.", hint=hint)
    return items


def parse_pairs(items: Iterable[str], option: str = "--connector") -> dict[str, Any]:
    """Parse repeated ``KEY=VALUE`` options, splitting on the first ``=``; each value typed by its key."""
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
        value = typed_value(key, raw, option)
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
    """Read a connector from a file (``-`` is stdin): bare, or wrapped as ``{"connector": {...}}``.

    A name ending in ``.json`` is strict JSON: YAML would read ``{"host": node-1}``, ``False`` or a trailing comma
    as something, and send it. Any other file, and stdin, is JSON or else YAML."""
    data = _read(path)
    name = "stdin" if path == "-" else path
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(f"--connector-file {name} is not UTF-8 text.", hint="Give a JSON or YAML file.") from None
    if "\x00" in text:
        raise UsageError(f"--connector-file {name} is binary, not JSON or YAML.")
    if not text.strip():
        raise UsageError(f"--connector-file {name} is empty.", hint=_MAPPING_HINT)
    import json

    loaded: Any
    try:
        loaded = json.loads(text, parse_constant=_reject_constant)
    except RecursionError:
        raise UsageError(f"--connector-file {name} is nested too deeply.") from None
    except json.JSONDecodeError as exc:
        if path.lower().endswith(".json"):
            raise _not_json(name, exc) from None
        loaded = _load_yaml(text, name)
    except ValueError as exc:  # NaN or Infinity
        if path.lower().endswith(".json"):
            raise UsageError(f"--connector-file {name} holds {exc}, which is not JSON.", hint=_JSON_HINT) from None
        loaded = _load_yaml(text, name)
    if isinstance(loaded, dict) and set(loaded) == {"connector"} and isinstance(loaded["connector"], dict):
        loaded = loaded["connector"]
    if not isinstance(loaded, dict):
        kind = "no value (only comments, or null)" if loaded is None else f"a {type(loaded).__name__}"
        raise UsageError(f"--connector-file {name} holds {kind}, not a connector object.", hint=_MAPPING_HINT)
    for key in loaded:
        if not isinstance(key, str) or not key:
            raise UsageError(f"--connector-file {name} has a key that is not a non-empty string: {key!r}.")
    _check_depth(loaded, f"--connector-file {name}")
    try:
        json.dumps(loaded, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise UsageError(f"--connector-file {name} holds a value JSON cannot carry ({exc}).") from None
    check_types(loaded, f"--connector-file {name}")
    return loaded


_MAPPING_HINT = 'Give a mapping such as {"initiator": "iqn...", "host": "node-1"}.'
_JSON_HINT = "Fix the JSON (strings in double quotes, true/false/null, no trailing comma), or name it .yaml."


def _not_json(name: str, exc: Any) -> UsageError:
    """Strict JSON's error, with its line and column, worded for a file."""
    return UsageError(
        f"--connector-file {name} is not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}.",
        hint=_JSON_HINT,
    )


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


def build_connector(
    pairs: Iterable[str] = (), file: str | None = None, *, host: Mapping[str, Any] | None = None
) -> dict[str, Any] | None:
    """The connector to send, or ``None`` to only reserve.

    Three sources, later ones winning key by key: this host's connector (``--connector-from-host``),
    then the file's keys, then the ``KEY=VALUE`` options. Each is typed the same way.
    """
    merged: dict[str, Any] = {}
    if host is not None:
        check_types(host, "this host's connector")
        merged.update(host)
    if file is not None:
        merged.update(load_file(file))
    given = list(pairs)
    merged.update(parse_pairs(given))
    if host is None and file is None and not given:
        return None
    if not merged:
        raise UsageError(
            "the connector is empty.",
            hint="Leave out --connector and --connector-file to only reserve the volume.",
        )
    return merged
