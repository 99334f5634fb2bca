"""Rolled-up analytics equal the live computation; the rollup is safe with several processes
(a lease row), backfills once and then stores nothing new until a period closes (both dialects)."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot import leases
from bot.insight import report
from bot.insight.activity import REPLY_TIMES, bucket
from bot.insight.engagement import BADGES
from bot.insight.funnel import QUIZ
from bot.insight.localtime import day_bounds, period_sql
from bot.insight.nudges import NUDGES
from bot.insight.rollup import roll_creator
from bot.insight.scope import resolve
from bot.insight.tallies import counted, totals
from bot.linking import merge_learners
from bot.metrics import DailyRollup
from bot.metrics.rollup import LEASE
from models import Bot, Creator, EngagementMetric, InsightTally, Program
from tests.bot.insight.world import CODE, NOW, World, build_world

LATER = datetime(2024, 3, 4, 6, tzinfo=UTC)  # every period of the world has closed
RANGES = [("2024-01-08", "2024-01-14"), ("2024-01-03", "2024-01-17"), ("2023-12-20", "2024-01-15")]


async def backdate(world: World) -> None:
    """The workspace existed before the week the world's learners talked in."""
    born = datetime(2023, 12, 1, tzinfo=UTC)
    await Creator.filter(id=world.creator.id).update(created_at=born)
    await Bot.filter(id=world.bot.id).update(created_at=born)
    await Program.filter(id=world.program.id).update(created_at=born)


async def pages(world: World) -> list[list[dict[str, object]]]:
    out = []
    for first, last in RANGES:
        scope = await resolve(
            world.creator.id, bot=world.bot.slug, program=CODE, first=first, last=last, now=NOW
        )
        out.append([c.to_json() for c in await report.analytics(scope)])
    return out


@pytest.fixture
async def world(db: str) -> World:
    built = await build_world()
    await backdate(built)
    return built


async def test_rolled_up_pages_equal_live(world: World) -> None:
    live = await pages(world)
    assert await InsightTally.all().count() == 0
    for hour in range(4):  # the first runs backfill a month of days each
        assert await DailyRollup(also=roll_creator)(LATER + timedelta(hours=hour)) == 2
    kinds = set(
        await InsightTally.filter(subject_id=world.program.id).values_list("kind", flat=True)
    )
    assert kinds == {"cohorts", "nudges", "quiz", "funnel"}
    kinds = set(await InsightTally.filter(subject_id=world.bot.id).values_list("kind", flat=True))
    assert kinds == {"weekly_active", "reply_times", "badges"}
    assert await EngagementMetric.filter(
        creator_id=world.creator.id, date=date(2024, 1, 9)
    ).exists()
    assert await pages(world) == live


async def test_pages_read_the_stored_tallies(world: World) -> None:
    await roll_creator(await Creator.get(id=world.creator.id), LATER)
    scope = await resolve(
        world.creator.id,
        bot=world.bot.slug,
        program=CODE,
        first="2024-01-08",
        last="2024-01-14",
        now=NOW,
    )
    before = (await report.chart(scope, "cohorts")).rows
    assert before == [["2024-01-08", 3, 100.0, 33.3, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]]
    week_1 = InsightTally.filter(
        subject_id=world.program.id, kind="cohorts", period=date(2024, 1, 15), key="2024-01-08"
    )
    assert await week_1.update(n=2) == 1
    assert (await report.chart(scope, "cohorts")).rows[0][3] == 66.7


async def test_rollup_stores_each_period_once(world: World) -> None:
    creator = await Creator.get(id=world.creator.id)
    assert await roll_creator(creator, LATER) > 0
    stored = await InsightTally.all().count()
    assert await roll_creator(creator, LATER) == 0  # nothing new closed
    assert await roll_creator(creator, LATER + timedelta(hours=1)) == 0
    assert await InsightTally.all().count() == stored
    # a day later, one more day of each daily tally closes (nudges settle a day later), and
    # the program's funnel snapshot is taken again as of the new local midnight
    assert await roll_creator(creator, LATER + timedelta(days=1)) == 5


