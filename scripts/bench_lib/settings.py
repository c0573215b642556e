"""The bench's fixed choices: paths, pinned anchors, user agents, and how it reports progress."""

from __future__ import annotations

import re
import runpy
import sys
import time
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent.parent
REPO = SCRIPTS.parent
LIB = SCRIPTS / "bench_lib"
DEVCLOUD = SCRIPTS / "devcloud"
VENV = REPO / ".venv"
BENCH_VENV = REPO / ".cache" / "bench-venv"
ANCHOR_REQS = ["python-openstackclient==10.5.0", "python-cinderclient==9.10.0"]
PLOT_REQS = ["matplotlib==3.11.2"]
RESULTS_JSON = REPO / ".cache" / "bench-results.json"
SETUP_LOG = REPO / ".cache" / "bench-setup.log"
DOC_MD = REPO / "docs" / "benchmarks.md"
DOC_PNG = REPO / "docs" / "benchmarks.png"
BENCH_UA = "cinder-attach-bench"
COMPUTE_NAME = "bench-fake-compute"
MICROVERSION = "3.54"
LIST_MICROVERSION = "3.27"
LIST_SIZES = (1000, 5000, 20000)
CREATE_ROUNDS, LIST_ROUNDS = 15, 3
# Keystone lines that Cinder itself causes (keystonemiddleware validating a token, and fetching its
# own service token): not the client's requests, so not counted. Lines from any other client (a
# shared devcloud's tests, say) are not counted either, but reported as "foreign".
EXCLUDED_AGENTS = ("python-keystoneclient", "keystonemiddleware", "cinder_launcher.py")
ID_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32}")
DISCOVERY_RE = re.compile(r"^/(v[0-9.]+/?)?$")  # GET /, /v3, /v3/, /v2.1: version discovery
# attach's user agents, "<product>/<version>" (httpx) and "<product> keystoneauth1/…" (the cold path), from
# the package's one source (a leaf module, read without importing the package, which this python may lack).
PRODUCT = runpy.run_path(str(REPO / "cli" / "cinder_attach" / "_version.py"))["PRODUCT"]
OURS = (f"{PRODUCT}/", f"{PRODUCT} ")
# Modules whose presence in a run says something about its start-up cost.
WATCHED_MODULES = (
    "rich", "pydantic", "click", "httpx", "attrs", "ssl", "certifi", "yaml",
    "openstack", "keystoneauth1", "requests", "cinder_attach_client",
)  # fmt: skip

_T0 = time.monotonic()


class BenchError(Exception):
    """The bench cannot run; the message says why."""


def say(msg: str) -> None:
    print(f"[bench +{time.monotonic() - _T0:6.1f}s] {msg}", file=sys.stderr, flush=True)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def signed_ms(seconds: float) -> str:
    """A difference: "+8 ms", "−3 ms"."""
    return ("+" if seconds >= 0 else "−") + ms(abs(seconds))


def mb(kb: float) -> str:
    return f"{kb / 1024:.1f} MB"
