"""The insight rollup: every closed local period of each analytics tally, per bot and program,
stored once (`bot.insight.tallies`), and each program's funnel snapshot, replaced once a local
day (`bot.insight.progress`). Run by the scheduler's hourly metrics rollup."""

from __future__ import annotations

import logging
from datetime import datetime

from bot.insight import activity, engagement, funnel, nudges, progress
from bot.insight.tallies import roll
from bot.zones import zone_of
from models import Bot, Creator, Program

log = logging.getLogger(__name__)

BOT_KINDS = (activity.WEEKLY, activity.REPLY_TIMES, engagement.BADGES)
PROGRAM_KINDS = (funnel.COHORTS, funnel.QUIZ, nudges.NUDGES)


async def roll_creator(creator: Creator, now: datetime) -> int:
    """Roll up every tally of the creator's bots and programs since each was created; how many
    periods were stored (0 when everything closed is stored already)."""
    tz = await zone_of(creator)
    stored = 0
    for bot in await Bot.for_creator(creator.id).order_by("slug"):
        since = bot.created_at.astimezone(tz).date()
        for kind in BOT_KINDS:
            stored += await roll(kind, bot, creator.id, since=since, now=now, tz=tz)
    for program in await Program.for_creator(creator.id).order_by("code"):
        since = program.created_at.astimezone(tz).date()
        for kind in PROGRAM_KINDS:
            stored += await roll(kind, program, creator.id, since=since, now=now, tz=tz)
        stored += await progress.snapshot(program, creator.id, now=now, tz=tz)
    if stored:
        log.info("insight rollup creator=%s: %d period(s)", creator.id, stored)
    return stored
