"""The CLI's own words for what the library reports: advice that names a flag or a command.

The library says what went wrong in terms a Python caller can act on (``cacert``, ``timeout``) and gives
each such error or log record a ``reason``. Here, and only here, the CLI turns a reason into the advice
it has always printed (``--os-cacert``, ``--timeout``, ``attach cache clear``). A new fault whose fix
is a flag: give it a reason in the library, and its wording here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import logging

    from .errors import AttachError

# reason -> the hint that replaces the library's own (formatted with the error's details).
HINTS = {
    "token_refused": "Check the credentials in your cloud configuration, or run with --no-cache.",
    "connector_key_missing": "The backend needs the connector key '{key}', e.g. --connector {key}=…",
    "connect_timeout": "Is the endpoint reachable? Raise --timeout if slow.",
    "noauth_needs_token": "A noauth Cinder needs --os-token <user>:<project_id>.",
    "tls_untrusted": "Give the CA bundle with --os-cacert (or cacert in clouds.yaml); --insecure skips the check.",
    "tls_files": "Check --os-cacert, --os-cert and --os-key.",
    "domain_missing": (
        "Add --os-user-domain-name and --os-project-domain-name (e.g. Default), or set them in clouds.yaml."
    ),
    "no_catalog_endpoint": (
        "Try --os-interface internal/admin or --os-region-name, or set block_storage_endpoint_override."
    ),
    "config_missing": (
        "Name a cloud from clouds.yaml with --os-cloud NAME (or OS_CLOUD), or set OS_AUTH_URL, "
        "OS_USERNAME, OS_PASSWORD, OS_PROJECT_NAME and friends. Searched {searched}."
    ),
    "brick_failed": "Run with --debug for os-brick's log.",
    "volume_busy": (
        "The volume is {volume_state}, which ends by itself: retry once it is available, or with --wait SECONDS."
    ),
    "local_kept": (
        "Check the device, then finish with: attach local-detach {volume_id} --attachment {attachment_id} --force"
    ),
    "local_delete_failed": "Delete it with: attach delete {attachment_id}",
    "local_disconnect_failed": (
        "Retry, or give --force (os-brick then drops unflushed data and ignores the errors it can)."
    ),
    "nova_owns_attachment": "Nova uses this attachment: detach it with `openstack server remove volume SERVER VOLUME`.",
}
# reason -> the message that replaces the library's, where the message itself names a setting's flag.
MESSAGES = {
    "config_missing": "no usable cloud configuration: {flags} missing.",
    "endpoint_not_http": "--os-endpoint {endpoint!r} is not an http(s) URL.",
    "bad_status": "--status {status!r} is not an attachment status.",
    "needs_admin": "--all-projects and --project need an admin: you would prune only your own project.",
}
# reason -> the whole stderr line for a log record (formatted with the record's attributes).
LOG_LINES = {
    "insecure": "Warning: TLS certificate verification is off (--insecure or verify: false); this is unsafe.",
    "cache_entry_open": (
        "Warning: ignoring the token cache entry {path}: it is readable by others (run `attach cache clear`)."
    ),
    "attachment_missing": "note: attachment {attachment_id} was already gone (--ignore-missing).",
    "attachment_none": (
        "note: no attachment of volume {volume_id} is for instance {instance_id} (--ignore-missing); nothing deleted."
    ),
    "prune_dry_run": "Dry run: {counts}; nothing deleted (--apply deletes the prune rows).",
    "prune_applied": "{counts}: {done}.",
    "volume_looked_up": "Note: --dry-run still looked up the volume name (one GET): {volume_name!r} is {volume_id}.",
}


def _flags(names: Any) -> str:
    return ", ".join("--os-" + str(name).replace("_", "-") for name in names)


def for_cli(exc: AttachError) -> AttachError:
    """``exc`` with the CLI's wording for its reason (its own first hint and, for some, its message)."""
    reason = exc.reason
    if reason is None:
        return exc
    details = {**exc.details, "flags": _flags(exc.details.get("missing", ()))}
    if reason in MESSAGES:
        exc.message = MESSAGES[reason].format(**details)
        exc.args = (exc.message,)
    if reason in HINTS:
        text = HINTS[reason].format(**details)
        exc.hints[:1] = [text]
    return exc


def log_line_for(record: logging.LogRecord) -> str | None:
    """The CLI's line for a log record with a reason it words itself, else None."""
    line = LOG_LINES.get(getattr(record, "reason", None) or "")
    return line.format(**vars(record)) if line is not None else None
