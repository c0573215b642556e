"""Which modules a Python program had loaded when it exited: the one probe that scripts/bench (what `attach`
imports, for its report) and the unit tier (the lazy-import tests) share.

The program runs in a fresh interpreter (a test process has imported everything already) as ``__main__``; at exit
the names in ``sys.modules`` go to a file. `attach`'s console script ends with ``os._exit``, which runs no atexit
handler, so that is wrapped too. (``-X importtime`` would also list failed attempts, such as httpx's optional
``import click``; ``sys.modules`` is what was really loaded.)
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

PROBE = """
import atexit, os, runpy, sys
def _dump():
    with open(os.environ["MODULES_PROBE_OUT"], "w") as fh:
        fh.write("\\n".join(sorted(sys.modules)))
atexit.register(_dump)
_hard_exit = os._exit
def _exit(code):
    _dump()
    _hard_exit(code)
os._exit = _exit
sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name="__main__")
"""


@dataclass
class Exited:
    """A probed run: its exit code, what it printed, and every module name loaded at exit (empty if it crashed
    before writing them)."""

    code: int
    out: str
    err: str
    modules: set[str]

    def top_level(self) -> set[str]:
        return {name.split(".")[0] for name in self.modules}


def modules_at_exit(
    script: str | Path,
    argv: list[str],
    *,
    python: str | Path = sys.executable,
    env: Mapping[str, str] | None = None,
    cwd: str | Path | None = None,
    timeout: float = 120,
) -> Exited:
    """Run ``python script argv…`` under the probe, with stdin closed, and report what it had loaded."""
    with tempfile.TemporaryDirectory(prefix="modules-probe-") as scratch:
        out = Path(scratch) / "modules.txt"
        proc = subprocess.run(
            [str(python), "-c", PROBE, str(script), *argv],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            env={**(os.environ if env is None else env), "MODULES_PROBE_OUT": str(out)},
            cwd=cwd,
            timeout=timeout,
            check=False,
        )
        try:
            names = set(out.read_text().split())
        except OSError:
            names = set()
    return Exited(proc.returncode, proc.stdout, proc.stderr, names)
