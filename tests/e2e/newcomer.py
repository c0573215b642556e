"""A newcomer's shell, for running the README's blocks exactly as written.

`env -i` with a fresh HOME and PATH=/usr/local/bin:/usr/bin:/bin, in the checkout, under `set -euo pipefail`.
Nothing from our own test run reaches it: scripts/test puts .venv/bin on PATH, a newcomer's shell has only what
the README's own blocks put there. The one exception is DEVCLOUD_DIR, passed on when set, because then the
devcloud under test is not the checkout's .devcloud that a newcomer's `scripts/devcloud` would find.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
NEWCOMER_PATH = "/usr/local/bin:/usr/bin:/bin"
# A root login shell's PATH (Debian's and Ubuntu's default for root): mkfs and losetup live in sbin.
ROOT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


def readme_blocks(heading: str, lang: str, readme: Path = REPO / "README.md") -> list[str]:
    """The ```lang blocks of the section under `heading` (a whole heading line, e.g. "### Attach from this
    host"), up to the next heading of the same or a higher level (a `# comment` inside a block is no heading)."""
    level = len(heading.split(" ", 1)[0])
    blocks: list[str] = []
    inside, fence, body = False, None, []
    for line in readme.read_text().splitlines():
        hashes = re.match(r"(#+) ", line) if fence is None else None
        if hashes:
            if inside and len(hashes[1]) <= level:
                break
            inside = inside or line == heading
        elif line.startswith("```"):
            if fence is None:
                fence, body = line[3:].strip(), []
            else:
                if inside and fence == lang:
                    blocks.append("".join(f"{b}\n" for b in body))
                fence = None
        elif fence is not None:
            body.append(line)
    assert inside, f"the README has no {heading!r}"
    return blocks


def run_as_newcomer(
    script: str, home: Path, cwd: Path = REPO, timeout: float = 300, path: str = NEWCOMER_PATH
) -> subprocess.CompletedProcess[str]:
    """Run `script` with bash in a newcomer's environment (see the module's docstring); ``path``: ROOT_PATH for a
    block the README says to run as root."""
    home.mkdir(parents=True, exist_ok=True)
    env = [f"HOME={home}", f"PATH={path}"]
    if os.environ.get("DEVCLOUD_DIR"):
        env.append(f"DEVCLOUD_DIR={os.environ['DEVCLOUD_DIR']}")
    argv = ["env", "-i", *env, "bash", "-c", f"set -euo pipefail\n{script}"]
    return subprocess.run(argv, cwd=cwd, capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)


def marked(stdout: str, name: str) -> str:
    """The value a script printed as `NAME=value` on a line of its own (the last such line)."""
    found = re.findall(rf"^{name}=(.*)$", stdout, re.M)
    assert found, f"no {name}= line in:\n{stdout}"
    return str(found[-1]).strip()
