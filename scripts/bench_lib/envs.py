"""The environments the measured commands run in: all of them as the devcloud's member user."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench_lib.settings import BENCH_VENV, VENV


@dataclass
class Envs:
    base: dict[str, str]  # no cloud at all (the import baselines)
    cloud: dict[str, str]  # clouds.yaml and OS_CLOUD=devcloud (attach, openstack)
    warm: dict[str, str]  # ... with the token cache that the bench primes once
    os_vars: dict[str, str]  # the same cloud as OS_* variables (cinderclient cannot read clouds.yaml)
    workdir: Path

    def cold(self, n: int) -> dict[str, str]:
        """A new, empty token cache for run `n`."""
        return {**self.cloud, "XDG_CACHE_HOME": str(self.workdir / "cold" / f"run-{n}")}


def make_envs(state: dict[str, Any], workdir: Path) -> Envs:
    home = workdir / "home"
    for d in (home / ".config", workdir / "cwd", workdir / "warm-cache", workdir / "cold"):
        d.mkdir(parents=True, exist_ok=True)
    base = {
        "PATH": f"{VENV / 'bin'}:{BENCH_VENV / 'bin'}:/usr/local/bin:/usr/bin:/bin",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_CACHE_HOME": str(home / ".cache"),
    }
    cloud = {**base, "OS_CLIENT_CONFIG_FILE": state["clouds_yaml"], "OS_CLOUD": "devcloud"}
    member = state["users"]["member"]
    os_vars = {
        **base,
        "OS_AUTH_URL": state["keystone_url"],
        "OS_USERNAME": member["name"],
        "OS_PASSWORD": member["password"],
        "OS_PROJECT_NAME": member["project"],
        "OS_USER_DOMAIN_NAME": member["domain"],
        "OS_PROJECT_DOMAIN_NAME": member["domain"],
        "OS_REGION_NAME": state.get("region", "RegionOne"),
        "OS_INTERFACE": "public",
        "OS_IDENTITY_API_VERSION": "3",
    }
    warm = {**cloud, "XDG_CACHE_HOME": str(workdir / "warm-cache")}
    return Envs(base, cloud, warm, os_vars, workdir)
