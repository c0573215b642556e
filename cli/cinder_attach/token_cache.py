"""A per-user cache of Keystone tokens and block-storage endpoints, so a warm run is one HTTP request.

Each entry is one JSON file, named by a hash of everything that decides the session (cloud name,
config files and their content, ``OS_*`` variables, ``--os-*`` options), in a 0700 directory,
written 0600 and atomically. An entry holds the token, its expiry, the project id, the endpoint and
the TLS file paths; never a password or any other secret from the configuration.

Beside each entry is its lock file (``<key>.lock``, 0600): runs that miss the cache at the same time
take it in turn (:func:`locked`), so the first logs in and the others read what it wrote.
"""

from __future__ import annotations

import contextlib
import logging
import math
import os
import stat
from collections.abc import Iterator, Mapping
from dataclasses import asdict
from pathlib import Path
from typing import Any

from .config_files import config_search_paths
from .login import Login

logger = logging.getLogger(__name__)
FORMAT_VERSION = 2  # 2: the compute endpoint and the roles
MAX_ENTRY_BYTES = 64 * 1024
# How long a run waits for another run's login before it logs in itself. A login takes well under a
# second; a holder that dies releases the lock at once (flock locks go with the process).
LOCK_WAIT_SECONDS = 30.0

def cache_dir() -> Path:
    """``$XDG_CACHE_HOME/cinder-attach``, or ``~/.cache/cinder-attach``."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "cinder-attach"


def _file_digest(path: Path) -> str | None:
    import hashlib  # here, not at the top: `attach --help` needs neither hashlib nor json

    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def derive_key(cloud: str | None, options: Mapping[str, Any], environ: Mapping[str, str]) -> str:
    """A hash of every input that decides which token and endpoint a run would get."""
    import hashlib
    import json

    files = [[str(p), d] for p in config_search_paths(environ) if (d := _file_digest(p)) is not None]
    material = {
        "v": FORMAT_VERSION,
        "uid": os.getuid(),
        "cloud": cloud,
        "files": files,
        "env": sorted((k, v) for k, v in environ.items() if k.startswith("OS_")),
        "options": sorted((k, v) for k, v in options.items() if v not in (None, False, "")),
    }
    blob = json.dumps(material, sort_keys=True, default=str).encode()
    return hashlib.sha256(blob).hexdigest()


def _usable_dir(directory: Path, create: bool) -> bool:
    try:
        info = directory.lstat()
    except FileNotFoundError:
        if not create:
            return False
        try:
            directory.mkdir(mode=0o700, parents=True, exist_ok=True)
            os.chmod(directory, 0o700)
        except OSError as exc:
            logger.warning(f"cannot create the token cache directory {directory}: {exc.strerror or exc}; not caching.")
            return False
        return True
    except OSError as exc:
        if create:
            logger.warning(f"cannot use the token cache directory {directory}: {exc.strerror or exc}; not caching.")
        return False
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
        logger.warning(f"the token cache directory {directory} is not a directory owned by you; not using it.")
        return False
    if info.st_mode & 0o077:
        try:
            os.chmod(directory, 0o700)
        except OSError:
            logger.warning(f"the token cache directory {directory} is open to other users; not using it.")
            return False
    return True


def load(key: str, directory: Path | None = None) -> Login | None:
    """The cached session for ``key``, or ``None`` if there is none that is safe and fresh."""
    directory = directory or cache_dir()
    if not _usable_dir(directory, create=False):
        return None
    path = directory / f"{key}.json"
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except FileNotFoundError:
        return None
    except OSError as exc:
        logger.warning(f"ignoring the token cache entry {path}: {exc.strerror or exc}.")
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if info.st_uid != os.getuid():
            logger.warning(f"ignoring the token cache entry {path}: it is owned by another user.")
            return None
        if info.st_mode & 0o077:
            logger.warning(
                "ignoring the token cache entry %s: it is readable by others (clear the cache).",
                path,
                extra={"reason": "cache_entry_open", "path": path},
            )
            return None
        raw = handle.read(MAX_ENTRY_BYTES + 1)
    entry = _parse(raw)
    if entry is None:
        logger.warning(f"ignoring a corrupt token cache entry {path}.")
        return None
    return entry if entry.fresh() else None


def _parse(raw: bytes) -> Login | None:
    import json

    try:
        data = json.loads(raw)
        if not isinstance(data, dict) or data.pop("format", None) != FORMAT_VERSION:
            return None
        if isinstance(data.get("roles"), list):
            data["roles"] = tuple(data["roles"])
        entry = Login(**data)
    except (ValueError, TypeError, RecursionError):
        return None
    ok = (
        isinstance(entry.endpoint, str)
        and entry.endpoint.startswith(("http://", "https://"))
        and isinstance(entry.token, str | None)
        and (entry.expires_at is None or _number(entry.expires_at))
        and isinstance(entry.project_id, str | None)
        and isinstance(entry.verify, bool | str)
        and isinstance(entry.cert, str | None)
        and isinstance(entry.key, str | None)
        and (entry.timeout is None or (_number(entry.timeout) and entry.timeout > 0))
        and (entry.compute_endpoint is None or str(entry.compute_endpoint).startswith(("http://", "https://")))
        and (entry.roles is None or (isinstance(entry.roles, tuple) and all(isinstance(r, str) for r in entry.roles)))
    )
    return entry if ok else None


def _number(value: object) -> bool:
    """A finite JSON number (``true`` is an int to Python, and ``NaN`` a float; neither is a number here)."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def store(key: str, entry: Login, directory: Path | None = None) -> None:
    """Write the entry atomically (temp file + rename), 0600 in a 0700 directory. Failures only warn."""
    directory = directory or cache_dir()
    if not _usable_dir(directory, create=True):
        return
    path = directory / f"{key}.json"
    tmp = directory / f".{key}.{os.getpid()}.tmp"
    import json

    blob = json.dumps({"format": FORMAT_VERSION, **asdict(entry)}).encode()
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), 0o600)
            handle.write(blob)
        os.replace(tmp, path)
    except OSError as exc:
        logger.warning(f"cannot write the token cache entry {path}: {exc.strerror or exc}.")
        with contextlib.suppress(OSError):
            tmp.unlink()


