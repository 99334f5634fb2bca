"""The daily rollup: every creator's engagement metrics and program analytics for given days.

Days are each workspace's local days (`bot.zones`). The scheduler runs `rollup_due` every hour:
each creator's last two complete local days (the second so replies to a nudge that came in
after midnight are counted), shortly after midnight wherever the creator lives.
"""

from __future__ import annotations

import logging
import os
import socket
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from uuid import UUID, uuid4

from tortoise.transactions import in_transaction

from bot import leases
from bot.insight.localtime import as_date
from bot.metrics.days import DAY, DateRange, yesterday
from bot.metrics.engagement import engagement_values
from bot.metrics.programs import program_values
from bot.metrics.store import Changes, save_day
from bot.zones import zone_of
from models import Creator, EngagementMetric, Program

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


LEASE = "metrics-rollup"
LEASE_TTL = timedelta(minutes=10)
BACKFILL_DAYS = 400  # a range is at most 366 days; older days are never rolled up late
BACKFILL_PER_RUN = 31  # days per creator and run, newest first: each run stays short
Also = Callable[[Creator, datetime], Awaitable[int]]


async def missing_days(creator: Creator, first: date, last: date) -> list[date]:
    """Local days first..last without stored engagement rows (a rolled-up day always has some)."""
    if last < first:
        return []
    done = await (
        EngagementMetric.for_creator(creator.id)
        .filter(date__gte=first, date__lte=last)
        .distinct()
        .values_list("date", flat=True)
    )
    have = {as_date(str(d)) for d in done}
    return [d for d in DateRange(first, last).days() if d not in have]


class DailyRollup:
    """The scheduler's job: roll up each creator's last two local days once they are over, the
    days before that no rollup has stored yet (since the workspace was created; at most
    BACKFILL_PER_RUN a run), and whatever `also` rolls up (the studio's insight tallies).

    Remembers, per creator, the last local day done in this process, so hourly runs only
    work after a creator's midnight; a restart redoes at most one day each (idempotent).
    Several processes may run it: a lease row lets one of them work at a time.
    """

    def __init__(self, *, also: Also | None = None, holder: str | None = None) -> None:
        self.done: dict[UUID, date] = {}
        self.also = also
        self.holder = holder or f"{socket.gethostname()}:{os.getpid()}:{uuid4().hex[:8]}"
        self.clock: Callable[[], datetime] = lambda: datetime.now(UTC)

    async def __call__(self, now: datetime) -> int:
        started = time.monotonic()
        self.clock = lambda: now + timedelta(seconds=time.monotonic() - started)
        if not await self.renew():
            log.info("metrics rollup: another process holds the lease")
            return 0
        rolled = 0
        for creator in await Creator.filter(is_active=True).order_by("email"):
            if not await self.renew():
                break  # our lease expired and another process took over
            rolled += await self.creator(creator, now)
        await leases.release(LEASE, self.holder)
        return rolled

    async def renew(self) -> bool:
        """Take or extend the lease, counting from the time that has passed since `now`."""
        return await leases.take(LEASE, self.holder, now=self.clock(), ttl=LEASE_TTL)

    async def creator(self, creator: Creator, now: datetime) -> int:
        tz = await zone_of(creator)
        last = yesterday(now, tz)
        if self.done.get(creator.id) == last:
            return 0
        since = max(creator.created_at.astimezone(tz).date(), last - BACKFILL_DAYS * DAY)
        missing = await missing_days(creator, since, last - 2 * DAY)
        for day in reversed(missing[-BACKFILL_PER_RUN:]):
            if not await self.renew():
                return 0
            await rollup_creator_day(creator, day)
        for day in (last - DAY, last):
            await rollup_creator_day(creator, day)
        if self.also is not None:
            await self.also(creator, now)
        self.done[creator.id] = last
        return 1
