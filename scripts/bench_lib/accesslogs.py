"""Which requests a run made, read from the devcloud's access logs and the fake compute's log."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench_lib.settings import EXCLUDED_AGENTS, ID_RE
from devcloud_lib.accesslog import parse_line


@dataclass(frozen=True)
class Req:
    """One counted request: where it went, and how; and its server time."""

    service: str
    method: str
    path: str  # ids replaced by {id}, query dropped
    status: int
    seconds: float = field(default=0.0, compare=False)

    def __str__(self) -> str:
        return f"{self.service} {self.method} {self.path} {self.status}"


@dataclass
class Traffic:
    """What was appended to the logs during one run."""

    requests: list[Req] = field(default_factory=list)  # the command's own, Keystone + Cinder
    excluded: int = 0  # Keystone lines caused by Cinder's own token validation
    compute: list[Req] = field(default_factory=list)  # the fake compute endpoint's
    foreign: list[str] = field(default_factory=list)  # other clients' lines that fell into the run

    @property
    def server_seconds(self) -> float:
        """The servers' time for this run's requests (Cinder's token validations are inside Cinder's)."""
        return sum(r.seconds for r in self.requests) + sum(r.seconds for r in self.compute)


def template(path: str) -> str:
    return ID_RE.sub("{id}", path.split("?", 1)[0])


class Logs:
    """The devcloud's access logs and the fake compute's: what was appended since a mark."""

    def __init__(self, state: dict[str, Any], compute_log: Path | None) -> None:
        logs = state["logs"]
        self.files = {"keystone": Path(logs["keystone_access"]), "cinder": Path(logs["cinder_access"])}
        if compute_log is not None:
            self.files["compute"] = compute_log

    def mark(self) -> dict[str, int]:
        marks = {}
        for name, path in self.files.items():
            try:
                marks[name] = path.stat().st_size
            except OSError:
                marks[name] = 0
        return marks

    def _appended(self, name: str, mark: dict[str, int]) -> list[str]:
        try:
            with open(self.files[name], "rb") as fh:
                fh.seek(mark[name])
                return fh.read().decode("utf-8", "replace").splitlines()
        except OSError:
            return []

    def since(self, mark: dict[str, int], agents: tuple[str, ...]) -> Traffic:
        """What was appended since `mark`, sorted out by who made it."""
        out = Traffic()
        for name in self.files:
            for line in self._appended(name, mark):
                e = parse_line(line.strip())  # the fake Nova writes the devcloud's format too
                if e is None or (name == "compute" and e.path.startswith("/_fake/")):
                    continue  # the bench programming the fake is not the client's traffic
                req = Req(name, e.method, template(e.path), e.status, e.seconds)
                if name == "compute":
                    out.compute.append(req)
                    continue
                if any(agent in e.user_agent for agent in EXCLUDED_AGENTS):
                    out.excluded += 1
                elif e.user_agent.startswith(agents):
                    out.requests.append(req)
                else:
                    out.foreign.append(f"{req} ({e.user_agent})")
        return out
