"""The prune scenario: `attach prune --volume VOL -f value -c verdict` (a dry run) over N seeded candidates,
each on its own server, which the bench's fake Nova answers for: a third held by their server (keep), a third
on live servers that do not hold them (prune), a third on servers that are gone (prune: their list and the
server are 404). It reports prune's time and its requests: Cinder's pages and Nova's look-ups."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from bench_lib.compute_catalog import FakeCompute
from bench_lib.envs import Envs
from bench_lib.report_doc import Block, Bullets, Heading, Line
from bench_lib.runner import Bench, Command, run_once, run_rounds
from bench_lib.settings import OURS, VENV, BenchError, say
from bench_lib.setup_steps import devcloud
from bench_lib.summary import Stats, stats_of

PRUNE_N = 1000
PRUNE_ROUNDS = 3


@dataclass
class PruneResult:
    size: int
    command: Command
    stats: Stats | None
    verdicts: Counter[str] = field(default_factory=Counter)  # of the last run


def program_servers(compute: FakeCompute, rows: list[tuple[str, str | None]], volume: str) -> Counter[str]:
    """Make the fake Nova answer for each attachment's server as the module's docstring says."""
    compute.control("POST", "/reset")
    compute.control("PUT", "/config", {"any_server": False})  # an unknown server is gone
    want: Counter[str] = Counter()
    for n, (att, server) in enumerate(rows):
        if server is None:
            want["unknown"] += 1
        elif n % 3 == 0:
            compute.control("PUT", f"/servers/{server}", {"volumes": [{"volume_id": volume, "attachment_id": att}]})
            want["keep"] += 1
        elif n % 3 == 1:
            compute.control("PUT", f"/servers/{server}", {"volumes": []})
            want["prune"] += 1
        else:
            want["prune"] += 1  # not programmed: gone
    return want


def verdict_counts(out: str) -> Counter[str]:
    return Counter(line.strip() for line in out.splitlines() if line.strip())


def run_prune(envs: Envs, bench: Bench, compute: FakeCompute, volume: str, rounds: int) -> PruneResult:
    attach = str(VENV / "bin" / "attach")
    say(f"prune: seeding volume {volume} to {PRUNE_N:,} attachments")
    held = int(devcloud("seed-attachments", volume, str(PRUNE_N)).strip())
    if held != PRUNE_N:
        raise BenchError(f"seed-attachments left {held} attachments on {volume}, not {PRUNE_N}")
    rows = bench.cinder.attachment_rows(volume)
    want = program_servers(compute, rows, volume)
    say(f"prune: the fake Nova answers for {len(rows):,} servers (expected verdicts: {dict(want)})")
    argv = [attach, "prune", "--volume", volume, "-f", "value", "-c", "verdict"]
    cmd = Command("prune", f"attach prune (dry run, N={PRUNE_N:,})", lambda i: argv, lambda n, i: envs.warm, OURS,
                  rows=lambda out: sum(verdict_counts(out).values()))  # fmt: skip
    try:
        first = run_once(cmd, -1, bench)  # warms the token cache, and checks the verdicts once
        if isinstance(first, str):
            raise BenchError(f"attach prune failed: {first}")
        got = verdict_counts((bench.workdir / "last.out").read_text())
        if got != want:
            raise BenchError(f"attach prune gave verdicts {dict(got)}, expected {dict(want)}")
        run_rounds([cmd], bench, rounds, 0, f"prune N={PRUNE_N:,}")
    finally:
        compute.control("PUT", "/config", {"any_server": True})
    return PruneResult(PRUNE_N, cmd, stats_of(cmd), got)


def prune_section(res: PruneResult) -> list[Block]:
    """Time, verdicts, and the requests of one run by service, for the page and the summary."""
    s = res.stats
    out: list[Block] = [Heading(f"Pruning {res.size:,} candidates (a dry run)")]
    if s is None:
        return [*out, Line("No successful run.")]
    first = res.command.samples[0].traffic
    cinder = Counter(f"{r.method} {r.path}" for r in first.requests if r.service == "cinder")
    nova = Counter(f"{r.method} {r.path} {r.status}" for r in first.compute)
    return [
        *out,
        Line(f"{s.label}: median {s.median:.2f} s (min {s.low:.2f}, max {s.high:.2f}; client {s.client:.2f} s),"
             f" {s.n} runs, peak RSS {s.rss_max_kb / 1024:.1f} MB; verdicts {dict(res.verdicts)}"),  # fmt: skip
        Line(f"Requests per run: {len(first.requests)} to Keystone and Cinder, {len(first.compute)} to the fake Nova"),
        Bullets([f"cinder `{k}` ×{v}" for k, v in cinder.items()] + [f"nova `{k}` ×{v}" for k, v in nova.items()]),
    ]
