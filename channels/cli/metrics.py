"""CLI commands for metrics rollups and exports."""

from __future__ import annotations

import click

COMMANDS: list[click.Command] = []
