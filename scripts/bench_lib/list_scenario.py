"""The list scenario: one volume holding N attachments (seeded by `scripts/devcloud seed-attachments`),
listed by `attach list` (-f value -c id, and the table), a stdlib floor that pages with limit and
marker, `openstack volume attachment list` and `cinder attachment-list`, at each N in turn."""

from __future__ import annotations

from dataclasses import dataclass

from bench_lib.envs import Envs
from bench_lib.runner import Bench, Command, run_once, run_rounds
from bench_lib.settings import BENCH_VENV, LIB, LIST_MICROVERSION, OURS, VENV, BenchError, say
from bench_lib.setup_steps import devcloud
from bench_lib.summary import Stats, stats_of

LIST_KEYS = ("value", "table", "floor", "openstack", "cinder")
# openstackclient lists through cinderclient or openstacksdk, depending on the command and version.
OSC_AGENTS = ("openstacksdk/", "python-cinderclient", "osc-lib", "python-openstackclient", "keystoneauth1/")


def value_rows(out: str) -> int:
    return sum(1 for line in out.splitlines() if line.strip())


def table_rows(out: str) -> int:
    """Rows of a `+---+` table: its `|` lines minus the header."""
    return max(0, sum(1 for line in out.splitlines() if line.startswith("|")) - 1)


@dataclass
class ListResult:
    sizes: list[int]
    commands: dict[int, list[Command]]
    stats: dict[int, dict[str, Stats | None]]


def list_commands(envs: Envs, volume: str, token: str, endpoint: str) -> list[Command]:
    """The five ways of listing the volume's attachments. `attach list` gets --all-pages, which is a
    no-op once following pages is its default."""
    attach, python = str(VENV / "bin" / "attach"), str(VENV / "bin" / "python")
    osc, cinder_cli, mv = str(BENCH_VENV / "bin" / "openstack"), str(BENCH_VENV / "bin" / "cinder"), LIST_MICROVERSION
    listing = [attach, "list", "--volume-id", volume, "--all-pages"]
    floor_env = {**envs.base, "BENCH_TOKEN": token, "BENCH_ENDPOINT": endpoint, "BENCH_VOLUME": volume}
    return [
        Command("value", "attach list -f value -c id", lambda i: [*listing, "-f", "value", "-c", "id"],
                lambda n, i: envs.warm, OURS, rows=value_rows),
        Command("table", "attach list (table)", lambda i: listing, lambda n, i: envs.warm, OURS, rows=table_rows),
        Command("floor", "floor (stdlib, limit + marker)", lambda i: [python, str(LIB / "floor_list.py")],
                lambda n, i: floor_env, ("bench-floor/",), rows=value_rows),
        Command("openstack", "openstack volume attachment list",
                lambda i: [osc, "--os-volume-api-version", mv, "volume", "attachment", "list", "--volume-id", volume],
                lambda n, i: envs.cloud, OSC_AGENTS, rows=table_rows),
        Command("cinder", "cinder attachment-list",
                lambda i: [cinder_cli, "--os-volume-api-version", mv, "attachment-list", "--volume-id", volume],
                lambda n, i: envs.os_vars, ("python-cinderclient", "cinder keystoneauth1/"), rows=table_rows),
    ]  # fmt: skip


def run_list(envs: Envs, bench: Bench, volume: str, sizes: list[int], rounds: int) -> ListResult:
    """Seed the volume up to each size in turn (smallest first) and run the rounds there."""
    result = ListResult(sizes, {}, {})
    attach = str(VENV / "bin" / "attach")
    prime = Command("prime", "attach list --limit 1", lambda i: [attach, "list", "--volume-id", volume, "--limit", "1"],
                    lambda n, i: envs.warm, OURS)  # fmt: skip
    primed = run_once(prime, -1, bench)  # the warm token cache, and a check that attach works
    if isinstance(primed, str):
        raise BenchError(f"attach list failed before the list rounds: {primed}")
    for size in sorted(sizes):
        say(f"list: seeding volume {volume} to {size:,} attachments")
        held = int(devcloud("seed-attachments", volume, str(size)).strip())
        if held != size:
            raise BenchError(f"seed-attachments left {held} attachments on {volume}, not {size}")
        commands = list_commands(envs, volume, bench.cinder.token, bench.cinder.endpoint)
        run_rounds(commands, bench, rounds, 0, f"list N={size:,}")
        result.commands[size] = commands
        result.stats[size] = {c.key: stats_of(c) for c in commands}
    return result
