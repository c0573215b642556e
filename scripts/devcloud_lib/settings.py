"""Fixed choices and paths of the devcloud: versions, ports' host, users, and where state lives."""

from __future__ import annotations

import os
import sys
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent.parent  # on PYTHONPATH for the servers
REPO = SCRIPTS.parent
LIB = SCRIPTS / "devcloud_lib"
PROJECT_BIN = REPO / ".venv" / "bin"  # scripts/_venv.sh installs `attach` here
UV_REQ = "uv==0.13.9"
# The OpenStack releases the devcloud can run, each with the Cinder it ships. The default is the newest;
# the others are the releases users still run, tested in CI (scripts/test) by their e2e subset. Each
# has its own constraints file (constraints-<venv>.txt); the older ones need oslo.utils < 9.
CINDER_RELEASES = {"2026.2": "cinder==29.0.0", "2025.1": "cinder==26.3.0", "2024.1": "cinder==24.5.0"}
DEFAULT_RELEASE = "2026.2"
RELEASE = os.environ.get("DEVCLOUD_CINDER_RELEASE") or DEFAULT_RELEASE
if RELEASE not in CINDER_RELEASES:
    sys.exit(f"devcloud: DEVCLOUD_CINDER_RELEASE={RELEASE} is not one of {', '.join(CINDER_RELEASES)}")
CINDER_REQS = [CINDER_RELEASES[RELEASE], "fixtures==4.3.2"]
CINDER_VENV = "cinder" if RELEASE == DEFAULT_RELEASE else f"cinder-{RELEASE}"  # venv-<this>, constraints-<this>.txt
KEYSTONE_REQS = ["keystone==30.0.0", "gunicorn==27.0.1"]
HOST = "127.0.0.1"
REGION = "RegionOne"
MULTIATTACH_TYPE = "multiattach"
# The loop backend (cinder_loop_driver.py): test-only, kept to its own types by its own availability zone.
LOCAL_BACKEND = "local"
LOCAL_ZONE = "devcloud-local"
LOCAL_TYPE = "local"
LOCAL_MULTIATTACH_TYPE = "local-multiattach"
BACKENDS = ("fake", LOCAL_BACKEND)
DEFAULT_TYPE = "__DEFAULT__"
STATE_VERSION = 1
TIMEOUT = float(os.environ.get("DEVCLOUD_TIMEOUT", "60"))  # every readiness poll
INSTALL_TIMEOUT = float(os.environ.get("DEVCLOUD_INSTALL_TIMEOUT", "900"))
EXIT_DOWN = 3

# Throwaway dev cloud on loopback: fixed credentials are fine (state file 0600).
USERS: dict[str, dict[str, str]] = {
    "admin": {"name": "admin", "password": "devcloud-admin-secret", "project": "admin", "domain": "Default"},
    "member": {"name": "member", "password": "devcloud-member-secret", "project": "demo", "domain": "Default"},
    "cinder": {"name": "cinder", "password": "devcloud-cinder-secret", "project": "service", "domain": "Default"},
}
CLOUD_USERS = {"devcloud": "member", "devcloud-admin": "admin", "devcloud-service": "cinder"}


def devcloud_dir() -> Path:
    """State directory: $DEVCLOUD_DIR, else <repo>/.devcloud for the default release and
    <repo>/.devcloud-<release> for an older one (all git-ignored), so that they can run side by side."""
    default = REPO / (".devcloud" if RELEASE == DEFAULT_RELEASE else f".devcloud-{RELEASE}")
    return Path(os.environ.get("DEVCLOUD_DIR") or default).resolve()


def venvs_dir() -> Path:
    """Where the service venvs, uv and its cache live: $DEVCLOUD_VENVS, else the state directory when
    $DEVCLOUD_DIR is set, else <repo>/.devcloud, which every release's devcloud shares (one Keystone venv)."""
    chosen = os.environ.get("DEVCLOUD_VENVS") or os.environ.get("DEVCLOUD_DIR") or REPO / ".devcloud"
    return Path(chosen).resolve()


D = devcloud_dir()
VENVS = venvs_dir()
LOGS = D / "logs"
STATE = D / "state.json"
CLOUDS_YAML = D / "clouds.yaml"
KS = D / "keystone"
CI = D / "cinder"
CINDER_DB = CI / "cinder.db"
LOOP_DIR = CI / "loop-volumes"  # the loop backend's sparse files, one per volume
LOG_FILES = {
    "keystone": LOGS / "keystone.log",
    "keystone_access": LOGS / "keystone-access.log",
    "cinder": LOGS / "cinder.log",
    "cinder_access": LOGS / "cinder-access.log",
    "nova": LOGS / "fake-nova.log",
    "nova_access": LOGS / "fake-nova-access.log",
}
NOVA_NAME = "devcloud-fake-nova"  # the compute service's name in the catalog (`up --with-fake-nova`)


def keystone_url(port: int) -> str:
    return f"http://{HOST}:{port}/v3"

# What `reset` removes (everything a cloud remembers); the service venvs, boot/ and uv-cache/ stay.
# The lock file stays too: `reset` holds it while it removes the rest.
RESET_PATHS = (KS, CI, LOGS, CLOUDS_YAML, STATE)
