"""E2E: the README's Python API example, run exactly as written, against the devcloud; then the server's state."""

from __future__ import annotations

import re
import subprocess
import sys
import uuid
from pathlib import Path

from attach_runner import server_attachments_of, server_volume

REPO = Path(__file__).resolve().parents[2]


def readme_python_example() -> str:
    """The first ```python block under the README's "## Python API" heading."""
    text = (REPO / "README.md").read_text()
    section = text.split("\n## Python API\n", 1)[1].split("\n## ", 1)[0]
    found = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert found, "the README's Python API section has no python example"
    return found.group(1)


def python_of(attach_bin: Path) -> str:
    """The interpreter that has the installed package: the one beside the `attach` executable."""
    candidate = attach_bin.parent / "python"
    return str(candidate) if candidate.exists() else sys.executable


def test_readme_python_example_runs_as_written(devcloud, attach_bin: Path, tmp_path: Path) -> None:
    vol, server = devcloud.new_volume(), str(uuid.uuid4())
    env = {
        **devcloud.env,
        "OS_CLOUD": "devcloud",
        "VOLUME_ID": vol,
        "SERVER_ID": server,
        "HOME": str(tmp_path),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    mark = devcloud.log_mark()
    proc = subprocess.run(
        [python_of(attach_bin), "-c", readme_python_example()],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
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
    assert [r.status for r in posts] == [200, 400]
