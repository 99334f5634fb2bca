"""CLI commands for simulating a program on a throwaway database."""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import click
from tortoise import Tortoise

from bot.clock import FakeClock
from bot.engine import Engine
from bot.errors import InvalidInput
from bot.gamification import GamificationStep
from bot.llm import LLMChooser
from bot.programs import service
from bot.programs.runner import ProgramsStep
from bot.programs.schema import ProgramDefinition
from bot.programs.simulation import SCRIPTS, NoKnowledge, Simulation, TimelineEvent
from bot.schedule import zone
from bot.scheduler import Scheduler
from bot.settings import LLMSettings, Settings
from channels.cli.program import bot_by_slug
from channels.cli.runtime import run
from models import Bot, BotStatus, Creator, ProgramVersion
from models.db import close_db, init_db


@dataclass(frozen=True)
class Source:
    """What the simulation copies from the configured database."""

    bot: dict[str, Any]
    definition: ProgramDefinition


async def read_source(bot_slug: str, code: str) -> Source:
    bot = await bot_by_slug(bot_slug)
    program = await service.get_program(bot, code)
    if program.version:  # what learners get: the latest published version
        version = await ProgramVersion.get_or_none(program_id=program.id, version=program.version)
        definition = service.definition_of(version) if version else service.draft_of(program)
    else:
        definition = service.draft_of(program)
    fields = ("slug", "name", "persona_name", "greeting", "sign_off", "settings")
    return Source({f: getattr(bot, f) for f in fields}, definition)


async def simulate(
    source: Source, *, days: int, users: int, tz: str, start: datetime
) -> list[TimelineEvent]:
    """Copy the bot and program into the (empty, throwaway) database and run the learners."""
    clock = FakeClock(start)
    creator = await Creator.create(email="simulate@example.invalid", password_hash="-")
    bot = await Bot.create(creator=creator, status=BotStatus.PUBLISHED, **source.bot)
    definition = source.definition.model_copy(update={"knowledge": None})
    await service.import_program(bot, definition)
    await service.publish_program(bot, definition.code, now=start)
    engine = Engine(
        retriever=NoKnowledge(),
        llm_for=LLMChooser(LLMSettings()),
        clock=clock,
        before_answer=[GamificationStep(clock), ProgramsStep(clock)],
    )
    sim = Simulation(engine, Scheduler(clock=clock), clock, bot, definition)
    for n in range(users):
        await sim.add_learner(f"learner-{n + 1}", SCRIPTS[n % len(SCRIPTS)], tz)
    return await sim.run(start + timedelta(days=days))


def default_start() -> datetime:
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    return now - timedelta(minutes=now.minute % 15)


def parse_start(text: str | None) -> datetime:
    if not text:
        return default_start()
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"--start {text!r}: use an ISO time like 2026-03-02T17:00Z") from None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def table_line(event: TimelineEvent) -> str:
    return (
        f"{event.local:%a %d %b %H:%M %Z}  {event.user:<11} {event.kind:<10} "
        f"{event.step:<14} {event.text}"
    )


@click.command("simulate")
@click.option("--bot", "bot_slug", required=True, help="The bot's slug.")
@click.option("--program", "code", required=True, help="The program's code.")
@click.option("--days", type=click.IntRange(1, 90), default=7, show_default=True)
@click.option("--users", type=click.IntRange(1, 100), default=3, show_default=True)
@click.option("--tz", default="UTC", show_default=True, help="The learners' IANA time zone.")
@click.option("--start", default=None, help="Simulated start (ISO, UTC if no offset).")
@click.option("--json", "as_json", is_flag=True, help="One JSON event per line.")
def simulate_command(
    bot_slug: str, code: str, days: int, users: int, tz: str, start: str | None, as_json: bool
) -> None:
    """Run a program for scripted learners on a throwaway copy, days in seconds."""

    async def go(settings: Settings) -> list[TimelineEvent]:
        zone(tz)
        begin = parse_start(start)
        source = await read_source(bot_slug, code)
        await close_db()
        with tempfile.TemporaryDirectory(prefix="parley-simulate-") as tmp:
            url = f"sqlite://{Path(tmp) / 'simulate.sqlite3'}"
            await init_db(url, secret_keys=settings.secret_keys())
            await Tortoise.generate_schemas()
            try:
                return await simulate(source, days=days, users=users, tz=tz, start=begin)
            finally:
                await close_db()

    for event in run(go):
        click.echo(
            json.dumps(event.to_json(), ensure_ascii=False) if as_json else table_line(event)
        )


COMMANDS: list[click.Command] = [simulate_command]
