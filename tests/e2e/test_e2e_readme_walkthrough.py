"""E2E: the README's "A volume's life, step by step" runs as written, in a newcomer's shell (tests/e2e/newcomer.py),
on the devcloud that scripts/demo leaves running: the set-up block alone puts `attach` on PATH."""

from __future__ import annotations

import subprocess
from pathlib import Path

from attach_runner import server_attachments_of, server_volume
from newcomer import marked, readme_blocks, run_as_newcomer

HEADING = "### A volume's life, step by step"
ENV_EVAL = 'eval "$(scripts/devcloud env)"'


def walkthrough_blocks() -> tuple[str, str]:
    """(set-up block, walkthrough block): the two ```sh blocks under the heading."""
    blocks = readme_blocks(HEADING, "sh")
    assert len(blocks) == 2, f"expected a set-up and a walkthrough block under {HEADING!r}, found {len(blocks)}"
    return blocks[0], blocks[1]


def run_walkthrough(devcloud, home: Path, setup: str, steps: str) -> tuple[subprocess.CompletedProcess[str], str]:
    """The set-up block, then the steps, each as written; the volume the set-up made is deleted after the test."""
    script = f'{setup}\necho "VOL=$VOL"\nset -x\n{steps}\necho "ATT=$ATT"\n'
    proc = run_as_newcomer(script, home)
    vol = marked(proc.stdout, "VOL")
    devcloud.cleanup.volume(vol)
    return proc, vol


def test_the_readme_walkthrough_runs_as_written_in_a_newcomers_shell(devcloud, tmp_path: Path) -> None:
    setup, steps = walkthrough_blocks()
    assert "scripts/devcloud volume" in setup and "$VOL" in steps and ENV_EVAL in setup
    proc, vol = run_walkthrough(devcloud, tmp_path, setup, steps)
    assert proc.returncode == 0, proc.stderr
    att = marked(proc.stdout, "ATT")
    assert f"Attachment {att} completed." in proc.stdout
    assert f"Deleted attachment {att}." in proc.stdout
    assert '"connection_info": {' in proc.stdout, "the update step printed the connection"
    # Each step reached the server: the attachment went through attached and is gone, the volume is free again.
    assert server_attachments_of(devcloud, vol) == []
    assert server_volume(devcloud, vol)["status"] == "available"


def test_without_the_path_export_the_walkthrough_fails_at_its_first_attach(devcloud, tmp_path: Path) -> None:
    # The control: the set-up as it was before `devcloud env` exported PATH. Our own test run has .venv/bin on
    # PATH, and the harness must not let it through: the first `attach` is "command not found", and nothing is made.
    setup, steps = walkthrough_blocks()
    old_setup = setup.replace(ENV_EVAL, 'eval "$(scripts/devcloud env | grep -v PATH)"')
    assert old_setup != setup
    proc, vol = run_walkthrough(devcloud, tmp_path, old_setup, steps)
    assert proc.returncode == 127, proc.stdout + proc.stderr
    assert "attach: command not found" in proc.stderr
    assert server_attachments_of(devcloud, vol) == []


def test_a_broken_step_fails_the_walkthrough(devcloud, attach_bin: Path, tmp_path: Path) -> None:
    # The control for the steps: the same harness with the service cloud dropped from the delete (the README's
    # old text) fails.
    setup, steps = walkthrough_blocks()
    broken = steps.replace(" --os-service-cloud devcloud-service", "")
    assert broken != steps
    proc, vol = run_walkthrough(devcloud, tmp_path, setup, broken)
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
