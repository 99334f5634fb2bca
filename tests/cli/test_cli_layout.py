"""The CLI's lazy command table lists exactly the commands its modules define."""

from __future__ import annotations

import importlib

from click.testing import CliRunner

from channels.cli import COMMAND_MODULES, main


def test_every_module_command_is_reachable_and_nothing_else() -> None:
    defined = {}
    for module_name in set(COMMAND_MODULES.values()):
        module = importlib.import_module(f"channels.cli.{module_name}")
        defined |= {c.name: module_name for c in module.COMMANDS}
    listed = {name: m for name, m in COMMAND_MODULES.items() if name in defined}
    assert listed == defined
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for name in defined:
        assert f"  {name} " in result.output


def test_unknown_command_is_a_one_line_usage_error() -> None:
    result = CliRunner().invoke(main, ["frobnicate"])
    assert result.exit_code == 2
    assert "No such command 'frobnicate'" in result.output
