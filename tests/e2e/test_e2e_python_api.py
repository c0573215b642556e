"""E2E: the README's Python API example, run exactly as written after the README's set-up block, in a newcomer's
shell (tests/e2e/newcomer.py), against the devcloud; then the server's state."""

from __future__ import annotations

from pathlib import Path

from attach_runner import server_attachments_of, server_volume
from newcomer import REPO, marked, readme_blocks, run_as_newcomer


def readme_python_example() -> str:
    """The first ```python block under the README's "## Python API" heading."""
    blocks = readme_blocks("## Python API", "python")
    assert blocks, "the README's Python API section has no python example"
    return blocks[0]


def set_up_block() -> str:
    return readme_blocks("### A volume's life, step by step", "sh")[0]


def test_readme_python_example_runs_as_written_after_the_set_up_block(devcloud, tmp_path: Path) -> None:
    (tmp_path / "example.py").write_text(readme_python_example())
    # As the README says: in the shell where the set-up block ran, `python3 example.py` (saved in HOME here).
    script = f'{set_up_block()}\necho "VOL=$VOL"; echo "SERVER=$SERVER"\ncd "$HOME" && python3 example.py\n'
    mark = devcloud.log_mark()
    proc = run_as_newcomer(script, tmp_path)
    vol, server = marked(proc.stdout, "VOL"), marked(proc.stdout, "SERVER")
    devcloud.cleanup.volume(vol)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.split(f"SERVER={server}\n", 1)[1].splitlines()
    reserved = lines[0].split()
    assert reserved[0] == "reserved" and reserved[2] == "reserved"
    att = reserved[1]
    assert f"{att} reserved rw {server}" in lines, proc.stdout
    refused = next(line for line in lines if line.startswith("refused:"))
    assert refused.split()[1:3] == ["400", "badRequest"] and " req-" in refused
    assert lines[-1] == f"deleted {att}"
    # The server agrees: nothing left on the volume, which is available again.
    assert server_attachments_of(devcloud, vol) == []
    assert server_volume(devcloud, vol)["status"] == "available"
    posts = [r for r in devcloud.requests_since(mark) if r.service == "cinder" and r.method == "POST"]
    assert [r.status for r in posts] == [202, 200, 400], "the set-up's volume, the reserve, the refusal"


def test_without_the_set_up_block_the_example_says_what_to_run(tmp_path: Path) -> None:
    # No devcloud needed: the example stops before connecting, with one line and no traceback.
    (tmp_path / "example.py").write_text(readme_python_example())
    proc = run_as_newcomer(f'cd "$HOME" && {REPO / ".venv" / "bin" / "python3"} example.py', tmp_path)
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr == "'OS_CLOUD' is not set: run the README's set-up block (A volume's life, step by step) first\n"
