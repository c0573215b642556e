"""The local-attach state: which attachments this host connected, and what os-brick needs to disconnect them.

Why: ``disconnect_volume`` takes the ``device_info`` that ``connect_volume`` returned, and a detach by volume must
find the attachment this host made. One JSON file per attachment, ``<dir>/<attachment_id>.json``, in a directory
only its owner can enter (0700; files 0600, written atomically): ``device_info`` names devices, and the state is
root's. The directory is ``$CINDER_ATTACH_STATE_DIR``, else ``/var/lib/cinder-attach``. A file another user owns
or others can read is ignored (with a log warning), as the token cache does.
"""

from __future__ import annotations

import json
import logging
import os
import stat
import time
from pathlib import Path
from typing import Any, NamedTuple

from .errors import AttachError

log = logging.getLogger(__name__)

ENV_VAR = "CINDER_ATTACH_STATE_DIR"
DEFAULT_DIR = Path("/var/lib/cinder-attach")


class StateError(AttachError):
    """The state directory cannot be used (exit 1)."""


class LocalRecord(NamedTuple):
    """One attachment this host connected."""

    attachment_id: str
    volume_id: str
    protocol: str  # Cinder's driver_volume_type
    device_info: dict[str, Any]  # what os-brick's connect_volume returned
    host: str  # the connector's host, to tell this host's attachments of a multiattach volume
    attached_at: float = 0.0

    @property
    def device_path(self) -> str:
        return str(self.device_info.get("path", ""))


def state_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The state directory: ``explicit``, else $CINDER_ATTACH_STATE_DIR, else /var/lib/cinder-attach."""
    chosen = explicit if explicit is not None else os.environ.get(ENV_VAR) or DEFAULT_DIR
    return Path(chosen).expanduser()


def _ensure_dir(directory: Path) -> Path:
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = directory.stat()
        if info.st_uid != os.geteuid():
            raise StateError(f"the state directory {directory} belongs to another user; it is not used.")
        if stat.S_IMODE(info.st_mode) != 0o700:
            os.chmod(directory, 0o700)
    except OSError as exc:
        raise StateError(f"cannot use the state directory {directory}: {exc.strerror or exc}.",
                         hint=f"Run as root, or set {ENV_VAR} to a directory of yours.") from exc  # fmt: skip
    return directory


def _path(directory: Path, attachment_id: str) -> Path:
    return directory / f"{attachment_id}.json"


def save(record: LocalRecord, directory: Path) -> Path:
    """Write the record (0600, atomically) before anything else can want it."""
    _ensure_dir(directory)
    target = _path(directory, record.attachment_id)
    tmp = target.with_suffix(f".{os.getpid()}.tmp")
    body = {**record._asdict(), "attached_at": record.attached_at or time.time()}
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as fh:
            json.dump(body, fh, indent=2, sort_keys=True)
            fh.write("\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise StateError(f"cannot write the state file {target}: {exc.strerror or exc}.") from exc
    return target


def _read(path: Path) -> LocalRecord | None:
    try:
        info = path.stat()
        if info.st_uid != os.geteuid() or info.st_mode & 0o077:
            log.warning("ignoring the state file %s: another user owns it, or others can read it", path)
            return None
        body = json.loads(path.read_text())
        return LocalRecord(**{k: body[k] for k in LocalRecord._fields if k in body})
    except (OSError, ValueError, TypeError) as exc:
        log.warning("ignoring the unreadable state file %s (%s)", path, exc)
        return None


def load(attachment_id: str, directory: Path) -> LocalRecord | None:
    path = _path(directory, attachment_id)
    return _read(path) if path.is_file() else None


def of_volume(volume_id: str, directory: Path) -> list[LocalRecord]:
    """This host's records of a volume, oldest first."""
    if not directory.is_dir():
        return []
    found = [r for p in sorted(directory.glob("*.json")) if (r := _read(p)) and r.volume_id == volume_id]
    return sorted(found, key=lambda r: r.attached_at)


def remove(attachment_id: str, directory: Path) -> bool:
    """Forget an attachment; False if there was nothing to forget."""
    try:
        _path(directory, attachment_id).unlink()
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise StateError(f"cannot remove the state file of attachment {attachment_id}: {exc.strerror}.") from exc
    return True
