"""The targets the reports judge (PASS, MISS, or N/A when not measured), with their margins."""

from __future__ import annotations

from dataclasses import dataclass

from bench_lib.settings import DISCOVERY_RE, mb, ms
from bench_lib.summary import Stats

StatsMap = dict[str, Stats | None]
# "Flat": at most this much more peak RSS for -f value at the largest N than at the smallest. A list that
# kept its rows would grow by tens of MB from 1,000 to 20,000 (a row costs ~1 KB as models and dicts).
FLAT_GROWTH_MB = 5.0


@dataclass
class Target:
    name: str
    want: str
    got: str
    ok: bool | None  # None: could not be measured
    margin: float | None = None  # how far inside (+) or outside (-) the limit, as a fraction

    @property
    def margin_text(self) -> str:
        return "" if self.margin is None else f"{self.margin * 100:+.1f}%"

    @property
    def verdict(self) -> str:
        return "PASS" if self.ok else ("MISS" if self.ok is False else "N/A")


def limit(name: str, want: str, value: float | None, bound: float, at_least: bool) -> Target:
    """A ratio that must be at least (or at most) `bound`."""
    if value is None:
        return Target(name, want, "-", None)
    margin = value / bound - 1 if at_least else bound / value - 1
    return Target(name, want, f"{value:.3f}×", margin >= 0, margin)


def rss_limit(name: str, stats: Stats | None, limit_mb: float) -> Target:
    want = f"≤ {limit_mb:g} MB"
    if stats is None:
        return Target(name, want, "-", None)
    bound = limit_mb * 1024
    return Target(name, want, mb(stats.rss_max_kb), stats.rss_max_kb <= bound, bound / stats.rss_max_kb - 1)


def ratio(st: StatsMap, a: str, b: str, client: bool = False) -> float | None:
    x, y = st.get(a), st.get(b)
    if x is None or y is None:
        return None
    return x.client / y.client if client else x.median / y.median


def only(st: StatsMap, key: str, want: list[str]) -> tuple[bool | None, str]:
    """Every run made exactly the requests `want` ("service METHOD path"), in that order."""
    s = st.get(key)
    if s is None:
        return None, "not measured"
    seen = [" ".join(p.split()[:3]) for p in s.pattern]
    return s.patterns == 1 and seen == want, f"{s.req_text}: " + ", ".join(s.pattern)


def no_discovery(st: StatsMap) -> Target:
    disc = [
        p
        for key in ("warm", "cold")
        if (s := st.get(key)) is not None
        for p in s.pattern
        if p.split()[1] == "GET" and DISCOVERY_RE.match(p.split()[2])
    ]
    measured = st.get("warm") is not None and st.get("cold") is not None
    return Target("no version-discovery GET (warm, cold)", "none", ", ".join(disc) or "none",
                  None if not measured else not disc)  # fmt: skip


def evaluate_create(st: StatsMap) -> list[Target]:
    warm_only = only(st, "warm", ["cinder POST /v3/{id}/attachments"])
    cold_only = only(st, "cold", ["keystone POST /v3/auth/tokens", "cinder POST /v3/{id}/attachments"])
    return [
        limit("warm create354 vs openstack", "≥ 5.5× faster", ratio(st, "openstack", "warm"), 5.5, True),
        limit("warm create354 vs cinder", "≥ 3× faster", ratio(st, "cinder", "warm"), 3.0, True),
        limit("warm create354 vs floor", "≤ 1.05× the floor", ratio(st, "warm", "floor"), 1.05, False),
        limit("warm create354 client time vs the floor's", "≤ 1.1×", ratio(st, "warm", "floor", True), 1.1, False),
        Target("warm: HTTP requests per run", "1 (the create)", warm_only[1], warm_only[0]),
        Target("cold: HTTP requests per run", "2 (token + create)", cold_only[1], cold_only[0]),
        no_discovery(st),
        limit("attach --help vs python -c 'import typer'", "≤ 1.2×", ratio(st, "help", "import_typer"), 1.2, False),
        limit("create354 --dry-run vs the floor's imports", "≤ 1.3×", ratio(st, "dry_run", "imports"), 1.3, False),
        rss_limit("peak RSS, warm create354 (max of runs)", st.get("warm"), 45),
    ]


def evaluate_list(stats: dict[int, StatsMap]) -> list[Target]:
    targets = []
    for size, st in sorted(stats.items()):
        for key, what in (("value", "-f value -c id"), ("table", "table")):
            name = f"list {what} vs the floor, N={size:,}"
            targets.append(limit(name, "≤ 1.1× the floor", ratio(st, key, "floor"), 1.1, False))
        s = st.get("value")
        got = "-" if s is None else s.rows_text
        targets.append(Target(f"list -f value -c id shows all rows, N={size:,}", f"{size:,}", got,
                              None if s is None else s.rows == [size] * len(s.rows)))  # fmt: skip
    biggest = max(stats, default=None)
    if biggest is not None:
        st = stats[biggest]
        targets.append(rss_limit(f"peak RSS, list -f value -c id, N={biggest:,}", st.get("value"), 45))
        targets.append(rss_limit(f"peak RSS, list (table), N={biggest:,}", st.get("table"), 60))
    if len(stats) > 1:
        targets.append(rss_growth(stats))
    return targets


def rss_growth(stats: dict[int, StatsMap]) -> Target:
    """-f value streams: its peak RSS may grow a little with N (allocator slack), never in step with it."""
    small, big = min(stats), max(stats)
    a, b = stats[small].get("value"), stats[big].get("value")
    name = f"flat memory: -f value peak RSS, N={small:,} → {big:,}"
    want = f"grows ≤ {FLAT_GROWTH_MB:g} MB"
    if a is None or b is None:
        return Target(name, want, "-", None)
    grown = (b.rss_max_kb - a.rss_max_kb) / 1024
    got = f"{mb(a.rss_max_kb)} → {mb(b.rss_max_kb)} ({grown:+.1f} MB)"
    return Target(name, want, got, grown <= FLAT_GROWTH_MB, FLAT_GROWTH_MB / max(grown, 0.1) - 1)


def reachability(stats: StatsMap) -> list[str]:
    """Sentences on the anchor targets that even the floor cannot meet on this machine."""
    floor, notes = stats.get("floor"), []
    for key, name, want in (("openstack", "openstack", 5.5), ("cinder", "cinder", 3.0)):
        anchor = stats.get(key)
        if floor is None or anchor is None:
            continue
        best = anchor.median / floor.median
        if best < want:
            notes.append(
                f"The floor itself is only {best:.2f}× faster than {name} here, so no CLI built on typer, httpx and"
                f" attrs can be {want:g}× faster on this machine: `{name}` is faster here than the target assumed."
            )
        elif (warm := stats.get("warm")) is not None and anchor.median / warm.median < want:
            need = anchor.median / want
            notes.append(
                f"To be {want:g}× faster than {name}, warm create354 would need {ms(need)} or less: within"
                f" {(need / floor.median - 1) * 100:.0f}% of the floor ({ms(floor.median)})."
            )
    return notes
