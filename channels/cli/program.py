"""CLI commands for programs: import, export, publish and list a bot's programs."""

from __future__ import annotations

from pathlib import Path

import click

from bot.errors import NotFound
from bot.programs import service
from bot.programs.loader import Format, load_file
from bot.settings import Settings
from channels.cli.runtime import run
from models import Bot, BotStatus

BOT_OPTION = click.option("--bot", "bot_slug", required=True, help="The bot's slug.")


async def bot_by_slug(slug: str) -> Bot:
    """Slugs are unique across creators; the operator's CLI may address any live bot."""
    bot = await Bot.exclude(status=BotStatus.DELETED).get_or_none(slug=slug)
    if bot is None:
        raise NotFound(f"no bot {slug!r}")
    return bot


@click.group("program")
def program_group() -> None:
    """Manage a bot's programs (courses, challenges)."""


@program_group.command("import")
@BOT_OPTION
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
def import_command(bot_slug: str, file: Path) -> None:
    """Import (or update) a program's draft from a YAML or JSON FILE."""

    async def go(_: Settings) -> str:
        definition = load_file(file)
        program = await service.import_program(await bot_by_slug(bot_slug), definition)
        return (
            f"imported {program.code} into {bot_slug}: {len(definition.steps)} steps, "
            f"{len(definition.badges)} badges (draft; publish to make it live)"
        )

    click.echo(run(go))


@program_group.command("export")
@BOT_OPTION
@click.argument("code")
@click.option("--format", "fmt", type=click.Choice(["yaml", "json"]), default="yaml")
def export_command(bot_slug: str, code: str, fmt: Format) -> None:
    """Print a program's draft as YAML or JSON."""

    async def go(_: Settings) -> str:
        return await service.export_program(await bot_by_slug(bot_slug), code, fmt)

    click.echo(run(go), nl=False)


@program_group.command("publish")
@BOT_OPTION
@click.argument("code")
def publish_command(bot_slug: str, code: str) -> None:
    """Freeze the draft as a new version; new enrollments start on it."""

    async def go(_: Settings) -> str:
        version = await service.publish_program(await bot_by_slug(bot_slug), code)
        return f"published {code} version {version.version}"

    click.echo(run(go))


@program_group.command("list")
@BOT_OPTION
def list_command(bot_slug: str) -> None:
    """List a bot's programs: code, status, version, steps, enrollments, title."""

    async def go(_: Settings) -> list[str]:
        programs = await service.list_programs(await bot_by_slug(bot_slug))
        return [
            f"{p.code}\t{p.status.value}\tv{p.version}\t"
            f"{len(p.flow_definition.get('steps', []))} steps\t"
            f"{p.enrollment_count} enrolled\t{p.name}"
            for p in programs
        ] or [f"no programs on {bot_slug}"]

    for line in run(go):
        click.echo(line)


COMMANDS: list[click.Command] = [program_group]