def drop(key: str, directory: Path | None = None) -> None:
    """Forget one entry (after Cinder refused its token)."""
    with contextlib.suppress(OSError):
        ((directory or cache_dir()) / f"{key}.json").unlink()


def clear(directory: Path | None = None) -> int:
    """Remove every entry, temp file and lock file of this user's cache; return how many entries were removed."""
    directory = directory or cache_dir()
    removed = 0
    try:
        names = list(directory.iterdir())
    except OSError:
        return 0
    for path in names:
        if path.suffix in (".json", ".tmp", ".lock") and path.is_file() and path.stat().st_uid == os.getuid():
            with contextlib.suppress(OSError):
                path.unlink()
                removed += path.suffix != ".lock"  # a lock file is not an entry
    return removed


@contextlib.contextmanager
def locked(key: str, directory: Path | None = None, wait: float | None = None) -> Iterator[str]:
    """Hold ``key``'s lock around "read the entry, else log in and write it".

    Yields what happened, for ``--debug`` (empty when the lock was free). A run that cannot get the
    lock within ``wait`` seconds (default :data:`LOCK_WAIT_SECONDS`), or cannot lock at all, goes on
    without it.
    """
    fd = _open_lock(directory or cache_dir(), key)
    if fd is None:
        yield "no lock file (the cache directory is not usable); logging in without the lock."
        return
    try:
        yield _acquire(fd, LOCK_WAIT_SECONDS if wait is None else wait)
    finally:
        os.close(fd)  # releases the lock


def _open_lock(directory: Path, key: str) -> int | None:
    if not _usable_dir(directory, create=True):
        return None
    try:
        fd = os.open(directory / f"{key}.lock", os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    except OSError:
        return None
    info = os.fstat(fd)
    if info.st_uid != os.getuid():
        os.close(fd)
        return None
    if info.st_mode & 0o077:
        os.fchmod(fd, 0o600)
    return fd


def _acquire(fd: int, wait: float) -> str:
    import fcntl
    import time

    start = time.monotonic()
    pause, slept = 0.005, False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            waited = time.monotonic() - start
            if waited >= wait:
                return f"another run held the login lock for over {wait:g} s; logging in without it."
            time.sleep(min(pause, wait - waited))
            pause, slept = min(pause * 2, 0.1), True
            continue
        except OSError as exc:  # e.g. a file system without locks
            return f"cannot take the login lock ({exc.strerror or exc}); logging in without it."
        return f"waited {time.monotonic() - start:.2f} s for another run's login." if slept else ""
