"""This host's connector, read with os-brick the way Nova reads it for a compute host.

:func:`host_connector` returns what ``os_brick.initiator.connector.get_connector_properties`` returns: ``platform``,
``os_type``, ``ip``, ``host``, ``multipath``, ``enforce_multipath``, ``do_local_attach``, and whichever initiator
identities this host has (``initiator`` for iSCSI, ``nqn`` and friends for NVMe-oF, ``wwpns``/``wwnns`` for FC).

- os-brick is the optional extra ``host`` (``pip install '.[host]'`` in a checkout). It and the eventlet it pulls
  in (heavy imports) are imported only inside :func:`host_connector`, never by importing this module.
- Privileges: os-brick runs some steps as root (reading the iSCSI initiator file, ``nvme``, ``blkid``). As root
  they run in this process, so no sudo is needed (containers). Otherwise they run in os-brick's privsep helper,
  started with ``root_helper`` (default ``sudo``); if it cannot start, :class:`HostConnectorError` says so.
- As root, os-brick may create ``/etc/nvme`` and write ``/etc/nvme/hostnqn`` and ``/etc/nvme/hostid`` (with
  nvme-cli installed), exactly as it does on a Nova compute host.
- os-brick's log is not shown (:mod:`~cinder_attach.brick_log`). What it says about missing initiators becomes a
  short note (``no iSCSI initiator on this host (/etc/iscsi/initiatorname.iscsi missing)``), passed to ``on_note``
  (default: logged at INFO, which the CLI shows as ``note: ...`` on stderr). With ``debug=True`` its whole log is
  logged at DEBUG as well. Nothing is ever written to stdout or stderr here.

The ``ip`` key: see :mod:`~cinder_attach.host_ip`.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

from .errors import AttachError, UsageError, one_line
from .host_ip import NoteWriter, local_ip, log_note

if TYPE_CHECKING:
    from types import ModuleType

    from .brick_log import BrickLog

# The standard modules used only in a call (logging, socket, ipaddress, shlex, shutil, urllib) are imported there,
# and so is brick_log: importing this module stays cheap for commands that never read the host's connector.

_RUN_AS = "Run it as root, or configure sudo for this user (or give another root helper)."


class HostConnectorError(AttachError):
    """This host's connector could not be read (exit 1)."""


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


def _helper_failure(exc: BaseException, handler: BrickLog, root_helper: str) -> HostConnectorError:
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
    URL or host). ``host`` defaults to this host's name. ``on_note`` gets each short note (default: the log, INFO).

    Raises :class:`UsageError` (exit 2) without os-brick, :class:`HostConnectorError` (exit 1) when it fails.
    """
    from .brick_log import BrickLog, captured_log, quiet_warnings

    note = on_note or log_note
    host_ip = _checked_ip(host_ip) if host_ip is not None else None
    handler = BrickLog(debug)
    with quiet_warnings(), captured_log(handler):
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
                hint="os-brick's log (debug=True) says more.",
                reason="brick_failed",
            ) from exc
    result = dict(props)
    for text in handler.notes(result):
        note(text)
    return result
