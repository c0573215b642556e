"""E2E: the README's "A volume's life, step by step" runs as written on the devcloud, so the README cannot rot."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from attach_runner import server_attachments_of, server_volume

REPO = Path(__file__).resolve().parents[2]
HEADING = "### A volume's life, step by step"


def walkthrough_blocks(readme: str) -> tuple[str, str]:
    """(set-up block, walkthrough block): the two ```sh blocks under the heading."""
    section = readme.split(HEADING, 1)[1].split("\n### ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", section, re.DOTALL)
    assert len(blocks) == 2, f"expected a set-up and a walkthrough block under {HEADING!r}, found {len(blocks)}"
    return blocks[0], blocks[1]


def run_walkthrough(
    devcloud, attach_bin: Path, home: Path, setup: str, steps: str
) -> tuple[subprocess.CompletedProcess[str], str]:
    """Run the set-up block (for its `eval`), with $VOL and $SERVER supplied by the test, then each step."""
    vol = devcloud.new_volume()
    setup_env = "\n".join(line for line in setup.splitlines() if line.startswith("eval "))
    script = f"set -euo pipefail\n{setup_env}\nVOL={vol}\nSERVER=$(python3 -c 'import uuid; print(uuid.uuid4())')\n"
    script += f'set -x\n{steps}\necho "ATT=$ATT"\n'
    env = {k: v for k, v in devcloud.env.items() if not k.startswith("OS_")}
    env.update(PATH=f"{attach_bin.parent}:{env.get('PATH', '')}", HOME=str(home), XDG_CACHE_HOME=str(home / "cache"))
    proc = subprocess.run(["bash", "-c", script], cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    return proc, vol


def test_the_readme_walkthrough_runs_as_written(devcloud, attach_bin: Path, tmp_path: Path) -> None:
    setup, steps = walkthrough_blocks((REPO / "README.md").read_text())
    assert "scripts/devcloud volume" in setup and "$VOL" in steps
    proc, vol = run_walkthrough(devcloud, attach_bin, tmp_path, setup, steps)
    assert proc.returncode == 0, proc.stderr
    att = proc.stdout.rsplit("ATT=", 1)[1].strip()
    assert f"Attachment {att} completed." in proc.stdout
    assert f"Deleted attachment {att}." in proc.stdout
    assert '"connection_info": {' in proc.stdout, "the update step printed the connection"
    # Each step reached the server: the attachment went through attached and is gone, the volume is free again.
    assert server_attachments_of(devcloud, vol) == []
    assert server_volume(devcloud, vol)["status"] == "available"


def test_a_broken_step_fails_the_walkthrough(devcloud, attach_bin: Path, tmp_path: Path) -> None:
    # The control: the same harness with the service cloud dropped from the delete (the README's old text) fails.
    setup, steps = walkthrough_blocks((REPO / "README.md").read_text())
    broken = steps.replace(" --os-service-cloud devcloud-service", "")
    assert broken != steps
    proc, vol = run_walkthrough(devcloud, attach_bin, tmp_path, setup, broken)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "HTTP 500" in proc.stderr and "--os-service-cloud" in proc.stderr
    # Leave nothing behind: the completed attachment needs the service token to go.
    (left,) = server_attachments_of(devcloud, vol)
    cleanup = subprocess.run(
        [str(attach_bin), "delete", left["id"], "--os-cloud", "devcloud", "--os-service-cloud", "devcloud-service"],
        env={**devcloud.env, "HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path / "cache")},
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert cleanup.returncode == 0, cleanup.stderr
