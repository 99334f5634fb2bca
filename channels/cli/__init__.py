"""The `parley` command: one click group, a module of subcommands per noun."""

from __future__ import annotations

import click

from channels.cli import admin, channel, database, evaluate, kb, metrics, program, simulate


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="parley")
def main() -> None:
    """Parley: chat bots for creators who run programs over chat."""


for module in (admin, database, kb, evaluate, channel, program, simulate, metrics):
    for command in module.COMMANDS:
        main.add_command(command)
