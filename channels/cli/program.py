"""CLI commands for programs."""

from __future__ import annotations

import click

COMMANDS: list[click.Command] = []
