"""The daily rollup: every creator's engagement metrics and program analytics for given days.

Days are each workspace's local days (`bot.zones`). The scheduler runs `rollup_due` every hour:
each creator's last two complete local days (the second so replies to a nudge that came in
after midnight are counted), shortly after midnight wherever the creator lives.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from tortoise.transactions import in_transaction

from bot.metrics.days import DAY, yesterday
from bot.metrics.engagement import engagement_values
from bot.metrics.programs import program_values
from bot.metrics.store import Changes, save_day
from bot.zones import zone_of
from models import Creator, Program

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DayReport:
    """What the rollup of one creator's day wrote."""

    day: date
    creator_id: UUID
    creator_email: str
    engagement_rows: int
    program_rows: int
    changes: Changes


async def rollup_creator_day(creator: Creator, day: date) -> DayReport:
    """Compute one creator's local day and store it (idempotent: re-running changes nothing)."""
    tz = await zone_of(creator)
    programs = await Program.for_creator(creator.id).order_by("code")
    values = await engagement_values(creator.id, day, tz)
    values += await program_values(creator.id, programs, day, tz)
    async with in_transaction():
        changes = await save_day(creator.id, day, values)
    programs_n = sum(v.program_id is not None for v in values)
    log.info("metrics rollup %s creator=%s %s", day, creator.id, changes)
    return DayReport(day, creator.id, creator.email, len(values) - programs_n, programs_n, changes)


async def rollup(days: Sequence[date], *, creator_id: UUID | None = None) -> list[DayReport]:
    """Roll up each day for every creator (or one); an operator job, so it spans creators."""
    creators = Creator.all() if creator_id is None else Creator.filter(id=creator_id)
    reports = []
    for creator in await creators.order_by("email"):
        for day in days:
            reports.append(await rollup_creator_day(creator, day))
    return reports


class DailyRollup:
    """The scheduler's job: roll up each creator's last two local days once they are over.

    Remembers, per creator, the last local day done in this process, so hourly runs only
    work after a creator's midnight; a restart redoes at most one day each (idempotent).
    """

    def __init__(self) -> None:
        self.done: dict[UUID, date] = {}

    async def __call__(self, now: datetime) -> int:
        rolled = 0
        for creator in await Creator.filter(is_active=True).order_by("email"):
            last = yesterday(now, await zone_of(creator))
            if self.done.get(creator.id) == last:
                continue
            for day in (last - DAY, last):
                await rollup_creator_day(creator, day)
            self.done[creator.id] = last
            rolled += 1
        return rolled
