"""CLI commands for creators, bots, API keys, the demo and the server."""

from __future__ import annotations

import click

COMMANDS: list[click.Command] = []
