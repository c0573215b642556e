"""The one place that turns failures into a line for the user and an exit code.

Every failure the CLI can meet becomes an :class:`AttachError` with a message that names the problem and,
where there is one, the fix. ``main()`` prints ``Error: <message>`` and exits with ``exit_code``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

# Exit codes, documented in the README and in `attach --help`.
EXIT_OK = 0
EXIT_FAILURE = 1  # the API or the network said no, or the run failed part-way
EXIT_USAGE = 2  # bad options or configuration: nothing was sent
EXIT_INTERRUPTED = 130

# Keys whose values are secrets wherever they appear (connection_info, --debug bodies, config dumps).
_SECRET_KEY = re.compile(r"password|secret|key|token|credential", re.IGNORECASE)
_NOT_SECRET = {"encryption_key_id", "key_manager", "keymgr"}


def is_secret_key(name: str) -> bool:
    """Whether a mapping key looks like it holds a secret (CHAP passwords, keys, tokens)."""
    return bool(_SECRET_KEY.search(name)) and name.lower() not in _NOT_SECRET


class DryRunDone(Exception):
    """The dry run has shown its request; the command stops here with exit 0."""


class AttachError(Exception):
    """A failure with a user-facing one-line message."""

    exit_code = EXIT_FAILURE

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} {self.hint}" if self.hint else self.message


class UsageError(AttachError):
    """The command line is wrong; nothing was sent."""

    exit_code = EXIT_USAGE


class ConfigError(AttachError):
    """The cloud configuration is missing or unusable; nothing was sent."""

    exit_code = EXIT_USAGE


class AuthError(AttachError):
    """Keystone or Cinder refused the credentials."""


class TransportError(AttachError):
    """The request could not be delivered, or its answer could not be read."""


class APIError(AttachError):
    """Cinder answered with an error status."""

    def __init__(
        self,
        message: str,
        *,
        status: int,
        fault: str | None = None,
        request_id: str | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message, hint=hint)
        self.status = status
        self.fault = fault
        self.request_id = request_id

    def __str__(self) -> str:
        where = f"HTTP {self.status}"
        if self.fault:
            where += f" {self.fault}"
        if self.request_id:
            where += f", request-id {self.request_id}"
        text = f"{self.message} ({where})"
        return f"{text} {self.hint}" if self.hint else text


_VERSION_RANGE = re.compile(r"Minimum is (\d+\.\d+) and maximum is (\d+\.\d+)")
_STATUS_CONFLICT = re.compile(r"status must be ([\w -]+?) to reserve", re.IGNORECASE)
_NO_INITIATOR = re.compile(r"Connector doesn't have required information: (\w+)")
_TAGS = re.compile(r"<[^>]+>")


def _version_tuple(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(".") if part.isdigit())


def _one_line(text: str, limit: int = 200) -> str:
    text = " ".join(_TAGS.sub(" ", text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def parse_fault(body: bytes) -> tuple[str | None, str | None]:
    """Return (fault name, message) from a Cinder or keystonemiddleware error body, if it has one."""
    import json

    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        return None, None
    if not isinstance(data, Mapping) or len(data) != 1:
        return None, None
    ((name, detail),) = data.items()
    if not isinstance(detail, Mapping):
        return None, None
    message = detail.get("message")
    if name == "error":  # keystonemiddleware: {"error": {"code", "title", "message"}}
        name = str(detail.get("title") or "Unauthorized")
    return str(name), (str(message) if message is not None else None)


def api_error(
    status: int,
    headers: Mapping[str, str],
    body: bytes,
    *,
    command: str,
    microversion: str | None = None,
) -> AttachError:
    """Map one error answer from Cinder to the error the user sees, with a fix where we know one."""
    request_id = headers.get("x-openstack-request-id") or headers.get("x-compute-request-id")
    fault, message = parse_fault(body)
    if message is None:
        snippet = _one_line(body.decode("utf-8", "replace")) if body else ""
        message = f"Cinder answered HTTP {status} with no error details" + (f": {snippet}" if snippet else "")
        if status in (502, 503, 504):
            message = f"a proxy or load balancer in front of Cinder answered HTTP {status}" + (
                f": {snippet}" if snippet else ""
            )
    hint: str | None = None
    if status == 401:
        return AuthError(
            f"Cinder refused the token: {message} (HTTP 401, request-id {request_id or 'none'})",
            hint="Check the credentials in your cloud configuration, or run with --no-cache.",
        )
    if status == 406:
        found = _VERSION_RANGE.search(message)
        if found:
            low, high = found.groups()
            hint = (
                f"The cloud supports block-storage microversions {low} to {high}; "
                f"{command} needs {microversion or 'a newer one'}."
            )
            if microversion and _version_tuple(high) >= (3, 27) and command.startswith("create"):
                hint += " Use `attach create327` (no --mode) on this cloud."
            elif microversion and _version_tuple(high) < (3, 27):
                hint += " This cloud has no attachments API (it needs 3.27)."
    elif status == 404 and message == "The resource could not be found." and microversion:
        hint = f"The endpoint has no attachments API at {microversion}; is it a block-storage v3 endpoint?"
    elif status == 400 and (conflict := _STATUS_CONFLICT.search(message)):
        if "in-use" in conflict.group(1):  # a multiattach volume: only a pending attachment blocks it
            hint = (
                "Another attachment of this volume is still reserved or attaching; Cinder takes a new one only "
                "after that one is completed (`attach complete`) or deleted."
            )
        else:
            hint = (
                "The volume is already reserved or attached. To attach it to more than one instance it must be "
                'a multiattach volume (a volume type with multiattach="<is> True").'
            )
    elif status == 403:
        hint = "The cloud's policy does not allow this for your user or project."
    elif status == 413:
        hint = "The request was too large or over a rate limit or quota; wait and retry, or ask the operator."
    elif status == 500:
        missing = _NO_INITIATOR.search(message)
        if missing:
            hint = f"The backend needs the connector key '{missing.group(1)}', e.g. --connector {missing.group(1)}=…"
        elif command == "delete":
            hint = (
                "Deleting a connected attachment makes Cinder ask Nova whether the instance still uses it; that "
                "failed. With no Nova (or to skip the check) give a service token: --os-service-token or "
                "--os-service-cloud (see `attach delete --help`)."
            )
    return APIError(message, status=status, fault=fault, request_id=request_id, hint=hint)


def redact(value: Any) -> Any:
    """Copy a JSON-like value with every secret-looking key's value replaced by ``***``."""
    if isinstance(value, Mapping):
        return {k: ("***" if is_secret_key(str(k)) and v not in (None, "") else redact(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [redact(v) for v in value]
    return value
