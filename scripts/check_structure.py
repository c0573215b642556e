#!/usr/bin/env python3
"""The structure rules of cli/cinder_attach, checked from the source (stdlib only; nothing is imported).

    scripts/check_structure.py            check; exit 1 and name each breach
    scripts/check_structure.py --report   the measures as Markdown (lines per module, largest classes,
                                          the import graph, functions over 50 lines)

Rules: no module over 350 lines, no class over 150, no function over 50; no import cycle (the package
``__init__`` included, function-local and TYPE_CHECKING imports included); no module under ``commands/``
imports a module below the client (connection, cloud, transport, login, tls, proxy); no library module
imports ``console`` or calls ``print``; the ``OpenStack-API-Version`` header is named in one module only.
tests/unit/test_structure.py runs the check, so CI fails on a breach.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "cli" / "cinder_attach"
MAX_MODULE, MAX_CLASS, MAX_FUNCTION = 350, 150, 50
# The CLI layer: the only modules that may write to the terminal.
CLI_LAYER = {"console", "output", "options", "main", "_entry", "hints", "__main__"}
# What a command may not reach past the client for.
BELOW_CLIENT = {"connection", "cloud", "transport", "login", "tls", "proxy", "login_finder", "http_clients"}
HEADER_HOME = "connection"


def modules() -> dict[str, Path]:
    """Dotted name under the package (``commands.show``, ``__init__``) -> path."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).with_suffix("")
        found[".".join(rel.parts)] = path
    return found


def _resolve(name: str, node: ast.ImportFrom) -> list[str]:
    """The package modules an ``ImportFrom`` in module ``name`` may reach (relative or absolute)."""
    if node.level:
        package = name.split(".")[:-1]  # a/b.py and a/__init__.py are both in package a
        base = package[: len(package) - (node.level - 1)]
        module = node.module
    elif node.module == "cinder_attach" or (node.module or "").startswith("cinder_attach."):
        base, module = [], (node.module or "").removeprefix("cinder_attach").lstrip(".") or None
    else:
        return []
    prefix = [*base, *(module.split(".") if module else [])]
    # First the module named after `from`, then each imported name as a module of it (`from . import client`).
    return [".".join(prefix) if prefix else "__init__", *(".".join([*prefix, a.name]) for a in node.names)]


def imports(name: str, tree: ast.AST, known: set[str]) -> set[str]:
    """Every package module ``name`` imports, anywhere in the file."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            targets = _resolve(name, node)
            if not targets:
                continue
            target, reached = targets[0], [t for t in targets[1:] if t in known]
            if reached:
                found.update(reached)  # from . import client: the module client
            elif target in known:
                found.add(target)
            elif f"{target}.__init__" in known:
                found.add(f"{target}.__init__")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("cinder_attach."):
                    target = alias.name.removeprefix("cinder_attach.")
                    if target in known:
                        found.add(target)
    found.discard(name)
    return found


def graph() -> dict[str, set[str]]:
    mods = modules()
    known = set(mods)
    return {name: imports(name, ast.parse(path.read_text()), known) for name, path in mods.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Each import cycle once (as the path that closes it)."""
    found: list[list[str]] = []
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                found.append(path[path.index(nxt) :] + [nxt] if nxt in path else [node, nxt])
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node, [node])
    return found


def _spans(tree: ast.AST, kinds: tuple[type, ...]) -> Iterator[tuple[str, int, int]]:
    """(qualified name, first line, length) of each node of ``kinds``, decorators included."""

    def walk(node: ast.AST, prefix: str) -> Iterator[tuple[str, int, int]]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                qual = f"{prefix}{child.name}"
                if isinstance(child, kinds):
                    start = min([child.lineno, *(d.lineno for d in child.decorator_list)])
                    yield qual, start, (child.end_lineno or child.lineno) - start + 1
                yield from walk(child, qual + ".")
            else:
                yield from walk(child, prefix)

    yield from walk(tree, "")


