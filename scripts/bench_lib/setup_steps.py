"""What the bench needs before it measures: .venv, the anchors' venv, a running devcloud."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench_lib.settings import ANCHOR_REQS, BENCH_VENV, DEVCLOUD, PLOT_REQS, REPO, SETUP_LOG, VENV, BenchError, say
from devcloud_lib.settings import devcloud_dir  # the one rule for the state directory


def run_quiet(cmd: list[str], what: str, log: Path = SETUP_LOG, timeout: float = 900) -> str:
    """Run a set-up step, its stderr to `log`; return stdout's text; raise BenchError on failure."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "ab") as err:
        err.write(f"\n===== {time.strftime('%F %T')}: {' '.join(cmd)}\n".encode())
        err.flush()
        try:
            proc = subprocess.run(
                cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=err, timeout=timeout, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise BenchError(f"{what}: {exc}") from None
    if proc.returncode != 0:
        tail = "\n".join(log.read_text(errors="replace").splitlines()[-15:])
        raise BenchError(f"{what} failed (exit {proc.returncode}); last lines of {log}:\n{tail}")
    return proc.stdout.decode("utf-8", "replace")


def ensure_project_venv() -> None:
    """.venv with the project installed non-editable, as scripts/test and scripts/demo make it."""
    say("installing cinder-attach into .venv (scripts/_venv.sh ensure_venv)")
    run_quiet(["bash", "-c", "source scripts/_venv.sh && ensure_venv"], "ensure_venv")


def _pip(*args: str) -> list[str]:
    return [str(BENCH_VENV / "bin" / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check", *args]


def ensure_bench_venv(plot: bool) -> bool:
    """The anchors (pinned) in .cache/bench-venv; matplotlib too if `plot`. Returns whether it can plot."""
    ident = "\n".join([*ANCHOR_REQS, sys.version.split()[0]]) + "\n"
    marker = BENCH_VENV / ".bench-installed"
    if not (marker.exists() and marker.read_text() == ident and (BENCH_VENV / "bin" / "python").exists()):
        say(f"installing the anchors into {BENCH_VENV.relative_to(REPO)}: {' '.join(ANCHOR_REQS)}")
        shutil.rmtree(BENCH_VENV, ignore_errors=True)
        run_quiet([sys.executable, "-m", "venv", str(BENCH_VENV)], "python3 -m venv", timeout=300)
        run_quiet(_pip(*ANCHOR_REQS), "pip install the anchors")
        marker.write_text(ident)
    if not plot:
        return False
    plot_marker = BENCH_VENV / ".bench-plot-installed"
    want = "\n".join(PLOT_REQS) + "\n"
    if plot_marker.exists() and plot_marker.read_text() == want:
        return True
    say(f"installing {' '.join(PLOT_REQS)} into the bench venv, for the plot")
    try:
        run_quiet(_pip(*PLOT_REQS), "pip install matplotlib")
    except BenchError as exc:
        say(f"no plot: {exc}")
        return False
    plot_marker.write_text(want)
    return True


def devcloud(*args: str) -> str:
    """Run `scripts/devcloud ARGS`; its stdout."""
    return run_quiet([sys.executable, str(DEVCLOUD), *args], f"scripts/devcloud {' '.join(args)}")


def devcloud_is_up() -> bool:
    proc = subprocess.run(
        [sys.executable, str(DEVCLOUD), "status"], stdin=subprocess.DEVNULL, capture_output=True, check=False
    )
    return proc.returncode == 0


def devcloud_state() -> dict[str, Any]:
    state: dict[str, Any] = json.loads((devcloud_dir() / "state.json").read_text())
    return state


def pkg_version(python: Path, *names: str) -> dict[str, str | None]:
    """Installed versions of distributions in a venv (None if absent)."""
    code = (
        "import json, sys\nfrom importlib import metadata\nout = {}\nfor n in sys.argv[1:]:\n"
        "    try: out[n] = metadata.version(n)\n    except metadata.PackageNotFoundError: out[n] = None\n"
        "print(json.dumps(out))"
    )
    proc = subprocess.run([str(python), "-c", code, *names], capture_output=True, text=True, check=False)
    try:
        return dict(json.loads(proc.stdout))
    except ValueError:
        return dict.fromkeys(names)


def machine_info() -> dict[str, Any]:
    cpu = "?"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    py = subprocess.run([str(VENV / "bin" / "python"), "-VV"], capture_output=True, text=True, check=False)
    return {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "kernel": platform.release(),
        "python": " ".join(py.stdout.split()) or "?",
        "loadavg_start": os.getloadavg(),
    }


def versions() -> dict[str, dict[str, str | None]]:
    return {
        "project venv (.venv)": pkg_version(VENV / "bin" / "python", "cinder-attach", "typer", "httpx", "attrs",
                                            "click", "rich", "pydantic", "openstacksdk", "keystoneauth1"),
        "bench venv": pkg_version(BENCH_VENV / "bin" / "python", "python-openstackclient", "python-cinderclient",
                                  "openstacksdk", "keystoneauth1", "osc-lib", "cliff"),
    }  # fmt: skip
