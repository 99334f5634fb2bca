"""The funnel's per-step counts from a stored snapshot plus the rows since its cutoff equal a
count from scratch, whatever happens after the cutoff; the snapshot is replaced once a local
day and ignored in another zone (both dialects)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.insight import progress
from bot.insight.scope import Scope, resolve
from bot.insight.tallies import SNAPSHOT
from models import Creator, InsightTally, ProgramEnrollment, StepProgress
from tests.bot.insight.world import CODE, NOW, World, build_world

CUT = datetime(2024, 1, 15, 5, tzinfo=UTC)  # local midnight of Mon 01-15 in New York
RANGES = [("2024-01-08", "2024-01-14"), ("2024-01-03", "2024-01-17"), ("2024-01-15", "2024-01-15")]


@pytest.fixture
async def world(db: str) -> World:
    built = await build_world()
    for row in await StepProgress.all().select_related("enrollment"):  # reached when delivered
        await StepProgress.filter(id=row.id).update(created_at=row.enrollment.enrolled_at)
    return built


async def scope(world: World, first: str, last: str, now: datetime = NOW) -> Scope:
    return await resolve(
        world.creator.id, bot=world.bot.slug, program=CODE, first=first, last=last, now=now
    )


async def both(world: World, first: str, last: str) -> tuple[object, object]:
    s = await scope(world, first, last)
    return await progress.step_counts(s, world.program), await progress.from_scratch(
        s, world.program
    )


async def snap(world: World, now: datetime) -> int:
    return await progress.snapshot(
        world.program, world.creator.id, now=now, tz=(await scope(world, *RANGES[0])).tz
    )


async def test_snapshot_plus_rows_since_equal_a_count_from_scratch(world: World) -> None:
    assert await snap(world, NOW) == 1
    stored = await InsightTally.filter(subject_id=world.program.id, kind=SNAPSHOT)
    marker = [t for t in stored if t.key == ". America/New_York"]
    assert [(m.period.isoformat(), m.n) for m in marker] == [("2024-01-15", int(CUT.timestamp()))]
    week = await scope(world, *RANGES[0])
    # A, B and C enrolled in the week (D the day before): lesson-1 reached by the three and
    # done by A and B, who reached lesson-2 and reached and answered the quiz
    expected = {"lesson-1": (3, 2), "lesson-2": (2, 0), "lesson-2-quiz": (2, 2)}
    assert await progress.step_counts(week, world.program) == expected
    a = await ProgramEnrollment.get(user_id=world.users["A"].id)
    b = await ProgramEnrollment.get(user_id=world.users["B"].id)
    # after the cutoff: A reaches lessons 3 and 4 (new rows), B completes lesson-2 (a row
    # created before the cutoff)
    for step, hours in (("lesson-3", 2), ("lesson-4", 3)):
        row = await StepProgress.create(enrollment=a, step_id=step, delivered_at=CUT)
        await StepProgress.filter(id=row.id).update(created_at=CUT + timedelta(hours=hours))
    await StepProgress.filter(enrollment_id=b.id, step_id="lesson-2").update(
        completed_at=CUT + timedelta(hours=1), status="completed"
    )
    expected |= {"lesson-2": (2, 1), "lesson-3": (1, 0), "lesson-4": (1, 0)}
    assert await progress.step_counts(week, world.program) == expected
    for first, last in RANGES:
        got, scratch = await both(world, first, last)
        assert got == scratch, (first, last)


async def test_the_page_reads_the_snapshot(world: World) -> None:
    await snap(world, NOW)
    week = await scope(world, *RANGES[0])
    await InsightTally.filter(
        subject_id=world.program.id, kind=SNAPSHOT, key="reached lesson-1", period="2024-01-08"
    ).update(n=40)  # A's day: 1 stored; tampered, to see it read
    assert (await progress.step_counts(week, world.program))["lesson-1"] == (41, 2)


async def test_the_snapshot_is_replaced_once_a_local_day(world: World) -> None:
    assert await snap(world, NOW) == 1
    assert await snap(world, NOW + timedelta(hours=5)) == 0  # same cutoff: kept
    assert await snap(world, CUT + timedelta(days=1, minutes=30)) == 0  # within the settle hour
    assert await snap(world, CUT + timedelta(days=1, hours=1)) == 1
    markers = await InsightTally.filter(
        subject_id=world.program.id, kind=SNAPSHOT, key__startswith="."
    )
    assert [m.n for m in markers] == [int((CUT + timedelta(days=1)).timestamp())]
    for first, last in RANGES:
        got, scratch = await both(world, first, last)
        assert got == scratch, (first, last)


async def test_a_snapshot_of_another_zone_is_ignored(world: World) -> None:
    await snap(world, NOW)
    await InsightTally.filter(
        subject_id=world.program.id, kind=SNAPSHOT, key__not=". America/New_York"
    ).update(n=1000)
    creator = await Creator.get(id=world.creator.id)
    creator.settings = {"time_zone": "Asia/Kolkata"}
    await creator.save(update_fields=["settings"])
    for first, last in RANGES:
        got, scratch = await both(world, first, last)
        assert got == scratch, (first, last)
    assert await snap(world, NOW) == 1  # taken again, in the new zone
    kolkata = await InsightTally.filter(
        subject_id=world.program.id, kind=SNAPSHOT, key__startswith="."
    )
    assert [m.key for m in kolkata] == [". Asia/Kolkata"]
