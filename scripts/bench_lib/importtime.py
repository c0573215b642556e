"""Where a cold run's import time goes: `attach create354 --dry-run` with an empty token cache (so it
loads openstacksdk's config loader and keystoneauth1 and logs in), under PYTHONPROFILEIMPORTTIME,
grouped by top-level package; and the same command with the warm cache, to tell the cold path's own
imports from everyone's."""

from __future__ import annotations

import statistics
import subprocess
from collections import defaultdict
from dataclasses import dataclass, field

from bench_lib.envs import Envs
from bench_lib.settings import BenchError

FOCUS = ("openstack", "keystoneauth1")  # the cold path's own cost: the config loader and the auth library


@dataclass
class Group:
    package: str
    self_us: float  # the package's own modules, summed (median over the runs)
    cumulative_us: float  # its first import, dependencies included (median over the runs)
    modules: int


@dataclass
class Breakdown:
    runs: int
    total_us: float  # all imports of the run, summed self times (median)
    groups: list[Group]  # largest self time first
    top_modules: dict[str, list[tuple[str, float]]]  # FOCUS package -> its slowest modules (self µs)
    warm_total_us: float = 0.0  # the same for a warm --dry-run (token cache hit), for comparison
    warm_self_us: dict[str, float] = field(default_factory=dict)  # package -> its self time in the warm run


def parse(stderr: str) -> list[tuple[str, int, int]]:
    """(module, self µs, cumulative µs) for each `import time:` line."""
    rows = []
    for line in stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, cumulative, name = line[len("import time:") :].split("|", 2)
        rows.append((name.strip(), int(self_us), int(cumulative)))
    return rows


def _one_run(argv: list[str], env: dict[str, str], cwd: str) -> list[tuple[str, int, int]]:
    proc = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, text=True, check=False, cwd=cwd,
                          env={**env, "PYTHONPROFILEIMPORTTIME": "1"})  # fmt: skip
    if proc.returncode != 0:
        raise BenchError(f"import-time run failed (exit {proc.returncode}): {proc.stderr.splitlines()[-1:]}")
    return parse(proc.stderr)


def warm_packages(envs: Envs, argv: list[str], runs: int) -> tuple[float, dict[str, float]]:
    """A warm run's import time in all, and by package (medians of the runs)."""
    totals, per_run = [], []
    for _ in range(runs):
        rows = _one_run(argv, envs.warm, str(envs.workdir / "cwd"))
        totals.append(sum(r[1] for r in rows))
        packages: dict[str, int] = defaultdict(int)
        for name, self_us, _ in rows:
            packages[name.split(".")[0]] += self_us
        per_run.append(packages)
    names = set().union(*per_run)
    return statistics.median(totals), {p: statistics.median(r.get(p, 0) for r in per_run) for p in names}


def import_breakdown(envs: Envs, argv: list[str], runs: int = 3) -> Breakdown:
    per_run: list[dict[str, tuple[int, int, int]]] = []  # package -> (self, first cumulative, modules)
    modules: dict[str, list[int]] = defaultdict(list)
    totals = []
    for n in range(runs):
        rows = _one_run(argv, envs.cold(20_000 + n), str(envs.workdir / "cwd"))
        totals.append(sum(r[1] for r in rows))
        packages: dict[str, tuple[int, int, int]] = {}
        for name, self_us, cumulative in rows:
            top = name.split(".")[0]
            s, c, m = packages.get(top, (0, 0, 0))
            packages[top] = (s + self_us, max(c, cumulative), m + 1)
            if top in FOCUS:
                modules[name].append(self_us)
        per_run.append(packages)
    names = set().union(*per_run)
    groups = [
        Group(p, statistics.median(r.get(p, (0, 0, 0))[0] for r in per_run),
              statistics.median(r.get(p, (0, 0, 0))[1] for r in per_run), max(r.get(p, (0, 0, 0))[2] for r in per_run))
        for p in names
    ]  # fmt: skip
    groups.sort(key=lambda g: g.self_us, reverse=True)
    top = {
        pkg: sorted(((m, statistics.median(v)) for m, v in modules.items() if m.split(".")[0] == pkg),
                    key=lambda mv: mv[1], reverse=True)[:5]
        for pkg in FOCUS
    }  # fmt: skip
    warm_total, warm = warm_packages(envs, argv, runs)
    return Breakdown(runs, statistics.median(totals), groups, top, warm_total, warm)
