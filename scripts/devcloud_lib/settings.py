"""Fixed choices and paths of the devcloud: versions, ports' host, users, and where state lives."""

from __future__ import annotations

import os
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent.parent  # on PYTHONPATH for the servers
REPO = SCRIPTS.parent
LIB = SCRIPTS / "devcloud_lib"
PROJECT_BIN = REPO / ".venv" / "bin"  # scripts/_venv.sh installs `attach` here
UV_REQ = "uv==0.13.9"
CINDER_REQS = ["cinder==29.0.0", "fixtures==4.3.2"]
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
    """State directory: $DEVCLOUD_DIR or <repo>/.devcloud (git-ignored)."""
    return Path(os.environ.get("DEVCLOUD_DIR") or REPO / ".devcloud").resolve()


D = devcloud_dir()
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
