"""main.COMMANDS and GROUPS: a root run shows their summaries without importing any command module."""

from __future__ import annotations

import importlib

from helpers import ATTACH_SCRIPT
from probe_lib import modules_at_exit

from cinder_attach import main


def test_each_summary_is_the_first_line_of_its_commands_help() -> None:
    for name, module, function, _aliases, summary in main.COMMANDS:
        mod = importlib.import_module(f"cinder_attach.commands.{module}")
        assert callable(getattr(mod, function)), name
        assert summary == mod.HELP.strip().splitlines()[0], name
    for name, module, summary in main.GROUPS:
        app = importlib.import_module(f"cinder_attach.commands.{module}").app
        assert summary == app.info.short_help, name


def run(*argv: str) -> dict[str, object]:
    ran = modules_at_exit(ATTACH_SCRIPT, list(argv), timeout=60)
    return {"code": ran.code, "commands": sorted(m for m in ran.modules if m.startswith("cinder_attach.commands."))}


def test_a_root_run_imports_no_command_and_a_command_run_only_its_own() -> None:
    assert run("--help") == {"code": 0, "commands": []}
    shown = ["cinder_attach.commands._common", "cinder_attach.commands.show"]
    assert run("show", "--help") == {"code": 0, "commands": shown}
    assert run("cache", "path") == {"code": 0, "commands": ["cinder_attach.commands.cache"]}
