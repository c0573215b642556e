"""This host's connector, read with os-brick the way Nova reads it for a compute host.

:func:`host_connector` returns what ``os_brick.initiator.connector.get_connector_properties`` returns: ``platform``,
``os_type``, ``ip``, ``host``, ``multipath``, ``enforce_multipath``, ``do_local_attach``, and whichever initiator
identities this host has (``initiator`` for iSCSI, ``nqn`` and friends for NVMe-oF, ``wwpns``/``wwnns`` for FC).

- os-brick is the optional extra ``host`` (``pip install '.[host]'`` in a checkout). It and the eventlet it pulls
  in (~0.3 s of imports) are imported only inside :func:`host_connector`, never by importing this module.
- Privileges: os-brick runs some steps as root (reading the iSCSI initiator file, ``nvme``, ``blkid``). As root
  they run in this process, so no sudo is needed (containers). Otherwise they run in os-brick's privsep helper,
  started with ``root_helper`` (default ``sudo``); if it cannot start, :class:`HostConnectorError` says so.
- As root, os-brick may create ``/etc/nvme`` and write ``/etc/nvme/hostnqn`` and ``/etc/nvme/hostid`` (with
  nvme-cli installed), exactly as it does on a Nova compute host.
- os-brick's log is not shown. What it says about missing initiators becomes a short note (``no iSCSI initiator on
  this host (/etc/iscsi/initiatorname.iscsi missing)``), passed to ``on_note`` (default: ``note: ...`` on stderr).
  With ``debug=True`` its whole log goes to stderr as well. Nothing is ever written to stdout.

The ``ip`` key: by default the local address that the kernel would use to reach ``route_to`` (the block-storage
endpoint), else the address of the default route (IPv4 first, then IPv6); no packet is sent for this. When no
route is found the address is 127.0.0.1, with a note.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from .console import one_line
from .errors import AttachError, UsageError

if TYPE_CHECKING:
    import logging
    from types import ModuleType

# The standard modules used only in a call (logging, socket, ipaddress, shlex, shutil, urllib) are imported there:
# importing this module stays cheap for commands that never read the host's connector.

FALLBACK_IP = "127.0.0.1"

# Only asked of the kernel's routing table (a UDP connect sends nothing): documentation addresses, routed by the
# default route on any host that has one.
_DEFAULT_ROUTE_PROBES = ("203.0.113.1", "2001:db8::1")

# Loggers of os-brick and of the oslo libraries it runs (oslo.log renames "oslo_x" loggers to "oslo.x").
_LOGGERS = (
    "os_brick",
    "oslo_privsep",
    "oslo.privsep",
    "oslo_concurrency",
    "oslo.concurrency",
    "oslo_service",
    "oslo.service",
)

_RUN_AS = "Run it as root, or configure sudo for this user (or give another root helper)."


class HostConnectorError(AttachError):
    """This host's connector could not be read (exit 1)."""


NoteWriter = Callable[[str], None]


def _stderr_note(text: str) -> None:
    sys.stderr.write(f"note: {text}\n")
    sys.stderr.flush()


# --- ip: the local address of a route ---------------------------------------------------------------------


def _route_source(address: str, port: int = 443) -> str | None:
    """The local address the kernel would send from to reach ``address`` (a host name or IP), or None."""
    import ipaddress
    import socket

    try:
        infos = socket.getaddrinfo(address, port, type=socket.SOCK_DGRAM)
    except (OSError, UnicodeError):
        return None
    for family, kind, proto, _name, sockaddr in infos:
        try:
            with socket.socket(family, kind, proto) as probe:
                probe.connect(sockaddr)  # UDP: picks a route and a source address, sends nothing
                local = str(probe.getsockname()[0])
        except OSError:
            continue
        local = local.split("%", 1)[0]  # an IPv6 zone (fe80::1%eth0) means nothing to the storage backend
        if not ipaddress.ip_address(local).is_unspecified:
            return local
    return None


def _split_target(route_to: str) -> tuple[str, int]:
    """Host and port from an endpoint URL (``https://cinder:8776/v3``), ``host:port``, ``[v6]``, or a bare host."""
    import ipaddress
    from urllib.parse import urlsplit

    text = route_to.strip()
    if "://" not in text:
        try:
            ipaddress.ip_address(text.strip("[]"))
            return text.strip("[]"), 443
        except ValueError:
            text = f"//{text}"
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return text, 443
    if port is None:
        port = 80 if parts.scheme == "http" else 443
    return parts.hostname or "", port


def local_ip(route_to: str | None = None, *, on_note: NoteWriter | None = None) -> str:
    """The address this host would use to reach ``route_to`` (a URL or host), else that of its default route.

    Nothing is sent: a UDP socket's connect only asks the routing table. Falls back to 127.0.0.1, with a note.
    """
    note = on_note or _stderr_note
    if route_to:
        host, port = _split_target(route_to)
        found = _route_source(host, port) if host else None
        if found:
            return found
        note(f"no route found to {host or route_to!r}; using the address of the default route")
    for probe in _DEFAULT_ROUTE_PROBES:
        found = _route_source(probe)
        if found:
            return found
    note(f"this host has no default route; the connector's ip is {FALLBACK_IP} (give the host's address to change it)")
    return FALLBACK_IP


