"""Running a command once and measuring it (wall time, CPU, peak RSS, its requests), and the
interleaved rounds: every round runs each command once, in a fixed order."""

from __future__ import annotations

import os
import subprocess
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bench_lib.accesslogs import Logs, Traffic
from bench_lib.cinder_api import Cinder
from bench_lib.settings import say


@dataclass
class Sample:
    seconds: float  # wall time, spawn to exit
    cpu: float  # user + sys
    rss_kb: int
    traffic: Traffic
    rows: int | None = None  # rows of output, for list commands

    @property
    def client_seconds(self) -> float:
        """Wall time minus the servers' time for the run's requests: the client's own share."""
        return self.seconds - self.traffic.server_seconds


@dataclass
class Command:
    key: str
    label: str
    argv: Callable[[str], list[str]]  # instance id -> argv
    env: Callable[[int, str], dict[str, str]]  # (run number, instance id) -> environment
    agents: tuple[str, ...] = ()  # User-Agent prefixes of this command's requests
    creates: bool = False  # makes one attachment on the bench's volume (deleted after each run)
    rows: Callable[[str], int] | None = None  # counts the rows in the command's output
    samples: list[Sample] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


@dataclass
class Bench:
    """Where commands run and how their effects are read and undone."""

    logs: Logs
    cinder: Cinder
    volume: str  # the volume that create commands attach
    workdir: Path


def run_once(cmd: Command, n: int, bench: Bench) -> Sample | str:
    """Run a command once; return its Sample, or a one-line failure."""
    instance = str(uuid.uuid4())
    argv, env = cmd.argv(instance), cmd.env(n, instance)
    out_path, err_path = bench.workdir / "last.out", bench.workdir / "last.err"
    mark = bench.logs.mark()
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=env,
                                cwd=bench.workdir / "cwd")  # fmt: skip
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - t0
    proc.returncode = code = os.waitstatus_to_exitcode(status)
    traffic = bench.logs.since(mark, cmd.agents)
    created = bench.cinder.clear(bench.volume) if cmd.creates else 0
    if code != 0:
        tail = " | ".join(err_path.read_text(errors="replace").strip().splitlines()[-3:])
        return f"exit {code}: {tail[:400]}"
    if cmd.creates and created != 1:
        return f"exit 0 but {created} attachments were found on the volume (expected 1)"
    rows = cmd.rows(out_path.read_text(errors="replace")) if cmd.rows else None
    return Sample(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, traffic, rows)


def run_retrying(cmd: Command, n: int, bench: Bench, where: str) -> Sample | None:
    """run_once, and once more if that failed; failures are kept in cmd.failures."""
    result = run_once(cmd, n, bench)
    if isinstance(result, str):
        say(f"{where}: {cmd.label}: FAILED: {result}; retrying once")
        result = run_once(cmd, n + 1000, bench)
        if isinstance(result, str):
            cmd.failures.append(result)
            say(f"{where}: {cmd.label}: FAILED again: {result}")
            return None
    return result


def run_rounds(commands: list[Command], bench: Bench, rounds: int, warmup: int, title: str) -> None:
    """`warmup` uncounted rounds, then `rounds` counted ones; each round runs every command once."""
    total = warmup + rounds
    say(f"{title}: {warmup} warm-up + {rounds} counted rounds of {len(commands)} commands, interleaved")
    for rnd in range(total):
        counted = rnd >= warmup
        for cmd in commands:
            sample = run_retrying(cmd, rnd, bench, f"{title}, round {rnd + 1}")
            if sample is not None and counted:
                cmd.samples.append(sample)
        done = [f"{c.key} {c.samples[-1].seconds * 1000:.0f}" for c in commands if counted and c.samples]
        progress = f"{title}: round {rnd + 1}/{total}{'' if counted else ' (warm-up)'}"
        say(progress + (": " + ", ".join(done) if done else ""))
