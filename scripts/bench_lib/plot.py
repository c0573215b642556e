"""Plot scripts/bench's raw samples: one row per command, every run as a dot, the median as a bar.

Run by scripts/bench with the bench venv's python (which has matplotlib):
``plot.py RESULTS_JSON OUT_PNG``.
"""

from __future__ import annotations

import json
import random
import statistics
import sys

import matplotlib
import matplotlib.ticker

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402 - after choosing the backend

COLOURS = {
    "warm": "#1b7837",
    "cold": "#5aae61",
    "openstack": "#b2182b",
    "cinder": "#ef8a62",
    "floor": "#2166ac",
    "help": "#1b7837",
    "import_typer": "#2166ac",
    "dry_run": "#1b7837",
    "imports": "#2166ac",
    "bare": "#777777",
    "imports_client": "#777777",
}


def main(results: str, out: str) -> int:
    with open(results) as fh:
        data = json.load(fh)
    commands = [c for c in data["commands"] if c["seconds"]]
    rng = random.Random(1)
    fig, ax = plt.subplots(figsize=(10, 0.55 * len(commands) + 1.6), dpi=110)
    labels = []
    for row, cmd in enumerate(reversed(commands)):
        ms = [s * 1000 for s in cmd["seconds"]]
        colour = COLOURS.get(cmd["key"], "#444444")
        ys = [row + rng.uniform(-0.18, 0.18) for _ in ms]
        ax.scatter(ms, ys, s=14, color=colour, alpha=0.6, linewidths=0)
        med = statistics.median(ms)
        ax.plot([med, med], [row - 0.32, row + 0.32], color=colour, linewidth=2.5)
        ax.annotate(f"{med:.0f} ms", (max(ms), row), xytext=(6, -3), textcoords="offset points", fontsize=8)
        labels.append(cmd["label"])
    ax.set_yticks(range(len(labels)), labels, fontsize=8.5)
    ax.set_xscale("log")
    ax.set_xlabel("wall time per run, ms (log scale); bar = median")
    info = data["info"]
    ax.set_title(
        f"scripts/bench: {info['rounds']} interleaved rounds, {info['nproc']} CPUs, {info['date']}", fontsize=10
    )
    ax.grid(axis="x", which="both", alpha=0.25)
    lo = min(min(c["seconds"]) for c in commands) * 1000
    hi = max(max(c["seconds"]) for c in commands) * 1000
    ax.set_xlim(lo * 0.8, hi * 1.6)
    ticks = [t for t in (10, 20, 50, 100, 200, 500, 1000, 2000, 5000) if lo * 0.8 <= t <= hi * 1.6]
    ax.set_xticks(ticks, [str(t) for t in ticks])
    ax.xaxis.set_minor_formatter(matplotlib.ticker.NullFormatter())
    fig.tight_layout()
    fig.savefig(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
