"""A command's samples reduced to what the reports show."""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass

from bench_lib.runner import Command


@dataclass
class Stats:
    label: str
    n: int
    median: float  # wall time
    low: float
    high: float
    client: float  # median of (wall time - the servers' time for the run's requests)
    server: float  # median of the servers' time
    cpu: float
    rss_max_kb: int
    rss_median_kb: float
    requests: list[int]
    compute: list[int]
    excluded: float
    pattern: list[str]  # the most common sequence of counted (Keystone + Cinder) requests
    compute_pattern: list[str]  # the fake compute endpoint's requests (first run)
    patterns: int  # how many different sequences were seen
    rows: list[int]  # rows of output per run (list commands)
    failures: list[str]
    foreign: list[str]  # other clients' lines seen during the runs (not counted)

    @property
    def req_text(self) -> str:
        lo, hi = min(self.requests), max(self.requests)
        text = str(lo) if lo == hi else f"{lo}–{hi} (median {statistics.median(self.requests):g})"
        if any(self.compute):
            clo, chi = min(self.compute), max(self.compute)
            text += f" (+{clo if clo == chi else f'{clo}–{chi}'} fake compute)"
        return text

    @property
    def rows_text(self) -> str:
        if not self.rows:
            return "-"
        lo, hi = min(self.rows), max(self.rows)
        return f"{lo:,}" if lo == hi else f"{lo:,}–{hi:,}"


def stats_of(cmd: Command) -> Stats | None:
    if not cmd.samples:
        return None
    s = cmd.samples
    times = [x.seconds for x in s]
    seqs = Counter(tuple(str(r) for r in x.traffic.requests) for x in s)
    return Stats(
        label=cmd.label,
        n=len(s),
        median=statistics.median(times),
        low=min(times),
        high=max(times),
        client=statistics.median(x.client_seconds for x in s),
        server=statistics.median(x.traffic.server_seconds for x in s),
        cpu=statistics.median(x.cpu for x in s),
        rss_max_kb=max(x.rss_kb for x in s),
        rss_median_kb=statistics.median(x.rss_kb for x in s),
        requests=[len(x.traffic.requests) for x in s],
        compute=[len(x.traffic.compute) for x in s],
        excluded=statistics.mean(x.traffic.excluded for x in s),
        pattern=list(seqs.most_common(1)[0][0]),
        compute_pattern=[str(r) for r in s[0].traffic.compute],
        patterns=len(seqs),
        rows=[x.rows for x in s if x.rows is not None],
        failures=cmd.failures,
        foreign=[line for x in s for line in x.traffic.foreign],
    )


def raw_samples(commands: list[Command]) -> list[dict[str, object]]:
    """Every sample, for the JSON results file (and the plot)."""
    return [
        {"key": c.key, "label": c.label, "seconds": [s.seconds for s in c.samples],
         "client_seconds": [s.client_seconds for s in c.samples], "rss_kb": [s.rss_kb for s in c.samples],
         "cpu": [s.cpu for s in c.samples], "rows": [s.rows for s in c.samples],
         "requests": [[str(r) for r in s.traffic.requests] for s in c.samples],
         "compute": [[str(r) for r in s.traffic.compute] for s in c.samples], "failures": c.failures,
         "foreign": [s.traffic.foreign for s in c.samples]}
        for c in commands
    ]  # fmt: skip
