"""The services' virtualenvs in <venvs>/venv-<name> (settings.VENVS: every release's devcloud shares
them), installed once with a pinned uv (pip if uv cannot be had), against the constraints files next
to this module."""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import threading
from pathlib import Path

from devcloud_lib.console import DevcloudError, say, step
from devcloud_lib.procs import base_env, run_logged
from devcloud_lib.settings import INSTALL_TIMEOUT, LIB, LOGS, UV_REQ, VENVS

_uv_lock = threading.Lock()
_uv_path: list[str | None] = []


def uv_env() -> dict[str, str]:
    env = base_env()
    env.setdefault("UV_CACHE_DIR", str(VENVS / "uv-cache"))
    env["UV_PYTHON_DOWNLOADS"] = "never"
    env["UV_NO_PROGRESS"] = "1"
    return env


def base_python() -> str:
    """The interpreter to build venvs on: the base one, even if we run inside a venv."""
    base = getattr(sys, "_base_executable", None)
    return base if base and os.path.exists(base) else sys.executable


def _install_uv(boot: Path) -> None:
    shutil.rmtree(boot, ignore_errors=True)
    log = LOGS / "install-uv.log"
    with step(f"installing {UV_REQ} into {boot.name}/ (log: {log.name})"):
        run_logged([base_python(), "-m", "venv", str(boot)], log, timeout=120)
        run_logged([str(boot / "bin" / "python"), "-m", "pip", "install", "-q", UV_REQ], log, timeout=300)


def ensure_uv() -> str | None:
    """A pinned uv in .devcloud/boot (pip once, ~3 s); None if it can't be had."""
    with _uv_lock:
        if _uv_path:
            return _uv_path[0]
        boot = VENVS / "boot"
        uv = boot / "bin" / "uv"
        marker = boot / ".devcloud-installed"
        found: str | None = None
        if marker.exists() and marker.read_text() == UV_REQ and uv.exists():
            found = str(uv)
        else:
            try:
                _install_uv(boot)
                marker.write_text(UV_REQ)
                found = str(uv)
            except DevcloudError as exc:
                found = shutil.which("uv")
                say(f"could not install {UV_REQ} ({exc}); using {found or 'pip'} instead")
        _uv_path.append(found)
        return found


def _wanted(name: str, reqs: list[str]) -> str:
    """What the marker file of an up-to-date venv says: requirements, python, constraints' hash."""
    constraints = LIB / f"constraints-{name}.txt"
    ident = [*reqs, sys.version.split()[0]]
    if constraints.exists():
        ident.append(hashlib.sha256(constraints.read_bytes()).hexdigest()[:16])
    return "\n".join(ident) + "\n"


def ensure_venv(name: str, reqs: list[str]) -> Path:
    """Install `reqs` into .devcloud/venv-<name> once; a half-done install is redone."""
    VENVS.mkdir(parents=True, exist_ok=True)
    venv = VENVS / f"venv-{name}"
    python = venv / "bin" / "python"
    marker = venv / ".devcloud-installed"
    want = _wanted(name, reqs)
    if marker.exists() and marker.read_text() == want and python.exists():
        return venv
    log = LOGS / f"install-{name}.log"
    constraints = LIB / f"constraints-{name}.txt"
    cons = ["-c", str(constraints)] if constraints.exists() else []
    uv = ensure_uv()
    with step(f"installing {' '.join(reqs)} into {venv.name}/ with {'uv' if uv else 'pip'} (log: {log.name})"):
        shutil.rmtree(venv, ignore_errors=True)
        if uv:
            env = uv_env()
            run_logged([uv, "venv", "-q", "--python", base_python(), str(venv)], log, env, timeout=120)
            install = [uv, "pip", "install", "--python", str(python), *cons, *reqs]
            run_logged(install, log, env, timeout=INSTALL_TIMEOUT)
        else:
            run_logged([base_python(), "-m", "venv", str(venv)], log, timeout=120)
            install = [str(python), "-m", "pip", "install", "-q", *cons, *reqs]
            run_logged(install, log, timeout=INSTALL_TIMEOUT)
        marker.write_text(want)
    return venv
