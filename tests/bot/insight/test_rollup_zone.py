"""The daily rollup uses the workspace's local days and runs from the scheduler (both dialects)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from bot.clock import FakeClock
from bot.insight import report
from bot.insight.scope import resolve
from bot.metrics import DailyRollup
from bot.scheduler import Scheduler
from models import EngagementMetric
from models.analytics import dimensions_key
from tests.bot.insight.world import DAILY, FIRST, LAST, NOW, build_world, utc


async def totals(creator_id: object, day: date) -> dict[str, Decimal]:
    rows = await EngagementMetric.filter(
        creator_id=creator_id, date=day, dimensions_key=dimensions_key({})
    )
    return {r.metric_type: r.metric_value for r in rows}


async def test_scheduler_rolls_up_local_days_once(db: str) -> None:
    world = await build_world()
    # 06:00 UTC on 01-15 is 01:00 in New York: 01-14 is over there, and C wrote on it.
    scheduler = Scheduler(clock=FakeClock(utc(15, 6)), rollup=DailyRollup())
    assert await scheduler.rollup_once() == 2  # both creators
    mine = await totals(world.creator.id, date(2024, 1, 14))
    assert mine["active_users"] == 1 and mine["new_users"] == 1 and mine["messages_in"] == 1
    monday = await totals(world.creator.id, date(2024, 1, 8))
    assert monday == {}  # only the last two local days are rolled up
    assert await scheduler.rollup_once() == 0  # nothing new until the next local midnight
    # The other workspace lives in UTC: its 01-14 ended before C's message.
    other = await totals(world.other.id, date(2024, 1, 14))
    assert other["active_users"] == 0
    await EngagementMetric.all().delete()
    assert await Scheduler(clock=FakeClock(utc(15, 6)), rollup=None).rollup_once() == 0
    assert await EngagementMetric.all().count() == 0


async def test_daily_chart_reads_rolled_up_days(db: str) -> None:
    world = await build_world()
    await Scheduler(clock=FakeClock(utc(15, 6)), rollup=DailyRollup()).rollup_once()
    scope = await resolve(
        world.creator.id, bot=world.bot.slug, first=str(FIRST), last=str(LAST), now=NOW
    )
    rows = (await report.chart(scope, "daily")).rows
    assert {r[0]: r[1:] for r in rows if any(r[1:])} == DAILY  # stored and live agree
    stored = EngagementMetric.filter(
        creator_id=world.creator.id,
        date=date(2024, 1, 14),
        metric_type="active_users",
        dimensions_key=dimensions_key({"bot": world.bot.slug}),
    )
    assert await stored.update(metric_value=Decimal(7)) == 1
    rows = (await report.chart(scope, "daily")).rows
    assert rows[-1] == ["2024-01-14", 7, 1, 1, 1]
