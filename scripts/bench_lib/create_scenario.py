"""The create scenario: `attach create354` (warm and cold token cache) against `openstack`, `cinder`
and the floor, plus the start-up baselines, in interleaved rounds on one multiattach volume."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from bench_lib.envs import Envs
from bench_lib.runner import Bench, Command, run_once, run_rounds
from bench_lib.settings import BENCH_VENV, LIB, MICROVERSION, OURS, VENV, WATCHED_MODULES, BenchError, say
from bench_lib.summary import Stats, stats_of
from probe_lib import modules_at_exit

NETWORK = ("warm", "cold", "openstack", "cinder", "floor")
LADDERS = (
    (
        "attach --help",
        (("python -c pass", "bare"), ("+ import typer", "import_typer"), ("attach --help", "help")),
    ),
    (
        "attach create354 --dry-run (warm cache)",
        (
            ("python -c pass", "bare"),
            ("+ import typer", "import_typer"),
            ("+ import httpx, attrs", "imports"),
            ("+ import the generated client", "imports_client"),
            ("attach create354 --dry-run", "dry_run"),
        ),
    ),
)
GENERATED_IMPORT = "import cinder_attach_client.api.attachments.create_attachment, cinder_attach_client.models"
STARTUP = (("help", "import_typer"), ("dry_run", "imports"))


@dataclass
class CreateResult:
    commands: list[Command]
    stats: dict[str, Stats | None]
    imports: dict[str, set[str]]


def create_argv(volume: str, instance: str) -> list[str]:
    attach = str(VENV / "bin" / "attach")
    return [attach, "create354", "--volume-uuid", volume, "--instance-uuid", instance, "--mode", "rw"]


def network_commands(envs: Envs, volume: str, token: str, endpoint: str) -> list[Command]:
    """The five that make an attachment."""
    python = str(VENV / "bin" / "python")
    osc, cinder_cli, mv = str(BENCH_VENV / "bin" / "openstack"), str(BENCH_VENV / "bin" / "cinder"), MICROVERSION
    floor_env = {**envs.base, "BENCH_TOKEN": token, "BENCH_ENDPOINT": endpoint, "BENCH_VOLUME": volume}

    def create(instance: str) -> list[str]:
        return create_argv(volume, instance)

    return [
        Command("warm", "attach create354 (warm cache)", create, lambda n, i: envs.warm, OURS, creates=True),
        Command("cold", "attach create354 (cold cache)", create, lambda n, i: envs.cold(n), OURS, creates=True),
        Command("openstack", "openstack volume attachment create",
                lambda i: [osc, "--os-volume-api-version", mv, "volume", "attachment", "create", volume, "--server",
                           i, "--mode", "rw"],
                lambda n, i: envs.cloud, ("openstacksdk/",), creates=True),
        Command("cinder", "cinder attachment-create",
                lambda i: [cinder_cli, "--os-volume-api-version", mv, "attachment-create", volume, i, "--mode", "rw"],
                lambda n, i: envs.os_vars, ("python-cinderclient", "cinder keystoneauth1/"), creates=True),
        Command("floor", "floor (import typer, httpx, attrs + 1 POST)", lambda i: [python, str(LIB / "floor.py")],
                lambda n, i: {**floor_env, "BENCH_INSTANCE": i}, ("bench-floor/",), creates=True),
    ]  # fmt: skip


def startup_commands(envs: Envs, volume: str) -> list[Command]:
    """`attach --help` and `--dry-run`, and the import baselines they are compared with."""
    attach, python = str(VENV / "bin" / "attach"), str(VENV / "bin" / "python")

    def py(code: str) -> list[str]:
        return [python, "-c", code]

    return [
        Command("help", "attach --help", lambda i: [attach, "--help"], lambda n, i: envs.warm, OURS),
        Command("import_typer", "python -c 'import typer'", lambda i: py("import typer"), lambda n, i: envs.base),
        Command("dry_run", "attach create354 --dry-run (warm cache)", lambda i: [*create_argv(volume, i), "--dry-run"],
                lambda n, i: envs.warm, OURS),
        Command("imports", "python -c 'import typer, httpx, attrs'", lambda i: py("import typer, httpx, attrs"),
                lambda n, i: envs.base),
        Command("bare", "python -c pass", lambda i: py("pass"), lambda n, i: envs.base),
        Command("imports_client", "python -c 'import typer, httpx, attrs, <generated client>'",
                lambda i: py(f"import typer, httpx, attrs; {GENERATED_IMPORT}"), lambda n, i: envs.base),
    ]  # fmt: skip


def import_check(by_key: dict[str, Command], bench: Bench) -> dict[str, set[str]]:
    """Which watched top-level packages `attach` imports for --help, a warm create, and a warm --dry-run."""
    python = VENV / "bin" / "python"
    found: dict[str, set[str]] = {}
    for key in ("help", "warm", "dry_run", "cold"):
        cmd = by_key[key]
        instance = str(uuid.uuid4())
        script, *argv = cmd.argv(instance)
        ran = modules_at_exit(script, argv, python=python, env=cmd.env(10_000, instance), cwd=bench.workdir / "cwd")
        names, code = ran.top_level(), ran.code
        if cmd.creates:
            bench.cinder.clear(bench.volume)
        found[key] = {m for m in WATCHED_MODULES if m in names} if code == 0 else {f"(exit {code})"}
    return found


def run_create(envs: Envs, bench: Bench, rounds: int, warmup: int) -> CreateResult:
    commands = network_commands(envs, bench.volume, bench.cinder.token, bench.cinder.endpoint)
    commands += startup_commands(envs, bench.volume)
    by_key = {c.key: c for c in commands}
    say("priming the warm token cache")  # and checking that attach works, before anything is timed
    primed = run_once(by_key["warm"], -1, bench)
    if isinstance(primed, str):
        raise BenchError(f"attach create354 failed while priming the cache: {primed}")
    run_rounds(commands, bench, rounds, warmup, "create")
    say("import check (sys.modules at exit, untimed)")
    imports = import_check(by_key, bench)
    return CreateResult(commands, {c.key: stats_of(c) for c in commands}, imports)
