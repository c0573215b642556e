"""E2E: the README's "Install for real use" block, as written, in a newcomer's shell (tests/e2e/newcomer.py), in a
copy of the checkout: the system python3 and its own index settings, nothing of ours (no pipx is assumed)."""

from __future__ import annotations

import shutil
from pathlib import Path

from newcomer import REPO, readme_blocks, run_as_newcomer

NOT_IN_A_CLONE = shutil.ignore_patterns(".git", ".venv", ".devcloud*", ".cache", "build", "*.egg-info", "__pycache__",
                                        ".*_cache", ".hypothesis")  # fmt: skip


def test_the_install_block_installs_attach_from_a_checkout(tmp_path: Path) -> None:
    block = readme_blocks("## Install for real use", "sh")[0]
    assert "pip" in block and "attach --version" in block
    checkout = tmp_path / "cinder-attach"
    shutil.copytree(REPO, checkout, ignore=NOT_IN_A_CLONE)
    proc = run_as_newcomer(f"{block}command -v attach\n", tmp_path / "home", cwd=checkout, timeout=600)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
    version, where = proc.stdout.splitlines()[-2:]
    assert version.startswith("attach (cinder-attach) ")
    assert where == str(tmp_path / "home" / ".venvs" / "cinder-attach" / "bin" / "attach"), "the block's own venv"
