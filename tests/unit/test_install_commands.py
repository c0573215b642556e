"""The install commands a user is shown (the README, docs/, every --help page, the missing-extra error) work as
written: cinder-attach is on no index, so it is installed from a checkout, never by its name."""

from __future__ import annotations

import re
import shlex
import tomllib
from pathlib import Path

import pytest
from helpers import help_pages, invoke

REPO = Path(__file__).resolve().parents[2]
# pip or pipx (also "python3 -m pip", ".venv/bin/pip", a quoted path), then install and its arguments, up to the
# end of the line, a backtick (the end of inline code) or a comment.
INSTALL = re.compile(r"""\bpip(?:x|3)?["']?\s+install\s+(?P<args>[^\n`#]*)""")
VALUE_OPTIONS = {"-r", "--requirement", "-c", "--constraint", "-i", "--index-url", "--extra-index-url", "-f",
                 "--find-links", "-t", "--target", "--prefix", "--root", "--python"}  # fmt: skip


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def own_name() -> str:
    return canonical(tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["name"])


def published() -> set[str]:
    """Names our own scripts install from the index, pinned: each is published there (ours is not)."""
    files = [REPO / "constraints.txt", *sorted((REPO / "scripts" / "devcloud_lib").glob("constraints-*.txt"))]
    names = {canonical(m[1]) for f in files for m in re.finditer(r"^([A-Za-z0-9][\w.-]*)\s*==", f.read_text(), re.M)}
    return names - {own_name()}


def index_names(args: str) -> list[str]:
    """The requirements an install command's arguments take from an index (paths and options left out)."""
    try:
        tokens = shlex.split(args)
    except ValueError:  # an unbalanced quote in prose: words will do
        tokens = [t.strip("'\"") for t in args.split()]
    names, skip = [], False
    for token in tokens:
        if skip or token.startswith("-"):
            skip = not skip and token in VALUE_OPTIONS
            continue
        if token.startswith((".", "/", "~", "$", "file:")) or "/" in token:
            continue  # a checkout, a path or a URL
        found = re.match(r"[A-Za-z0-9][\w.-]*", token)
        if found:
            names.append(canonical(found.group().rstrip(".")))
    return names


def bad_installs(text: str) -> list[str]:
    """Each install command that takes an unpublished name (ours, or any we do not install ourselves) from an index."""
    allowed = published()
    return [m.group(0).strip() for m in INSTALL.finditer(text) if set(index_names(m["args"])) - allowed]


def install_commands(text: str) -> list[str]:
    return [m.group(0).strip() for m in INSTALL.finditer(text)]


@pytest.mark.parametrize(
    "line",
    [
        "pip install 'cinder-attach[host]'",
        "pipx install cinder-attach",
        "python3 -m pip install --upgrade cinder_attach==0.1.0",
        "Needs the optional extra: pip install 'cinder-attach[host]'. As root it reads",
        '"$HOME/.venvs/x/bin/pip" install -c constraints.txt Cinder-Attach',
        "pip install not-a-package-we-know",
    ],
)
def test_an_index_install_of_an_unpublished_name_is_caught(line: str) -> None:
    (command,) = install_commands(line)
    assert bad_installs(f"text\n{line}\nmore") == [command]


@pytest.mark.parametrize(
    "line",
    [
        "pip install .",
        "pipx install '.[host]'",
        '"$HOME/.venvs/cinder-attach/bin/pip" install .         # \'.[host]\' adds os-brick',
        "/usr/bin/python3 -m pip install '.[host]'",
        "pip install -e '/src/cinder-attach[dev,host]'",
        "pip install -c constraints.txt 'os-brick==7.1.1'",
    ],
)
def test_installs_from_a_checkout_or_of_published_names_pass(line: str) -> None:
    assert install_commands(line) and bad_installs(line) == []


def test_the_readme_and_docs_install_nothing_unpublished() -> None:
    docs = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
    found = {str(p.relative_to(REPO)): bad_installs(p.read_text()) for p in docs}
    assert {k: v for k, v in found.items() if v} == {}
    assert install_commands((REPO / "README.md").read_text()), "the README shows how to install"


def test_no_help_page_installs_anything_unpublished(capsys: pytest.CaptureFixture[str]) -> None:
    pages = help_pages(capsys)
    assert {"", "connector", "cache clear"} <= set(pages)
    assert {name: bad_installs(text) for name, text in pages.items() if bad_installs(text)} == {}
    assert install_commands(pages["connector"]), "connector's help says how to get the host extra"


def test_the_missing_extra_error_names_a_working_install(capsys: pytest.CaptureFixture[str], no_os_brick: None) -> None:
    result = invoke(capsys, "connector")
    assert result.code == 2
    assert install_commands(result.err) == ["pip install '.[host]'"] and bad_installs(result.err) == []
    assert "-m pip install '.[host]'" in result.err, "with the pip of attach's own environment"