async def test_second_process_waits_for_the_lease(world: World) -> None:
    first, second = DailyRollup(holder="one"), DailyRollup(holder="two")
    assert await leases.take(LEASE, "one", now=LATER, ttl=timedelta(minutes=10))
    assert await second(LATER) == 0  # "one" holds it: "two" writes nothing
    assert await EngagementMetric.all().count() == 0
    assert not await leases.take(LEASE, "two", now=LATER, ttl=timedelta(minutes=10))
    assert await first(LATER) == 2  # the holder renews and works, then lets go
    rows = set(await EngagementMetric.all().values_list("id", "metric_value"))
    assert rows
    assert await second(LATER + timedelta(minutes=1)) == 2  # free again: it goes on backfilling
    after = set(await EngagementMetric.all().values_list("id", "metric_value"))
    assert rows < after  # what "one" stored is left as it was, nothing counted twice


async def test_expired_lease_is_taken_over(db: str) -> None:
    assert await leases.take("job", "one", now=LATER, ttl=timedelta(minutes=10))
    assert not await leases.take("job", "two", now=LATER + timedelta(minutes=9), ttl=timedelta(1))
    assert await leases.take("job", "two", now=LATER + timedelta(minutes=11), ttl=timedelta(1))
    assert not await leases.take("job", "one", now=LATER + timedelta(minutes=12), ttl=timedelta(1))


async def test_totals_equal_the_summed_counts_stored_or_live(world: World) -> None:
    """`totals` (stored periods summed by the database) is `counted` summed per key, whether
    the periods are stored, live or a mix of both."""
    tz = ZoneInfo("America/New_York")
    days = [date(2024, 1, 3) + timedelta(days=i) for i in range(12)]
    subjects = {
        REPLY_TIMES: world.bot,
        BADGES: world.bot,
        NUDGES: world.program,
        QUIZ: world.program,
    }
    live = {kind.name: await totals(kind, s, days, tz=tz) for kind, s in subjects.items()}
    assert all(live.values())
    await roll_creator(await Creator.get(id=world.creator.id), NOW)  # stores days up to 01-14
    for kind, subject in subjects.items():
        assert await InsightTally.filter(kind=kind.name, period=date(2024, 1, 9)).exists()
        summed: dict[str, int] = defaultdict(int)
        for (_, key), n in (await counted(kind, subject, days, tz=tz)).items():
            summed[key] += n
        assert await totals(kind, subject, days, tz=tz) == dict(summed) == live[kind.name]


def test_reply_time_buckets() -> None:
    assert bucket(0) == (0, 1)
    assert bucket(99) == (99, 100)
    assert bucket(100) == (100, 110)
    assert bucket(1234) == (1200, 1300)
    assert bucket(56789) == (56000, 57000)


def test_a_live_count_within_one_period_groups_by_that_period() -> None:
    tz = ZoneInfo("America/New_York")
    short_day = day_bounds(date(2024, 3, 10), date(2024, 3, 10), tz)  # 23 hours (DST)
    assert period_sql(*short_day, tz, 1, "ROW_DAY") == "'2024-03-10'"
    two_days = day_bounds(date(2024, 3, 10), date(2024, 3, 11), tz)
    assert period_sql(*two_days, tz, 1, "ROW_DAY") == "ROW_DAY"
    week = day_bounds(date(2024, 3, 4), date(2024, 3, 10), tz)
    assert period_sql(*week, tz, 7, "ROW_WEEK") == "'2024-03-04'"
    assert period_sql(week[0], two_days[1], tz, 7, "ROW_WEEK") == "ROW_WEEK"


async def test_merging_two_learners_counts_their_closed_periods_again(world: World) -> None:
    await roll_creator(await Creator.get(id=world.creator.id), LATER)
    before = await pages(world)
    a, b = world.users["A"], world.users["B"]  # both active and enrolled in the closed week
    await merge_learners(a, b, now=LATER)
    after = await pages(world)
    assert after != before  # one learner fewer in that week's actives and cohort
    await InsightTally.all().delete()
    assert await pages(world) == after  # what the page shows equals a count from scratch
    await roll_creator(await Creator.get(id=world.creator.id), LATER)
    assert await InsightTally.filter(subject_id=world.bot.id).exists()  # stored again
    assert await pages(world) == after
