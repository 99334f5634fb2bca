"""CLI commands for channels (Telegram, WhatsApp)."""

from __future__ import annotations

import click

COMMANDS: list[click.Command] = []