# --- os-brick's log: notes, or the whole log with debug ---------------------------------------------------


def _nqn_note(found: re.Match[str]) -> str:
    reason = found[1]
    if "No such file or directory" in reason and "'nvme'" in reason:
        return "no NVMe host NQN on this host (no /etc/nvme/hostnqn, and nvme-cli is not installed)"
    return f"no NVMe host NQN on this host (no /etc/nvme/hostnqn, and none could be made: {reason})"


# (message pattern, the connector key the note is about, the note). A note is shown only if its key is missing
# from the result; the last finding for a key wins.
_RULES: tuple[tuple[re.Pattern[str], str, Callable[[re.Match[str]], str]], ...] = (
    (
        re.compile(r"Could not find the iSCSI Initiator File (\S+)"),
        "initiator",
        lambda m: f"no iSCSI initiator on this host ({m[1]} missing)",
    ),
    (
        re.compile(r"nvme not present on system"),
        "nqn",
        lambda m: "no NVMe host NQN on this host (nvme-cli is not installed)",
    ),
    (re.compile(r"Could not generate host nqn: (.*)", re.DOTALL), "nqn", _nqn_note),
    (
        re.compile(r"Could not read attributes for (\S+): (.*)", re.DOTALL),
        "wwpns",
        lambda m: f"could not read the Fibre Channel HBA {m[1]} ({m[2]})",
    ),
)

# Said when a key is missing and os-brick logged nothing we know about it.
_MISSING = (
    ("initiator", "no iSCSI initiator on this host"),
    ("nqn", "no NVMe host NQN on this host"),
    ("wwpns", "no Fibre Channel HBAs on this host (none in /sys/class/fc_host)"),
)

_HELPER_OUTPUT = re.compile(r"privsep log: (.*)", re.DOTALL)


class _BrickLog:
    """What os-brick logged during one call: findings for notes and the privsep helper's stderr; with debug,
    every record is also written to stderr."""

    def __init__(self, debug: bool) -> None:
        self.debug = debug
        self.findings: dict[str, str] = {}
        self.helper_output: list[str] = []

    def take(self, record: logging.LogRecord) -> None:
        try:
            text = record.getMessage()
        except (TypeError, ValueError):
            text = str(record.msg)
        if self.debug:
            sys.stderr.write(f"debug: os-brick {record.levelname} {record.name}: {text}\n")
        output = _HELPER_OUTPUT.match(text)
        if output:
            self.helper_output.append(" ".join(output[1].split()))
            return
        for pattern, key, render in _RULES:
            found = pattern.search(text)
            if found:
                self.findings[key] = " ".join(render(found).split())
                return

    def notes(self, props: Mapping[str, Any]) -> list[str]:
        """One note per initiator identity the host lacks, with os-brick's reason where it gave one."""
        if props.get("os_type") != "linux":
            return [text for key, text in self.findings.items() if key not in props]
        return [self.findings.get(key, default) for key, default in _MISSING if key not in props]


@contextmanager
def _quiet_warnings() -> Iterator[None]:
    """Hide the warnings os-brick's dependencies give about themselves, for our users cannot act on them:
    eventlet's EventletDeprecationWarning (on every import) and its "Using fork() is a bad idea", oslo's
    deprecations of its eventlet helpers."""
    import warnings

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"\s*Eventlet is deprecated")
        warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"(eventlet|oslo_\w+|os_brick)(\.|$)")
        yield


@contextmanager
def _captured_log(sink: _BrickLog) -> Iterator[None]:
    """Route os-brick's loggers to ``sink`` only (not to the root logger, not to logging's last resort)."""
    import logging

    class Handler(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            sink.take(record)

    handler = Handler(logging.DEBUG)
    saved = []
    for name in _LOGGERS:
        logger = logging.getLogger(name)
        saved.append((logger, logger.level, logger.propagate))
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG)
        logger.propagate = False
    try:
        yield
    finally:
        for logger, level, propagate in saved:
            logger.removeHandler(handler)
            logger.setLevel(level)
            logger.propagate = propagate


# --- os-brick itself ------------------------------------------------------------------------------------------


def install_command() -> str:
    """The ``host`` extra for this attach's environment: from a checkout (it is on no index), with this pip."""
    import shlex

    return f"{shlex.quote(sys.executable)} -m pip install '.[host]'"


def _import_os_brick() -> tuple[ModuleType, ModuleType]:
    """os-brick's connector and privileged modules, or the usage error that says how to install them."""
    try:
        from os_brick import privileged
        from os_brick.initiator import connector
    except ImportError as exc:
        missing = exc.name or "os_brick"
        what = (
            "os-brick, which is not installed"
            if missing.split(".")[0] == "os_brick"
            else f"os-brick, which cannot be imported ({exc})"
        )
        raise UsageError(
            f"reading this host's connector needs {what}.",
            hint=f"Install it in a cinder-attach checkout with: {install_command()}",
        ) from exc
    return connector, privileged


