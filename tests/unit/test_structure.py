"""The structure rules of cli/ (module, class and function sizes, the layers, no import cycle), checked in CI."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

import check_structure  # noqa: E402


def test_cli_keeps_the_structure_rules() -> None:
    assert check_structure.breaches() == []


def test_the_check_finds_a_cycle_and_a_command_below_the_client() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}
    assert check_structure.cycles(edges) == [["a", "b", "c", "a"]]
    graph = check_structure.graph()
    assert "connection" not in graph["commands.delete"] and "client" in graph["commands.delete"]
    assert graph["main"] >= {"console", "commands.__init__"}, "function-local and package imports are edges too"
