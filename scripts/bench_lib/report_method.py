"""docs/benchmarks.md's closing sections (report_doc blocks): how it was measured, what went wrong, the machine,
rerunning."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bench_lib.report_doc import Block, Bullets, Code, Heading, Line, Prose
from bench_lib.settings import ANCHOR_REQS, COMPUTE_NAME, MICROVERSION, PLOT_REQS

if TYPE_CHECKING:
    from bench_lib.results import Results

CREATE_METHOD = [
    "- **Same run, interleaved:** each create round runs the eleven commands once in this order: warm, cold,"
    " openstack, cinder, floor, `attach --help`, `import typer`, `--dry-run`, `import typer, httpx, attrs`,"
    " `python -c pass`, and the import of the generated client. Medians are compared only within one run.",
    "- **Wall time** is `time.perf_counter()` around spawning the process and `os.wait4()` on it; **peak RSS**"
    " is that child's `ru_maxrss` from `os.wait4()`, the largest of all runs; **CPU** is its user + system time.",
    "- **Client time** is a run's wall time minus the server time of each request it made. The devcloud's access"
    " logs record a request's server time from the moment the WSGI app got it to the moment its answer was"
    " ready (Cinder's includes validating the token with Keystone); the fake compute endpoint logs the same.",
    "- **The same cloud:** all commands act as the devcloud's `member` user in project `demo`. `attach` and"
    " `openstack` read the devcloud's clouds.yaml (`OS_CLIENT_CONFIG_FILE`, `OS_CLOUD=devcloud`);"
    " `cinder` cannot read clouds.yaml, so it gets the same cloud as `OS_AUTH_URL`, `OS_USERNAME`, … variables."
    " Each run gets a fresh instance id (uuid4) and attaches the same multiattach volume with `--mode rw` at"
    f" microversion {MICROVERSION}; the bench deletes the attachment after each run (untimed), because Cinder"
    " refuses a new reservation while another one is pending.",
    "- **Warm** means the token cache already holds a token for the cloud (primed once before the rounds);"
    " **cold** gets a new, empty `XDG_CACHE_HOME` on every run, so it logs in to Keystone (and imports"
    " openstacksdk and keystoneauth1) every time.",
    "- **The floor** (`scripts/bench_lib/floor.py`, run by the same `.venv` python) imports typer, httpx and"
    " attrs, then makes one `POST …/attachments` with a token the bench got beforehand, with an httpx client"
    " made as `attach` makes it for plain http (`verify=False`, `trust_env=False`), and prints the id. It is"
    " the least a CLI built on these libraries can do for the same request.",
    "- **Exit:** `attach`'s console script flushes its output and ends with `os._exit`, skipping the"
    " interpreter's teardown (freeing every module and object one by one), as mypy's does. The floor and the"
    " `python -c` baselines are ordinary scripts and pay that teardown, so part of what `attach` saves is"
    " there: it counts, since a user waits for the process to end, but the floor could do the same.",
    "- **openstackclient needs Nova:** `openstack volume attachment create VOL --server ID` looks the server"
    " up in the compute service first, and the devcloud has no Nova. The bench starts the devcloud's fake"
    " Nova (`scripts/devcloud_lib/fake_nova.py`, stdlib, on 127.0.0.1, every server id found) and registers"
    f" it in the devcloud's Keystone catalog as service type `compute` (service `{COMPUTE_NAME}`), then"
    " removes it at the end. For create it answers what osc asks (`GET /v2.1`, then"
    " `GET /v2.1/servers/{id}`). Its requests are shown as"
    ' "+N fake compute" and are not in the devcloud counts; a real Nova would add its own latency to'
    " `openstack`, so its time here is a lower bound.",
    "- A run that fails is retried once; failures are listed below. Every counted create run made exactly one"
    " attachment (checked by listing the volume's attachments afterwards).",
]
LIST_METHOD = [
    "- **Listing:** a second multiattach volume is seeded to each N in turn (smallest first) with"
    " `scripts/devcloud seed-attachments`, and removed at the end (`unseed`, then the volume). Each round runs"
    " `attach list --volume-id V --all-pages -f value -c id`, the same as a table, the floor"
    " (`scripts/bench_lib/floor_list.py`: stdlib `http.client`, pages of 1000 with `limit` and `marker`, one"
    " id a line), `openstack volume attachment list --volume-id V` and `cinder attachment-list --volume-id V`"
    " (both at microversion 3.27), with the warm token cache for `attach`.",
]


def method_section(res: Results) -> list[Block]:
    items = (CREATE_METHOD if res.create else CREATE_METHOD[1:3]) + (LIST_METHOD if res.listing else [])
    out: list[Block] = [Heading("How it was measured"), Bullets([item.removeprefix("- ") for item in items])]
    stats = res.all_stats()
    foreign = [(s.label, f) for s in stats for f in s.foreign]
    if foreign:
        out += [Line(f"{len(foreign)} access-log lines from other clients fell into runs and were not counted"
                     " (the devcloud was shared); the first ones:"),
                Bullets([f"during {label}: `{f}`" for label, f in foreign[:10]])]  # fmt: skip
    else:
        out.append(Line("No access-log line from any other client fell into a run."))
    fails = [(s.label, f) for s in stats for f in s.failures]
    if fails:
        out += [Line("Failed runs (not counted):"), Bullets([f"{label}: `{f}`" for label, f in fails])]
    return out


def machine_section(info: dict[str, Any]) -> list[Block]:
    items = [
        f"date: {info['date']}",
        f"nproc: {info['nproc']} ({info['cpu']}), Linux {info['kernel']}",
        f"python: {info['python']}",
        f"load average at start / end: {' '.join(f'{v:.2f}' for v in info['loadavg_start'])} /"
        f" {' '.join(f'{v:.2f}' for v in info['loadavg_end'])} (a shared machine: other work may have been running)",
        f"devcloud: Keystone {info['devcloud']['keystone']}, Cinder {info['devcloud']['cinder']}"
        f" (maximum microversion {info['devcloud']['max_microversion']})",
    ]
    for venv, versions in info["versions"].items():
        listed = ", ".join(f"{k} {v}" if v else f"{k} (not installed)" for k, v in versions.items())
        items.append(f"{venv}: {listed}")
    return [Heading("Machine"), Bullets(items)]


def rerun_section() -> list[Block]:
    return [
        Heading("Rerun"),
        Code(
            [
                "scripts/bench                    # installs what it needs, starts the devcloud if it is down,",
                "                                 # and rewrites docs/benchmarks.md (and docs/benchmarks.png)",
                "scripts/bench --rounds 30        # more rounds (default: 15 for create, 3 for list)",
                "scripts/bench --only list --sizes 1000,5000   # one scenario, chosen sizes",
                "DEVCLOUD_DIR=$PWD/.devcloud-bench scripts/bench   # on a devcloud of its own",
            ]
        ),
        Prose(
            "The anchors live in `.cache/bench-venv` (pinned: " + ", ".join(f"`{r}`" for r in ANCHOR_REQS) + "; and"
            f" `{PLOT_REQS[0]}` for the plot). Raw samples go to `.cache/bench-results.json`. The bench exits 0 when"
            " it ran, whether or not the targets were met, and 1 when it could not run."
        ),
    ]
