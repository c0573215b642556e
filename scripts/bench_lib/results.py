"""Everything one bench invocation measured, as the reports and the JSON file need it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench_lib.create_scenario import CreateResult
from bench_lib.importtime import Breakdown
from bench_lib.list_scenario import ListResult
from bench_lib.local_scenario import LocalResult
from bench_lib.prune_scenario import PruneResult
from bench_lib.summary import Stats, raw_samples
from bench_lib.targets import Target, evaluate_create, evaluate_list


@dataclass
class Results:
    info: dict[str, Any]
    create: CreateResult | None = None
    listing: ListResult | None = None
    local: LocalResult | None = None
    prune: PruneResult | None = None
    breakdown: Breakdown | None = None
    png: Path | None = None  # the plot, if one was drawn
    targets: list[Target] = field(default_factory=list)

    def judge(self) -> None:
        self.targets = evaluate_create(self.create.stats) if self.create else []
        if self.listing:
            self.targets += evaluate_list(self.listing.stats)

    def all_stats(self) -> list[Stats]:
        found = [s for s in (self.create.stats.values() if self.create else []) if s is not None]
        if self.prune and self.prune.stats:
            found.append(self.prune.stats)
        for per_size in (self.listing.stats.values() if self.listing else []):
            found += [s for s in per_size.values() if s is not None]
        found += [s for s in (self.local.stats.values() if self.local else []) if s is not None]
        return found

    def raw(self) -> dict[str, Any]:
        """The JSON results file's content."""
        targets = [t.__dict__ | {"verdict": t.verdict} for t in self.targets]
        data: dict[str, Any] = {"info": self.info, "targets": targets}
        if self.create:
            data["commands"] = raw_samples(self.create.commands)
            data["imports"] = {k: sorted(v) for k, v in self.create.imports.items()}
        if self.listing:
            data["list"] = {str(n): raw_samples(cmds) for n, cmds in self.listing.commands.items()}
        if self.local:
            data["local"] = raw_samples(self.local.commands)
        if self.prune:
            data["prune"] = {"size": self.prune.size, "verdicts": dict(self.prune.verdicts),
                             "samples": raw_samples([self.prune.command])}  # fmt: skip
        if self.breakdown:
            data["import_breakdown"] = {"total_us": self.breakdown.total_us,
                                        "groups": [g.__dict__ for g in self.breakdown.groups],
                                        "warm_total_us": self.breakdown.warm_total_us,
                                        "warm_self_us": self.breakdown.warm_self_us}  # fmt: skip
        return data
