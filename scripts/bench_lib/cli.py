"""scripts/bench: time `attach` against openstackclient, cinderclient and floor scripts, on the devcloud.

Everything runs against the devcloud (real Keystone and Cinder on 127.0.0.1; `scripts/devcloud up`,
honouring DEVCLOUD_DIR), in interleaved rounds: every round runs each command once, in a fixed
order, so that machine noise hits all of them alike. Reported per command: median, min and max wall
time (spawn to exit, via os.wait4), client time (wall time minus the servers' time for the run's
requests, from the access logs), peak RSS (the child's ru_maxrss), and the HTTP requests per run,
counted from the devcloud's access logs (the lines appended while that one run was alive).
Output: a summary on stdout, docs/benchmarks.md, docs/benchmarks.png (if matplotlib installs), and
the raw samples in .cache/bench-results.json.

  scripts/bench                   every scenario: create (15 rounds + 1 warm-up), list (3 rounds per N),
                                  prune (3 rounds), and, as root, local (15 rounds + 1 warm-up)
  scripts/bench --only list       one scenario (create, list, prune or local; --only prune prints its
                                  summary and writes the JSON, but leaves docs/benchmarks.md alone)
  scripts/bench --rounds 30       more rounds (for the scenarios that run)
  scripts/bench --sizes 1000      the list scenario at these N only (default 1000,5000,20000)
  scripts/bench --no-install      use .venv and .cache/bench-venv as they are
  DEVCLOUD_DIR=$PWD/.devcloud-bench scripts/bench    a devcloud of its own

Create scenario (each run gets a fresh instance id, uuid4; all as the devcloud's member user):
  attach create354 (warm)   the token cache holds a token: expected 1 request
  attach create354 (cold)   a fresh XDG_CACHE_HOME per run: expected 2 requests (token + create)
  openstack                 python-openstackclient, `volume attachment create VOL --server ID --mode rw`
  cinder                    python-cinderclient, `attachment-create VOL ID --mode rw`
  floor                     scripts/bench_lib/floor.py: import typer, httpx, attrs + one POST
  attach --help  vs  python -c "import typer"                    (same .venv python)
  attach create354 --dry-run (warm)  vs  python -c "import typer, httpx, attrs"
and, untimed, where a cold --dry-run's import time goes (PYTHONPROFILEIMPORTTIME), by package.

Prune scenario: a volume seeded to 1000 attachments, each on its own server, which the fake compute
endpoint answers for (a third held, a third on live servers that do not hold them, a third gone);
`attach prune --volume VOL -f value -c verdict` (a dry run); reported: time, verdicts, and the
requests of one run (Cinder's pages, and Nova's look-ups counted in the fake's access log).

List scenario: a volume seeded to N attachments (`scripts/devcloud seed-attachments`), listed by
`attach list -f value -c id`, `attach list` (table), scripts/bench_lib/floor_list.py (stdlib, limit +
marker), `openstack volume attachment list` and `cinder attachment-list` (these two stop at 1000).

Local scenario (root only: loop devices): `attach local-attach VOL` then `attach local-detach VOL` on a
volume of the devcloud's loop backend, against scripts/bench_lib/floor_local.py run the same way (attach,
then detach): the same HTTP calls, os-brick in-process, nothing else.

openstackclient looks the server up in Nova; the devcloud has none, so the bench starts a minimal fake
compute endpoint (scripts/devcloud_lib/fake_nova.py, --any-server) and registers it in the devcloud's
Keystone catalog as service type `compute` (service name `bench-fake-compute`, idempotent), and removes it at
the end. Each create is cleaned up (the attachment deleted, untimed) before the next run, because
Cinder takes a new reservation on a volume only when no other one is pending. The bench's volumes
(and the seeded attachments) are deleted at the end.

Exit status: 0 when the bench ran (even if a target was missed: see MISS in the report), 1 when it
could not run (set-up failed, or some command never succeeded), 130 when interrupted.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench_lib.orchestrate import Leftovers, run
from bench_lib.settings import (
    CREATE_ROUNDS,
    DOC_MD,
    DOC_PNG,
    LIST_ROUNDS,
    LIST_SIZES,
    REPO,
    RESULTS_JSON,
    BenchError,
    say,
)  # fmt: skip
from bench_lib.setup_steps import devcloud
from devcloud_lib.client import ClientError


def sizes(text: str) -> list[int]:
    try:
        found = sorted({int(part.replace("_", "")) for part in text.split(",") if part.strip()})
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of numbers: {text!r}") from None
    if not found or found[0] < 1:
        raise argparse.ArgumentTypeError("sizes must be at least 1")
    return found


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="scripts/bench", description=(__doc__ or "").split("\n\n")[0])
    p.add_argument("--only", choices=["create", "list", "prune", "local"], help="run one scenario (default: all)")
    p.add_argument("--rounds", type=int, help=f"counted rounds (default {CREATE_ROUNDS} create, {LIST_ROUNDS} list)")
    p.add_argument("--warmup", type=int, default=1, help="uncounted create rounds first (default 1)")
    p.add_argument("--sizes", type=sizes, default=list(LIST_SIZES), help="list scenario's N, comma-separated")
    p.add_argument("--no-install", action="store_true", help="do not (re)install .venv or the bench venv")
    p.add_argument("--no-plot", action="store_true", help="no PNG plot (skips installing matplotlib)")
    p.add_argument("--keep-up", action="store_true", help="leave the devcloud up if the bench started it")
    p.add_argument("--md", type=Path, default=DOC_MD, help=f"the report (default {DOC_MD.relative_to(REPO)})")
    p.add_argument("--png", type=Path, default=DOC_PNG, help=f"the plot (default {DOC_PNG.relative_to(REPO)})")
    p.add_argument("--json", type=Path, default=RESULTS_JSON, help="raw samples")
    return p


@contextlib.contextmanager
def terminate_on_signal() -> Iterator[None]:
    """SIGTERM behaves like Ctrl-C, so the clean-up in `finally` runs."""

    def handler(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    old = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, old)


def clean_up(left: Leftovers, keep_up: bool) -> None:
    for volume in left.seeded:
        with contextlib.suppress(BenchError):
            devcloud("unseed", volume)
    for volume in left.volumes:
        with contextlib.suppress(BenchError, ClientError, OSError, KeyError):
            if left.cinder is not None:
                left.cinder.delete_volume(volume)
    if left.compute is not None:
        with contextlib.suppress(BenchError, ClientError, OSError):
            left.compute.deregister()
        left.compute.stop()
    if left.started_devcloud and not keep_up:
        say("stopping the devcloud the bench started")
        with contextlib.suppress(BenchError):
            devcloud("down")


def main(argv: list[str] | None = None) -> int:
    p = parser()
    args = p.parse_args(argv)
    if (args.rounds is not None and args.rounds < 1) or args.warmup < 0:
        p.error("--rounds must be ≥ 1 and --warmup ≥ 0")
    os.chdir(REPO)
    workdir = Path(tempfile.mkdtemp(prefix="cinder-attach-bench-"))
    left = Leftovers()
    try:
        with terminate_on_signal():
            return run(args, workdir, left)
    except BenchError as exc:
        print(f"scripts/bench: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("scripts/bench: interrupted", file=sys.stderr)
        return 130
    finally:
        clean_up(left, args.keep_up)
        shutil.rmtree(workdir, ignore_errors=True)
