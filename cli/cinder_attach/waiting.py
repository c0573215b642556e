"""Waiting for a busy volume: read it until an attachment can be reserved, so that the create goes once.

Right after ``openstack volume create`` a volume is ``creating``; while it is detached, extended or backed
up it is ``detaching``, ``extending``, ``backing-up``. Cinder refuses to reserve it then (400 "status must
be available or … to reserve, but the current status is creating"), and tools (glance_store, CSI drivers)
retry that refusal with backoff. Here the volume itself is read instead (``GET /volumes/{id}``, which
changes nothing), with growing pauses, until Cinder would reserve it: ``available`` or ``downloading``,
and ``in-use`` too for a multiattach volume, as Cinder's own reserve checks.

Only a status that ends by itself is waited for (:data:`TRANSIENT`; for a multiattach volume also
``reserved`` and ``attaching``, which end in ``in-use``). Any other (``in-use`` on a volume that is not
multiattach, ``error``, ``error_*``, ``awaiting-transfer``, …) ends the wait at once, as the deadline does.
Each pause is logged (INFO, reason ``volume_wait``, ``terminal_only``: the CLI shows it only on a terminal).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any, Protocol

from .errors import VolumeNotReady

logger = logging.getLogger(__name__)

RESERVABLE = frozenset({"available", "downloading"})
# Statuses a volume leaves by itself, for one Cinder may reserve: worth a wait (faults words the 400 with it).
TRANSIENT = frozenset(
    {"creating", "detaching", "extending", "retyping", "backing-up", "restoring-backup", "uploading",
     "maintenance", "reverting", "migrating"}
)  # fmt: skip
RESERVABLE_MULTIATTACH = RESERVABLE | {"in-use"}
FIRST_PAUSE = 0.5  # seconds; each pause is GROWTH times the last, at most MAX_PAUSE
GROWTH = 1.6
MAX_PAUSE = 5.0


class VolumeLike(Protocol):
    """What the wait reads of a volume (the generated VolumeDetail has both)."""

    @property
    def status(self) -> str: ...

    @property
    def multiattach(self) -> Any: ...


def reservable(volume: VolumeLike) -> bool:
    """Whether Cinder would reserve the volume for a new attachment now."""
    allowed = RESERVABLE_MULTIATTACH if volume.multiattach is True else RESERVABLE
    return volume.status in allowed


def ends_by_itself(volume: VolumeLike) -> bool:
    """Whether the volume's status is one it leaves by itself, for one Cinder may reserve (worth a wait)."""
    pending = volume.multiattach is True and volume.status in ("reserved", "attaching")  # then in-use
    return volume.status in TRANSIENT or pending


def wait_until_reservable(
    read: Callable[[], VolumeLike],
    volume_id: str,
    seconds: float,
    *,
    sleep: Callable[[float], object] | None = None,
    clock: Callable[[], float] | None = None,
) -> VolumeLike:
    """Read the volume (``read()``) until it can be reserved, for at most ``seconds``; return the last read.

    Raises :class:`~cinder_attach.errors.VolumeNotReady` (``status`` set, nothing was created) for a status
    that does not end by itself (reason ``volume_not_ready``), or when the time is up (``volume_wait_timeout``);
    errors of ``read`` itself (a missing volume's 404) propagate.
    """
    sleep = sleep or time.sleep
    clock = clock or time.monotonic
    deadline = clock() + seconds
    pause = FIRST_PAUSE
    while True:
        volume = read()
        status = str(volume.status)
        if reservable(volume):
            return volume
        if not ends_by_itself(volume):
            what = f"{status} and not multiattach" if status == "in-use" else status
            raise VolumeNotReady(
                f"volume {volume_id} is {what}: Cinder will not reserve it, and that does not end by itself; "
                "nothing was created.",
                status=status,
            )
        left = deadline - clock()
        if left <= 0:
            raise VolumeNotReady(
                f"volume {volume_id} is still {status} after waiting {seconds:g} s; nothing was created.",
                status=status,
                reason="volume_wait_timeout",
            )
        pause = min(pause, left)
        logger.info(
            "volume %s is %s; reading it again in %.1f s (%.0f s left).",
            volume_id,
            status,
            pause,
            left,
            extra={"reason": "volume_wait", "terminal_only": True, "volume_id": volume_id, "status": status},
        )
        sleep(pause)
        pause = min(pause * GROWTH, MAX_PAUSE)
