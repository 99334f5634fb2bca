"""The `parley` command: one click group, a module of subcommands per noun, loaded on demand."""

from __future__ import annotations

import importlib

import click

# command name -> module under channels.cli that lists it in COMMANDS. Modules are imported only
# when one of their commands runs: `parley creator create` never pays for Chroma or aerich.
COMMAND_MODULES: dict[str, str] = {
    "creator": "admin",
    "bot": "admin",
    "apikey": "admin",
    "demo": "admin",
    "serve": "admin",
    "migrate": "database",
    "downgrade": "database",
    "makemigrations": "database",
    "backup": "backup",
    "restore": "backup",
    "kb": "kb",
    "eval": "evaluate",
    "channel": "channel",
    "telegram": "channel",
    "program": "program",
    "simulate": "simulate",
    "metrics": "metrics",
}


def load_command(name: str) -> click.Command | None:
    module_name = COMMAND_MODULES.get(name)
    if module_name is None:
        return None
    module = importlib.import_module(f"channels.cli.{module_name}")
    commands: list[click.Command] = module.COMMANDS
    return next((c for c in commands if c.name == name), None)


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(name for name in COMMAND_MODULES if load_command(name) is not None)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return load_command(cmd_name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="parley")
def main() -> None:
    """Parley: chat bots for creators who run programs over chat."""
