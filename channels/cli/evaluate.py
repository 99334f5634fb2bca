"""CLI commands for evaluation (retrieval quality)."""

from __future__ import annotations

import click

COMMANDS: list[click.Command] = []
