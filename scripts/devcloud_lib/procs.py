"""The servers' processes: start them detached, know them by pid and start time, stop them,
run set-up commands with their output in a log, and wait for a server to be ready."""

from __future__ import annotations

import contextlib
import os
import shlex
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from devcloud_lib.client import ClientError
from devcloud_lib.console import DevcloudError, say
from devcloud_lib.settings import HOST, LOGS, TIMEOUT, D


def _stat_fields(pid: int | str) -> list[str] | None:
    """/proc/PID/stat after the command name, or None if there is no such process."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return stat[stat.rindex(")") + 2 :].split()


def start_ticks(pid: int) -> int | None:
    """Process start time from /proc, to tell our pid from a recycled one."""
    fields = _stat_fields(pid)
    if fields is None or fields[0] == "Z":  # zombie: as good as dead
        return None
    return int(fields[19])


def proc_alive(state: dict[str, Any], name: str) -> bool:
    pid = state.get("pids", {}).get(name)
    if not pid:
        return False
    ticks = start_ticks(pid)
    return ticks is not None and ticks == state.get("pid_start_ticks", {}).get(name)


def spawn(name: str, cmd: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    """Start a server detached from our stdio (else callers reading our output hang)."""
    LOGS.mkdir(parents=True, exist_ok=True)
    with open(log, "ab") as out:
        out.write(f"\n===== devcloud: starting {name} at {time.strftime('%F %T')}: {shlex.join(cmd)}\n".encode())
        out.flush()
        return subprocess.Popen(
            cmd,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=str(D),
            start_new_session=True,
            close_fds=True,
        )


def group_members(pgid: int) -> list[int]:
    """Live (non-zombie) processes in process group `pgid`."""
    members = []
    for entry in os.listdir("/proc"):
        fields = _stat_fields(entry) if entry.isdigit() else None
        if fields is not None and fields[0] != "Z" and int(fields[2]) == pgid:
            members.append(int(entry))
    return members


def stop_pid(name: str, pid: int, ticks: int | None, grace: float = 10.0) -> None:
    """SIGTERM the server's process group, SIGKILL it after `grace` seconds, and
    return only when none of it is left."""
    if ticks is None or start_ticks(pid) != ticks:
        return  # gone already, or the pid now belongs to someone else
    try:
        own_group = os.getpgid(pid) == pid
    except ProcessLookupError:
        return
    # start_new_session=True made the server its own group leader: the group is
    # exactly what we started (e.g. gunicorn master + worker).

    def remaining() -> list[int]:
        alive = [pid] if start_ticks(pid) == ticks else []
        return sorted(set(alive + (group_members(pid) if own_group else [])))

    def kill(sig: int) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pid, sig) if own_group else os.kill(pid, sig)

    say(f"stopping {name} (pid {pid})")
    kill(signal.SIGTERM)
    for sig_after, limit in ((signal.SIGKILL, grace), (None, 5.0)):
        deadline = time.monotonic() + limit
        while remaining() and time.monotonic() < deadline:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, os.WNOHANG)
            time.sleep(0.05)
        if not remaining():
            return
        if sig_after is not None:
            say(f"{name} did not stop in {grace:.0f}s: SIGKILL")
            kill(sig_after)
    raise DevcloudError(f"could not stop {name}: processes {remaining()} survive SIGKILL")


def free_port(preferred: int | None, avoid: set[int]) -> int:
    """Reuse the last port if it is free (stable catalog), else let the kernel pick."""
    if preferred and preferred not in avoid:
        with socket.socket() as s:
            # Like the servers do: a port whose old connections sit in TIME_WAIT is free.
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                s.bind((HOST, preferred))
                return preferred
            except OSError:
                pass
    while True:
        with socket.socket() as s:
            s.bind((HOST, 0))
            port = int(s.getsockname()[1])
        if port not in avoid:
            return port


def run_logged(cmd: list[str], log: Path, env: dict[str, str] | None = None, timeout: float = 300) -> None:
    """Run a setup step with output to `log`; raise with the log tail on failure."""
    LOGS.mkdir(parents=True, exist_ok=True)
    with open(log, "ab") as out:
        out.write(f"\n===== {time.strftime('%F %T')}: {shlex.join(cmd)}\n".encode())
        out.flush()
        try:
            rc = subprocess.run(
                cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT, env=env, timeout=timeout, cwd=D
            ).returncode
        except subprocess.TimeoutExpired:
            raise DevcloudError(f"timed out after {timeout:.0f}s: {shlex.join(cmd)}", log) from None
        except OSError as exc:
            raise DevcloudError(f"cannot run {cmd[0]}: {exc}", log) from None
    if rc != 0:
        raise DevcloudError(f"failed (exit {rc}): {shlex.join(cmd)}", log)


def base_env() -> dict[str, str]:
    """Environment for children: ours minus OS_* (a user's cloud must not leak in)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("OS_") and k not in ("PYTHONPATH", "PYTHONHOME")}
    env["PYTHONWARNINGS"] = "ignore::DeprecationWarning"
    env["PYTHONUNBUFFERED"] = "1"
    return env


def wait_for(what: str, check: Callable[[], bool], proc_name: str, state: dict[str, Any], log: Path) -> None:
    """Poll `check` until true; fail fast if the server died, and on TIMEOUT."""
    deadline = time.monotonic() + TIMEOUT
    while True:
        if not proc_alive(state, proc_name):
            raise DevcloudError(f"{proc_name} died while waiting for {what}", log)
        try:
            if check():
                return
        except (OSError, ValueError, DevcloudError, ClientError):
            pass
        if time.monotonic() > deadline:
            raise DevcloudError(f"timed out after {TIMEOUT:.0f}s waiting for {what}", log)
        time.sleep(0.2)
