"""What os-brick logs while it reads the connector: short notes about missing initiators, and its whole
log for ``--debug``.

os-brick's loggers (and those of the oslo libraries it runs) are routed to one sink during a call, not to
the root logger: what they say about a missing initiator becomes a short note, the privsep helper's
stderr is kept for an error message, and with ``debug`` every record is passed on as a debug record of
this package's logger.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

logger = logging.getLogger(__name__)

# Loggers of os-brick and of the oslo libraries it runs (oslo.log renames "oslo_x" loggers to "oslo.x").
LOGGERS = (
    "os_brick",
    "oslo_privsep",
    "oslo.privsep",
    "oslo_concurrency",
    "oslo.concurrency",
    "oslo_service",
    "oslo.service",
)


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


class BrickLog:
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
            logger.debug("os-brick %s %s: %s", record.levelname, record.name, text)
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
def quiet_warnings() -> Iterator[None]:
    """Hide the warnings os-brick's dependencies give about themselves, for our users cannot act on them:
    eventlet's EventletDeprecationWarning (on every import) and its "Using fork() is a bad idea", oslo's
    deprecations of its eventlet helpers."""
    import warnings

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"\s*Eventlet is deprecated")
        warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"(eventlet|oslo_\w+|os_brick)(\.|$)")
        yield


@contextmanager
def captured_log(sink: BrickLog) -> Iterator[None]:
    """Route os-brick's loggers to ``sink`` only (not to the root logger, not to logging's last resort)."""
    class Handler(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            sink.take(record)

    handler = Handler(logging.DEBUG)
    saved = []
    for name in LOGGERS:
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
