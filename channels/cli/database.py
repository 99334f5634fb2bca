"""CLI commands for the schema: migrate, downgrade, makemigrations."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, TypeVar

import click

from bot.settings import Settings
from channels.cli.runtime import run
from models import migrate as migrations

T = TypeVar("T")


def _run_migrations(fn: Callable[[Settings], Awaitable[T]]) -> T:
    """Run a migration call with settings; its own errors become one line, like the runtime's."""
    try:
        return run(fn, db=False)
    except migrations.MigrationError as exc:
        raise click.ClickException(str(exc)) from None


# --- schema ------------------------------------------------------------------------------


@click.command("migrate")
@click.option("--status", is_flag=True, help="List applied and pending migrations; change nothing.")
def migrate_command(status: bool) -> None:
    """Bring the database schema to head (a fresh, empty database included)."""
    if status:
        for line in _run_migrations(_status_lines):
            click.echo(line)
        return
    done = _run_migrations(lambda s: migrations.upgrade(s.db_url))
    for name in done:
        click.echo(f"applied {name}")
    if not done:
        click.echo("already at head")


async def _status_lines(settings: Settings) -> list[str]:
    todo = set(await migrations.pending(settings.db_url))
    names = migrations.history(settings.db_url)
    return [f"{'pending' if n in todo else 'applied'}  {n}" for n in names]


@click.command("downgrade")
@click.option("--steps", type=click.IntRange(min=1), default=1, show_default=True)
@click.confirmation_option(prompt="Downgrading undoes schema changes and drops their data. Go on?")
def downgrade_command(steps: int) -> None:
    """Undo the last applied migration(s); the initial one drops every Parley table."""
    undone = _run_migrations(lambda s: migrations.downgrade(s.db_url, steps))
    for name in undone:
        click.echo(f"undid {name}")
    if not undone:
        click.echo("nothing to undo: no migration is applied")


@click.command("makemigrations")
@click.argument("name", required=False)
@click.option("--initial", is_flag=True, help="Regenerate the initial migration of every dialect.")
@click.option("--check", is_flag=True, help="Fail if the models changed without a migration.")
def makemigrations_command(name: str | None, initial: bool, check: bool) -> None:
    """(Developers) Write the next migration for SQLite and PostgreSQL from model changes."""
    if check:
        changed = _offline(migrations.unmigrated_changes())
        if changed:
            raise click.ClickException("models changed without a migration: run makemigrations")
        click.echo("models and migrations agree")
        return
    if not initial and not name:
        raise click.UsageError("give a NAME (e.g. add_bot_avatar) or --initial")
    made = _offline(migrations.make_initial() if initial else migrations.make_migration(name or ""))
    for path in made:
        click.echo(f"wrote {path}")
    if not made:
        click.echo("no changes detected")


def _offline(work: Coroutine[Any, Any, T]) -> T:
    try:
        return asyncio.run(work)
    except migrations.MigrationError as exc:
        raise click.ClickException(str(exc)) from None


COMMANDS: list[click.Command] = [
    migrate_command,
    downgrade_command,
    makemigrations_command,
]
