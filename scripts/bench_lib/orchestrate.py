"""One bench invocation from set-up to reports: install, bring the devcloud up, run the chosen
scenarios, judge the targets, and write the JSON, the plot, docs/benchmarks.md and the summary."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench_lib import report, report_doc
from bench_lib.accesslogs import Logs
from bench_lib.cinder_api import Cinder
from bench_lib.compute_catalog import FakeCompute
from bench_lib.create_scenario import create_argv, run_create
from bench_lib.envs import Envs, make_envs
from bench_lib.importtime import import_breakdown
from bench_lib.list_scenario import run_list
from bench_lib.local_scenario import run_local
from bench_lib.prune_scenario import PRUNE_ROUNDS, PruneResult, run_prune
from bench_lib.results import Results
from bench_lib.runner import Bench
from bench_lib.settings import BENCH_VENV, CREATE_ROUNDS, LIB, LIST_ROUNDS, VENV, BenchError, say
from bench_lib.setup_steps import (
    devcloud,
    devcloud_dir,
    devcloud_is_up,
    devcloud_state,
    ensure_bench_venv,
    ensure_project_venv,
    machine_info,
    versions,
)  # fmt: skip


@dataclass
class Leftovers:
    """What the bench made, to be undone however it ends (bench_lib.cli.clean_up)."""

    started_devcloud: bool = False
    compute: FakeCompute | None = None
    cinder: Cinder | None = None
    volumes: list[str] = field(default_factory=list)
    seeded: list[str] = field(default_factory=list)


def prepare(args: argparse.Namespace, left: Leftovers) -> tuple[dict[str, Any], bool]:
    """Installs and the devcloud; returns the devcloud's state and whether a plot can be drawn."""
    if not args.no_install:
        ensure_project_venv()
        can_plot = ensure_bench_venv(plot=not args.no_plot)
    else:
        can_plot = not args.no_plot and (BENCH_VENV / ".bench-plot-installed").exists()
    for exe in (VENV / "bin" / "attach", BENCH_VENV / "bin" / "openstack", BENCH_VENV / "bin" / "cinder"):
        if not os.access(exe, os.X_OK):
            raise BenchError(f"{exe} is missing (run without --no-install)")
    if not devcloud_is_up():
        say(f"starting the devcloud in {devcloud_dir()}")
        devcloud("up")
        left.started_devcloud = True
    state = devcloud_state()
    say(f"devcloud: keystone {state['keystone_url']}  cinder {state['cinder_url']}")
    return state, can_plot


def new_volume(left: Leftovers, purpose: str, *kind: str) -> str:
    volume = devcloud("volume", *(kind or ("--multiattach",)), "--name", f"bench-{purpose}").strip()
    left.volumes.append(volume)
    say(f"{' '.join(kind or ('multiattach',))} volume {volume} for the {purpose} scenario")
    return volume


def scenarios(args: argparse.Namespace, state: dict[str, Any], workdir: Path, left: Leftovers, res: Results) -> None:
    cinder = left.cinder = Cinder(state)
    envs: Envs = make_envs(state, workdir)
    if args.only in (None, "create"):
        volume = new_volume(left, "create")
        cinder.clear(volume)
        compute = left.compute = FakeCompute(workdir, state)
        compute.start()
        bench = Bench(Logs(state, compute.log), cinder, volume, workdir)
        res.create = run_create(envs, bench, args.rounds or CREATE_ROUNDS, args.warmup)
        say("where the cold path's import time goes (PYTHONPROFILEIMPORTTIME, untimed)")
        res.breakdown = import_breakdown(envs, [*create_argv(volume, str(uuid.uuid4())), "--dry-run"])
    if args.only in (None, "list"):
        listed = new_volume(left, "list")
        left.seeded.append(listed)
        bench = Bench(Logs(state, left.compute.log if left.compute else None), cinder, listed, workdir)
        res.listing = run_list(envs, bench, listed, args.sizes, args.rounds or LIST_ROUNDS)
    if args.only == "local" or (args.only is None and os.geteuid() == 0):  # loop devices need root
        local = new_volume(left, "local", "--type", "local")
        bench = Bench(Logs(state, left.compute.log if left.compute else None), cinder, local, workdir)
        res.local = run_local(envs, bench, args.rounds or CREATE_ROUNDS, args.warmup)
    if args.only in (None, "prune"):
        res.prune = prune(args, state, workdir, left, envs)


def prune(args: argparse.Namespace, state: dict[str, Any], workdir: Path, left: Leftovers, envs: Envs) -> PruneResult:
    pruned = new_volume(left, "prune")
    left.seeded.append(pruned)
    if left.compute is None:
        left.compute = FakeCompute(workdir, state)
        left.compute.start()
    assert left.cinder is not None
    bench = Bench(Logs(state, left.compute.log), left.cinder, pruned, workdir)
    return run_prune(envs, bench, left.compute, pruned, args.rounds or PRUNE_ROUNDS)


def write_plot(results_json: Path, png: Path) -> bool:
    proc = subprocess.run(
        [str(BENCH_VENV / "bin" / "python"), str(LIB / "plot.py"), str(results_json), str(png)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        say(f"plot failed: {proc.stderr.strip()[-500:]}")
        return False
    return True


def finish(args: argparse.Namespace, state: dict[str, Any], res: Results, can_plot: bool) -> int:
    res.info["loadavg_end"] = os.getloadavg()
    res.info["versions"] = versions()
    res.info["rounds"] = args.rounds or CREATE_ROUNDS
    res.info["warmup"], res.info["list_rounds"] = args.warmup, args.rounds or LIST_ROUNDS
    res.info["devcloud"] = {"keystone": state["keystone_url"], "cinder": state["cinder_url"],
                            "max_microversion": state.get("max_microversion")}  # fmt: skip
    res.judge()
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(res.raw(), indent=1) + "\n")
    print(report_doc.text(report.summary(res)))
    if args.only == "prune":  # a page of prune alone would replace the full one: the summary says it all
        say(f"wrote {args.json} (docs/benchmarks.md is written by runs that measure create and list)")
    else:
        if can_plot and write_plot(args.json, args.png):
            res.png = args.png
        args.md.parent.mkdir(parents=True, exist_ok=True)
        args.md.write_text(report_doc.markdown(report.page(res)))
        say(f"wrote {args.md}" + (f", {args.png}" if res.png else "") + f" and {args.json}")
    failed = [c.label for c in (res.create.commands if res.create else []) if not c.samples]
    if res.prune and not res.prune.command.samples:
        failed.append(res.prune.command.label)
    for size, cmds in res.listing.commands.items() if res.listing else []:
        failed += [f"{c.label} (N={size:,})" for c in cmds if not c.samples]
    if failed:
        print(f"scripts/bench: error: no successful run of: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


def run(args: argparse.Namespace, workdir: Path, left: Leftovers) -> int:
    state, can_plot = prepare(args, left)
    res = Results(machine_info())
    scenarios(args, state, workdir, left, res)
    return finish(args, state, res, can_plot)
