"""Rolled-up counts behind the analytics charts: each kind counts per closed local period (a day,
or a week's Monday) and key, once, through the same query the page runs live.

A kind's `count` is the only definition of its numbers: the rollup stores what it returns for
periods that are over (and settled: a nudge's reply may come up to 24 h later), the page reads
those and runs `count` live only for the periods not stored (today, this week). So rolled-up
and live figures are equal by construction. Rows of a period never change once settled (an
erasure empties fields but keeps the rows counted), except when two learners are merged: then
`forget` drops the bot's and its programs' periods since the older of the two appeared, the
page counts those live and the next rollup stores them again.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from bot.insight.localtime import LocalTime, as_date, day_bounds, monday
from bot.insight.sql import select
from models import InsightTally, Program

DONE = "."  # the key of the row saying "this period is rolled up"
SNAPSHOT = "funnel"  # stored whole as of a cutoff, not per closed period (`bot.insight.progress`)
Counts = dict[tuple[date, str], int]
Count = Callable[[Any, datetime, datetime, LocalTime], Awaitable[Counts]]


@dataclass(frozen=True)
class Kind:
    """One rolled-up count: `weekly` periods are local weeks (by Monday), else local days."""

    name: str
    count: Count
    weekly: bool = False
    settle: timedelta = timedelta()

    def period(self, day: date) -> date:
        return monday(day) if self.weekly else day

    def last_day(self, period: date) -> date:
        return period + timedelta(days=6 if self.weekly else 0)

    def periods(self, first: date, last: date) -> list[date]:
        step = timedelta(days=7 if self.weekly else 1)
        out, at = [], self.period(first)
        while at <= last:
            out.append(at)
            at += step
        return out

    def bounds(self, first: date, last: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
        """UTC [start, end) of the periods first..last."""
        return day_bounds(first, self.last_day(last), tz)


def local_time(tz: ZoneInfo, start: datetime, end: datetime) -> LocalTime:
    return LocalTime.of(tz, start - timedelta(days=7), end + timedelta(days=7))


async def stored(kind: Kind, subject_id: UUID, first: date, last: date) -> tuple[Counts, set[date]]:
    """The stored counts of periods first..last, and which of them are rolled up."""
    rows = await select(  # raw: thousands of small rows, without building ORM values
        'SELECT period, "key", n FROM insight_tally'
        " WHERE subject_id = ? AND kind = ? AND period >= ? AND period <= ?",
        [subject_id, kind.name, first, last],
    )
    counts: Counts = {}
    done: set[date] = set()
    for period, key, n in rows:
        if key == DONE:
            done.add(as_date(period))
        else:
            counts[(as_date(period), str(key))] = int(n)
    return counts, done


async def live_counts(kind: Kind, subject: Any, missing: list[date], tz: ZoneInfo) -> Counts:
    """`kind.count` of the periods `missing` (ascending), in one query over the span."""
    start, end = kind.bounds(missing[0], missing[-1], tz)
    live = await kind.count(subject, start, end, local_time(tz, start, end))
    wanted = set(missing)
    return {k: n for k, n in live.items() if k[0] in wanted}


async def counted(kind: Kind, subject: Any, periods: list[date], *, tz: ZoneInfo) -> Counts:
    """Counts of `periods` (ascending): stored where rolled up, live for the others."""
    if not periods:
        return {}
    counts, done = await stored(kind, subject.id, periods[0], periods[-1])
    missing = [p for p in periods if p not in done]
    if missing:
        counts.update(await live_counts(kind, subject, missing, tz))
    return counts


async def totals(kind: Kind, subject: Any, periods: list[date], *, tz: ZoneInfo) -> dict[str, int]:
    """The counts of consecutive `periods` added up per key: what `counted` gives, summed, but
    the stored periods are summed by the database (tens of rows, not thousands)."""
    if not periods:
        return {}
    where = "subject_id = ? AND kind = ? AND period >= ? AND period <= ?"
    params = [subject.id, kind.name, periods[0], periods[-1]]
    done = {
        as_date(p)
        for (p,) in await select(
            f'SELECT period FROM insight_tally WHERE {where} AND "key" = ?', [*params, DONE]
        )
    }
    sums = await select(
        f'SELECT "key", SUM(n) FROM insight_tally WHERE {where} AND "key" <> ? GROUP BY 1',
        [*params, DONE],
    )
    out: dict[str, int] = defaultdict(int, {str(k): int(n) for k, n in sums})
    missing = [p for p in periods if p not in done]
    if missing:
        for (_, key), n in (await live_counts(kind, subject, missing, tz)).items():
            out[key] += n
    return dict(out)


def closed_until(kind: Kind, now: datetime, tz: ZoneInfo) -> date:
    """The last period that is over and settled at `now`."""
    day = (now - kind.settle).astimezone(tz).date() - timedelta(days=1)
    last = kind.period(day)
    if kind.last_day(last) > day:
        last -= timedelta(days=7)
    return last


async def roll(
    kind: Kind, subject: Any, creator_id: UUID, *, since: date, now: datetime, tz: ZoneInfo
) -> int:
    """Store the counts of every closed period since `since` not stored yet; how many periods.
    Missing periods are counted in one live query over the span they cover."""
    last = closed_until(kind, now, tz)
    if last < kind.period(since):
        return 0
    periods = kind.periods(since, kind.last_day(last))
    _, done = await stored(kind, subject.id, periods[0], periods[-1])
    missing = [p for p in periods if p not in done]
    if not missing:
        return 0
    rows = [
        InsightTally(
            creator_id=creator_id, subject_id=subject.id, kind=kind.name, period=p, key=k, n=n
        )
        for (p, k), n in (await live_counts(kind, subject, missing, tz)).items()
    ]
    rows += [
        InsightTally(
            creator_id=creator_id, subject_id=subject.id, kind=kind.name, period=p, key=DONE, n=0
        )
        for p in missing
    ]
    async with in_transaction():
        await InsightTally.bulk_create(rows, batch_size=1000)
    return len(missing)


async def forget(creator_id: UUID, bot_id: UUID, since: datetime) -> int:
    """Drop the stored periods of a bot and its programs that may hold rows from `since` on
    (a week and a time zone's day of margin), and the programs' funnel snapshots (their rows
    change enrolment), so they are counted again; how many rows."""
    programs = await Program.filter(creator_id=creator_id, bot_id=bot_id).values_list(
        "id", flat=True
    )
    first = (since - timedelta(days=8)).date()
    return await (
        InsightTally.filter(creator_id=creator_id, subject_id__in=[bot_id, *programs])
        .filter(Q(period__gte=first) | Q(kind=SNAPSHOT))
        .delete()
    )


async def grouped_counts(sql: str, params: list[Any]) -> Counts:
    """Rows of (period, key, n) as counts."""
    return {(as_date(p), str(k)): int(n) for p, k, n in await select(sql, params)}
