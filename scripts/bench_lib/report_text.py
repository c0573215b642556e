"""The summary printed on stdout at the end of a run."""

from __future__ import annotations

from bench_lib.create_scenario import LADDERS, NETWORK
from bench_lib.list_scenario import LIST_KEYS
from bench_lib.prune_scenario import prune_lines
from bench_lib.results import Results
from bench_lib.settings import mb, ms, signed_ms
from bench_lib.summary import Stats
from bench_lib.targets import reachability

StatsMap = dict[str, Stats | None]


def create_lines(st: StatsMap) -> list[str]:
    floor, osc, cin = st.get("floor"), st.get("openstack"), st.get("cinder")
    lines = [f"{'command':44} {'median':>7} {'min':>7} {'max':>7} {'client':>7} {'×floor':>6} {'osc/x':>6}"
             f" {'cinder/x':>8} {'peak RSS':>8}  requests/run"]  # fmt: skip
    for key, s in st.items():
        if s is None:
            lines.append(f"{key:44} (no successful run)")
            continue
        rf = f"{s.median / floor.median:.2f}" if floor else "-"
        ro = f"{osc.median / s.median:.2f}" if osc and key in NETWORK else ""
        rc = f"{cin.median / s.median:.2f}" if cin and key in NETWORK else ""
        client = ms(s.client) if key in NETWORK else ""
        lines.append(f"{s.label:44} {ms(s.median):>7} {ms(s.low):>7} {ms(s.high):>7} {client:>7} {rf:>6} {ro:>6}"
                     f" {rc:>8} {mb(s.rss_max_kb):>8}  {s.req_text}")  # fmt: skip
    lines.append("(client: wall time minus the servers' time; osc/x, cinder/x: how many times faster than them)")
    for title, steps in LADDERS:
        got = [(label, st.get(key)) for label, key in steps]
        parts, prev = [], None
        for label, s in got:
            if s is None:
                break
            parts.append(f"{label} {ms(s.median)}" + (f" ({signed_ms(s.median - prev)})" if prev is not None else ""))
            prev = s.median
        else:
            lines.append(f"{title}: " + " → ".join(parts))
    return lines


def list_lines(stats: dict[int, StatsMap]) -> list[str]:
    lines = [f"{'N':>6} {'command':36} {'median':>8} {'client':>8} {'×floor':>6} {'peak RSS':>8} {'rows':>7}"]
    for size, st in sorted(stats.items()):
        floor = st.get("floor")
        for key in LIST_KEYS:
            s = st.get(key)
            if s is None:
                lines.append(f"{size:>6} {key:36} (no successful run)")
                continue
            rf = f"{s.median / floor.median:.2f}" if floor else "-"
            lines.append(f"{size:>6} {s.label:36} {ms(s.median):>8} {ms(s.client):>8} {rf:>6}"
                         f" {mb(s.rss_max_kb):>8} {s.rows_text:>7}")  # fmt: skip
    return lines


def render_summary(res: Results) -> str:
    lines = ["", "== scripts/bench: interleaved rounds; ratios are of medians =="]
    if res.create:
        lines += ["", "-- creating an attachment --", *create_lines(res.create.stats)]
    if res.listing:
        lines += ["", "-- listing a volume's attachments --", *list_lines(res.listing.stats)]
    if res.prune:
        lines += ["", "-- pruning a volume's attachments (dry run) --", *prune_lines(res.prune)]
    nforeign = sum(len(s.foreign) for s in res.all_stats())
    if nforeign:
        lines.append(f"WARNING: {nforeign} access-log lines of other clients fell into runs (not counted)")
    lines += ["", "targets:"]
    lines += [
        f"  {t.verdict:4}  {t.name}: {t.got} (want {t.want}" + (f"; margin {t.margin_text})" if t.margin_text else ")")
        for t in res.targets
    ]
    lines += [f"  note: {n}" for n in (reachability(res.create.stats) if res.create else [])]
    if res.create:
        lines += ["", "watched modules loaded (sys.modules at exit):"]
        lines += [f"  {k:8} {', '.join(sorted(v)) or '-'}" for k, v in res.create.imports.items()]
    if res.breakdown:
        top = ", ".join(f"{g.package} {g.self_us / 1000:.0f} ms" for g in res.breakdown.groups[:8])
        lines += ["", f"cold --dry-run imports ({res.breakdown.total_us / 1000:.0f} ms in all): {top}"]
    return "\n".join(lines)