def _prints(tree: ast.AST) -> bool:
    return any(
        isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "print" for n in ast.walk(tree)
    ) or any(
        isinstance(n, ast.Attribute) and n.attr in ("stdout", "stderr") and getattr(n.value, "id", "") == "sys"
        for n in ast.walk(tree)
    )


def breaches() -> list[str]:
    """Every rule this tree breaks, one line each."""
    out: list[str] = []
    mods = modules()
    edges = graph()
    for name, path in mods.items():
        text = path.read_text()
        tree = ast.parse(text)
        rel = path.relative_to(PACKAGE.parent)
        if (lines := len(text.splitlines())) > MAX_MODULE:
            out.append(f"{rel}: {lines} lines (most {MAX_MODULE})")
        for qual, start, length in _spans(tree, (ast.ClassDef,)):
            if length > MAX_CLASS:
                out.append(f"{rel}:{start}: class {qual} is {length} lines (most {MAX_CLASS})")
        for qual, start, length in _spans(tree, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if length > MAX_FUNCTION:
                out.append(f"{rel}:{start}: function {qual} is {length} lines (most {MAX_FUNCTION})")
        top = name.split(".")[0]
        if name.startswith("commands.") and (bad := edges[name] & BELOW_CLIENT):
            out.append(f"{rel}: a command imports {', '.join(sorted(bad))} (use the client)")
        if top not in CLI_LAYER and top != "commands":
            if "console" in edges[name]:
                out.append(f"{rel}: a library module imports console")
            if _prints(tree):
                out.append(f"{rel}: a library module prints (print, sys.stdout or sys.stderr)")
        if name != HEADER_HOME and "open_stack_api_version" in text:
            out.append(f"{rel}: names open_stack_api_version (only {HEADER_HOME}.py writes the header)")
    out += [f"import cycle: {' -> '.join(c)}" for c in cycles(edges)]
    return out


def report() -> str:
    """The measures, as Markdown."""
    mods = modules()
    edges = graph()
    rows = []
    classes: list[tuple[int, str]] = []
    functions: list[tuple[int, str]] = []
    for name, path in mods.items():
        text = path.read_text()
        tree = ast.parse(text)
        rows.append(f"| `{name}` | {len(text.splitlines())} |")
        classes += [(n, f"`{name}.{q}`") for q, _, n in _spans(tree, (ast.ClassDef,))]
        functions += [(n, f"`{name}.{q}`") for q, _, n in _spans(tree, (ast.FunctionDef, ast.AsyncFunctionDef))]
    total = sum(len(p.read_text().splitlines()) for p in mods.values())
    parts = ["## Lines per module", "", "| module | lines |", "|---|---|", *rows, f"| total | {total} |", ""]
    parts += ["## Largest classes", "", *(f"- {q}: {n} lines" for n, q in sorted(classes, reverse=True)[:8]), ""]
    long = [f"- {q}: {n} lines" for n, q in sorted(functions, reverse=True) if n > MAX_FUNCTION]
    parts += ["## Functions over 50 lines", "", *(long or ["- none"]), ""]
    parts += ["## Longest functions", "", *(f"- {q}: {n} lines" for n, q in sorted(functions, reverse=True)[:5]), ""]
    parts += ["## Import graph (module -> the package modules it imports, anywhere in the file)", ""]
    parts += [f"- `{n}` -> {', '.join(f'`{t}`' for t in sorted(ts)) or '(none)'}" for n, ts in sorted(edges.items())]
    found = cycles(edges)
    parts += ["", "## Import cycles", "", *(f"- {' -> '.join(c)}" for c in found)] if found else ["", "No cycle."]
    return "\n".join(parts) + "\n"


def main(argv: list[str]) -> int:
    if argv[1:2] == ["--report"]:
        sys.stdout.write(report())
        return 0
    found = breaches()
    for line in found:
        sys.stdout.write(line + "\n")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
