"""Plot scripts/bench's raw samples. Run by scripts/bench with the bench venv's python (which has
matplotlib): ``plot.py RESULTS_JSON OUT_PNG``.

- Creating an attachment: one row per command, every run as a dot, the median as a bar.
- Listing a volume's attachments: median wall time against N for each command (log-log), every run
  as a small dot, with the rows each command showed at the largest N.
"""

from __future__ import annotations

import json
import random
import statistics
import sys
from typing import Any

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
    "value": "#1b7837",
    "table": "#5aae61",
}
TICKS = (10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000)


def create_panel(ax: Any, data: dict[str, Any]) -> None:
    commands = [c for c in data["commands"] if c["seconds"]]
    rng = random.Random(1)
    labels = []
    for row, cmd in enumerate(reversed(commands)):
        ms = [s * 1000 for s in cmd["seconds"]]
        colour = COLOURS.get(cmd["key"], "#444444")
        ax.scatter(ms, [row + rng.uniform(-0.18, 0.18) for _ in ms], s=14, color=colour, alpha=0.6, linewidths=0)
        med = statistics.median(ms)
        ax.plot([med, med], [row - 0.32, row + 0.32], color=colour, linewidth=2.5)
        ax.annotate(f"{med:.0f} ms", (max(ms), row), xytext=(6, -3), textcoords="offset points", fontsize=8)
        labels.append(cmd["label"])
    ax.set_yticks(range(len(labels)), labels, fontsize=8.5)
    info = data["info"]
    ax.set_title(f"creating an attachment: {info['rounds']} interleaved rounds, {info['nproc']} CPUs, {info['date']}",
                 fontsize=10)  # fmt: skip
    log_axis(ax, [s * 1000 for c in commands for s in c["seconds"]], "wall time per run, ms (log scale); bar = median")


def list_panel(ax: Any, data: dict[str, Any]) -> None:
    by_key: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for size, commands in data["list"].items():
        for cmd in commands:
            if cmd["seconds"]:
                by_key.setdefault(cmd["key"], []).append((int(size), cmd))
    for key, points in by_key.items():
        points.sort(key=lambda p: p[0])
        colour = COLOURS.get(key, "#444444")
        sizes = [n for n, _ in points]
        ax.plot(sizes, [statistics.median(c["seconds"]) * 1000 for _, c in points], marker="o", color=colour,
                label=points[0][1]["label"], linestyle="--" if key in ("openstack", "cinder") else "-")  # fmt: skip
        for n, c in points:
            ax.scatter([n] * len(c["seconds"]), [s * 1000 for s in c["seconds"]], s=8, color=colour, alpha=0.4)
        n, last = points[-1]
        rows = [r for r in last["rows"] if r is not None]
        if rows:
            ax.annotate(f"{max(rows):,} rows", (n, statistics.median(last["seconds"]) * 1000), xytext=(6, -3),
                        textcoords="offset points", fontsize=7, color=colour)  # fmt: skip
    ax.set_xscale("log")
    ax.set_xticks(sorted({int(s) for s in data["list"]}), [f"{int(s):,}" for s in sorted(map(int, data["list"]))])
    ax.xaxis.set_minor_formatter(matplotlib.ticker.NullFormatter())
    ax.set_xlabel("attachments on the volume (N)")
    ax.set_yscale("log")
    plain = matplotlib.ticker.FuncFormatter(lambda v, _: f"{v:,.0f}")
    ax.yaxis.set_major_formatter(plain)
    ax.yaxis.set_minor_formatter(plain)
    ax.set_ylabel("wall time, ms (log); line = median")
    ax.set_title(f"listing a volume's attachments: {data['info'].get('list_rounds', '?')} rounds per N", fontsize=10)
    ax.legend(fontsize=7.5, loc="upper left")
    ax.grid(which="both", alpha=0.25)


def log_axis(ax: Any, values: list[float], label: str) -> None:
    ax.set_xscale("log")
    ax.set_xlabel(label)
    ax.grid(axis="x", which="both", alpha=0.25)
    lo, hi = min(values), max(values)
    ax.set_xlim(lo * 0.8, hi * 1.6)
    ticks = [t for t in TICKS if lo * 0.8 <= t <= hi * 1.6]
    ax.set_xticks(ticks, [str(t) for t in ticks])
    ax.xaxis.set_minor_formatter(matplotlib.ticker.NullFormatter())


def main(results: str, out: str) -> int:
    with open(results) as fh:
        data = json.load(fh)
    panels = [p for p, key in ((create_panel, "commands"), (list_panel, "list")) if data.get(key)]
    if not panels:
        sys.stderr.write("plot: no samples to plot\n")
        return 1
    rows = len([c for c in data.get("commands", []) if c["seconds"]])
    heights = [0.55 * rows + 1.6 if p is create_panel else 4.2 for p in panels]
    fig, axes = plt.subplots(len(panels), 1, figsize=(10, sum(heights)), dpi=110, squeeze=False,
                             gridspec_kw={"height_ratios": heights})  # fmt: skip
    for panel, ax in zip(panels, axes[:, 0], strict=True):
        panel(ax, data)
    fig.tight_layout()
    fig.savefig(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
