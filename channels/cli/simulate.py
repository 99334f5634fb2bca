"""CLI commands for simulating a program on a throwaway database."""

from __future__ import annotations

import click

COMMANDS: list[click.Command] = []
