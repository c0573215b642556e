"""The report's one model: a list of blocks, written out as markdown (docs/benchmarks.md) or as plain text (the
summary a run prints). Sections build blocks; only the two writers below know either format."""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass
class Heading:
    text: str
    level: int = 2


@dataclass
class Prose:
    """Explanation for the page; the terminal summary leaves it out."""

    text: str


@dataclass
class Line:
    """A short result line, on the page and in the terminal."""

    text: str


@dataclass
class Table:
    header: list[str]
    align: str  # one letter a column: l(eft) or r(ight)
    rows: list[list[str]] = field(default_factory=list)


@dataclass
class Bullets:
    items: list[str]


@dataclass
class Code:
    """A shell example for the page (not in the terminal)."""

    lines: list[str]


Block = Heading | Prose | Line | Table | Bullets | Code


def markdown(blocks: list[Block]) -> str:
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            out.append("#" * block.level + " " + block.text)
        elif isinstance(block, Prose | Line):
            out.append(block.text)
        elif isinstance(block, Table):
            out += [row_md(block.header), "|" + "|".join("---:" if a == "r" else "---" for a in block.align) + "|"]
            out += [row_md(row) for row in block.rows]
        elif isinstance(block, Bullets):
            out += [f"- {item}" for item in block.items]
        else:
            out += ["```sh", *block.lines, "```"]
        out.append("")
    return "\n".join(out)


def row_md(cells: list[str]) -> str:
    return "|" + "|".join(f" {cell} " if cell else " " for cell in cells) + "|"


def plain(text: str) -> str:
    """Markdown emphasis and code marks dropped, line breaks in a cell joined with '; '."""
    text = text.replace("<br>", "; ").replace("**", "").replace("`", "")
    return re.sub(r"(?<![\w*])\*([^*\s][^*]*)\*(?!\w)", r"\1", text)


def text(blocks: list[Block]) -> str:
    """The terminal's version: no prose or shell examples, and no heading left without anything under it."""
    shown = [b for b in blocks if not isinstance(b, Prose | Code)]
    shown = [b for i, b in enumerate(shown) if not isinstance(b, Heading) or next_is_content(shown, i)]
    out: list[str] = []
    for block in shown:
        if isinstance(block, Heading):
            mark = "==" if block.level == 1 else "--"
            out += ["", f"{mark} {plain(block.text)} {mark}"]
        elif isinstance(block, Line):
            out.append(plain(block.text))
        elif isinstance(block, Table):
            out += table_lines(block)
        elif isinstance(block, Bullets):
            out += [f"  {plain(item)}" for item in block.items]
    return "\n".join(out)


def table_lines(table: Table) -> list[str]:
    rows = [[plain(cell) for cell in row] for row in [table.header, *table.rows]]
    widths = [max(len(row[i]) for row in rows if i < len(row)) for i in range(len(table.header))]

    def fit(row: list[str]) -> str:
        cells = [c.rjust(w) if a == "r" else c.ljust(w) for c, w, a in zip(row, widths, table.align, strict=False)]
        return "  ".join(cells).rstrip()

    return [fit(row) for row in rows]


def next_is_content(blocks: list[Block], i: int) -> bool:
    return i + 1 < len(blocks) and not isinstance(blocks[i + 1], Heading)