def _helper_command(root_helper: list[str]) -> str:
    """``sudo …/privsep-helper``: the helper beside this Python (sudo's own PATH does not have a virtualenv's)."""
    import shlex
    import shutil
    from pathlib import Path

    beside = Path(sys.executable).parent / "privsep-helper"
    helper = str(beside) if beside.is_file() else (shutil.which("privsep-helper") or "privsep-helper")
    return shlex.join([*root_helper, helper])


def _set_helper_command(section: str, command: str) -> None:
    from oslo_config import cfg

    cfg.CONF.set_override("helper_command", command, group=section)


def _contexts(privileged: ModuleType) -> list[Any]:
    names = ("default", "brick_privsep_hide_output")
    return [getattr(privileged, name) for name in names if getattr(privileged, name, None) is not None]


def _use_privileges(privileged: ModuleType, as_root: bool, root_helper: str) -> None:
    """As root: run os-brick's privileged steps in this process. Otherwise: start its privsep helper now, with
    ``root_helper``, so that a helper that cannot start is one clear error (os-brick would log and go on)."""
    import shlex
    import shutil

    contexts = _contexts(privileged)
    if as_root:
        for context in contexts:
            context.set_client_mode(False)
        return
    try:
        prefix = shlex.split(root_helper)
    except ValueError as exc:
        raise UsageError(f"the root helper {root_helper!r} cannot be parsed ({exc}).") from exc
    if not prefix:
        raise HostConnectorError(
            "cannot read this host's connector as a non-root user without a root helper.", hint=_RUN_AS
        )
    if shutil.which(prefix[0]) is None:
        raise HostConnectorError(
            f"cannot read this host's connector (iSCSI initiator, NVMe NQN, FC WWPNs): os-brick needs root for "
            f"part of it, and the root helper {prefix[0]!r} was not found.",
            hint=_RUN_AS,
        )
    command = _helper_command(prefix)
    for context in contexts:
        context.set_client_mode(True)
    if contexts:
        _set_helper_command(contexts[0].cfg_section, command)
        contexts[0].start()


def _one_line(exc: BaseException) -> str:
    return one_line(exc).rstrip(".") or type(exc).__name__


def _helper_failure(exc: BaseException, handler: _BrickLog, root_helper: str) -> HostConnectorError:
    import time

    time.sleep(0.05)  # the helper's stderr is logged by a thread of oslo.privsep; give it a moment
    said = "; ".join(line for line in handler.helper_output if line)
    detail = said or _one_line(exc)
    return HostConnectorError(
        f"cannot read this host's connector (iSCSI initiator, NVMe NQN, FC WWPNs): os-brick's privileged helper "
        f"did not start with root helper {root_helper!r} ({detail}).",
        hint=_RUN_AS,
    )


def _checked_ip(text: str) -> str:
    import ipaddress

    try:
        return str(ipaddress.ip_address(text.strip().strip("[]")))
    except ValueError:
        raise UsageError(
            f"the host IP {text!r} is not an IPv4 or IPv6 address.", hint="Give it as e.g. 192.0.2.10."
        ) from None


def host_connector(
    *,
    host_ip: str | None = None,
    multipath: bool = False,
    enforce_multipath: bool = False,
    host: str | None = None,
    root_helper: str = "sudo",
    debug: bool = False,
    route_to: str | None = None,
    on_note: NoteWriter | None = None,
) -> dict[str, Any]:
    """This host's connector, as os-brick's ``get_connector_properties`` makes it for Nova.

    ``host_ip`` is the connector's ``ip`` (default: :func:`local_ip` of ``route_to``, the block-storage endpoint
    URL or host). ``host`` defaults to this host's name. ``on_note`` gets each short note (default: stderr).

    Raises :class:`UsageError` (exit 2) without os-brick, :class:`HostConnectorError` (exit 1) when it fails.
    """
    note = on_note or _stderr_note
    host_ip = _checked_ip(host_ip) if host_ip is not None else None
    handler = _BrickLog(debug)
    with _quiet_warnings(), _captured_log(handler):
        connector, privileged = _import_os_brick()
        ip = host_ip or local_ip(route_to, on_note=note)
        as_root = os.geteuid() == 0
        try:
            _use_privileges(privileged, as_root, root_helper)
        except AttachError:
            raise
        except Exception as exc:  # FileNotFoundError, PermissionError, FailedToDropPrivileges, ...
            raise _helper_failure(exc, handler, root_helper) from exc
        try:
            props = connector.get_connector_properties(root_helper, ip, multipath, enforce_multipath, host=host)
        except Exception as exc:
            if not as_root and isinstance(exc, OSError):
                raise _helper_failure(exc, handler, root_helper) from exc
            raise HostConnectorError(
                f"os-brick could not read this host's connector: {type(exc).__name__}: {_one_line(exc)}.",
                hint="Run with --debug for os-brick's log.",
            ) from exc
    result = dict(props)
    for text in handler.notes(result):
        note(text)
    return result
