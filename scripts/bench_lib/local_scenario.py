"""The local scenario: `attach local-attach` + `attach local-detach` of one volume on the devcloud's loop backend
(a loop device on this host), against the floor that makes the same calls (floor_local.py, run as two processes
too), in interleaved rounds. Needs root (loop devices, os-brick in-process)."""

from __future__ import annotations

import os
from dataclasses import dataclass

from bench_lib.envs import Envs
from bench_lib.report_doc import Block, Heading, Line, Prose, Table
from bench_lib.runner import Bench, Command, run_once, run_rounds
from bench_lib.settings import LIB, OURS, VENV, BenchError, mb, ms, say
from bench_lib.summary import Stats, stats_of

LOCAL_KEYS = ("attach", "floor")
OURS_SCRIPT = 'attach local-attach "$1" -f value -c device_path >/dev/null && attach local-detach "$1" >/dev/null'
FLOOR_SCRIPT = '"$2" "$3" attach >/dev/null && "$2" "$3" detach'


@dataclass
class LocalResult:
    commands: list[Command]
    stats: dict[str, Stats | None]


def local_commands(envs: Envs, volume: str, token: str, endpoint: str) -> list[Command]:
    python, floor = str(VENV / "bin" / "python"), str(LIB / "floor_local.py")
    ours_env = {**envs.warm, "CINDER_ATTACH_STATE_DIR": str(envs.workdir / "local-state")}
    floor_env = {**envs.base, "BENCH_TOKEN": token, "BENCH_ENDPOINT": endpoint, "BENCH_VOLUME": volume,
                 "BENCH_STATE": str(envs.workdir / "floor-local.json")}  # fmt: skip
    return [
        Command("attach", "attach local-attach + local-detach (warm cache)",
                lambda i: ["sh", "-c", OURS_SCRIPT, "sh", volume], lambda n, i: ours_env, OURS),
        Command("floor", "floor (same calls, os-brick in-process)",
                lambda i: ["sh", "-c", FLOOR_SCRIPT, "sh", volume, python, floor], lambda n, i: floor_env,
                ("bench-floor/",)),
    ]  # fmt: skip


def run_local(envs: Envs, bench: Bench, rounds: int, warmup: int) -> LocalResult:
    if os.geteuid() != 0:
        raise BenchError("the local scenario needs root (loop devices, os-brick in-process)")
    commands = local_commands(envs, bench.volume, bench.cinder.token, bench.cinder.endpoint)
    say("priming the warm token cache with a local attach + detach")
    primed = run_once(commands[0], -1, bench)
    if isinstance(primed, str):
        raise BenchError(f"attach local-attach + local-detach failed while priming: {primed}")
    run_rounds(commands, bench, rounds, warmup, "local")
    left = bench.cinder.attachments(bench.volume)
    if left:
        raise BenchError(f"the local rounds left attachments on {bench.volume}: {', '.join(left)}")
    return LocalResult(commands, {c.key: stats_of(c) for c in commands})


def local_section(st: dict[str, Stats | None]) -> list[Block]:
    """The report's section (docs/benchmarks.md, and without its prose the printed summary)."""
    ours, floor = st.get("attach"), st.get("floor")
    table = Table(["command", "median", "min", "max", "client time", "× floor", "requests/run", "peak RSS"],
                  "lrrrrrlr")  # fmt: skip
    for key in LOCAL_KEYS:
        s = st.get(key)
        if s is None:
            table.rows.append([key, "no successful run", *[""] * 6])
            continue
        ratio = f"{s.median / floor.median:.2f}×" if floor else "-"
        table.rows.append([s.label, f"**{ms(s.median)}**", ms(s.low), ms(s.high), ms(s.client), ratio, s.req_text,
                           mb(s.rss_max_kb)])  # fmt: skip
    out: list[Block] = [Heading("Local attach and detach"), Prose(
        "One round: `attach local-attach VOL -f value -c device_path` then `attach local-detach VOL` (two "
        "processes, warm token cache), against `scripts/bench_lib/floor_local.py attach` then `detach`: the same "
        "HTTP calls and the same os-brick calls (connector, guard, connect/disconnect), with nothing else. The "
        "volume is on the devcloud's loop backend, so the device is a loop device on this host."), table]  # fmt: skip
    if ours and floor:
        out.append(Line(f"`attach` takes {ours.median / floor.median:.2f}× the floor's time "
                        f"({ours.client / floor.client:.2f}× its client time)."))  # fmt: skip
        out.append(Prose(
            "Both pay os-brick's imports (with eventlet and the oslo libraries) in each of their two processes; "
            "`attach` ends with `os._exit` and so skips the interpreter's teardown, which after those imports is far "
            "dearer than after a plain create."))  # fmt: skip
    return out
