"""Analytics over a hand-built week in New York time: each chart's numbers, the local-day
boundary, DST, drill-down lists, bulk pause/resume and tenant isolation (both dialects)."""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.errors import InvalidInput, NotFound
from bot.insight import actions, behind, report
from bot.insight.localtime import changes
from bot.insight.scope import Scope, resolve
from models import (
    Conversation,
    EndUser,
    EnrollmentStatus,
    LearnerStats,
    ProgramEnrollment,
    ProgramVersion,
)
from tests import factories
from tests.bot.insight.world import (
    CODE,
    DAILY,
    FIRST,
    FUNNEL_HEAD,
    LAST,
    NOW,
    World,
    build_world,
    enrol,
    learner,
    said,
    utc,
)


@pytest.fixture
async def world(db: str) -> World:
    return await build_world()


async def scope_of(world: World, program: str | None = CODE, **days: str) -> Scope:
    return await resolve(
        world.creator.id,
        bot=world.bot.slug,
        program=program,
        first=days.get("first", str(FIRST)),
        last=days.get("last", str(LAST)),
        now=NOW,
    )


async def charts(world: World) -> dict[str, list[list[object]]]:
    return {c.key: c.rows for c in await report.analytics(await scope_of(world))}


async def test_activity_per_local_day_and_week(world: World) -> None:
    rows = (await charts(world))["daily"]
    assert [r[0] for r in rows] == [str(FIRST + timedelta(days=i)) for i in range(7)]
    assert {r[0]: r[1:] for r in rows if any(r[1:])} == DAILY
    assert (await charts(world))["weekly"] == [["2024-01-08", 3]]


async def test_reply_time_median_and_p90(world: World) -> None:
    assert (await charts(world))["response"] == [
        ["replies", 5],
        ["median_ms", 300.0],
        ["p90_ms", 1000],
    ]


async def test_reply_time_ranks_sharing_a_bucket(world: World) -> None:
    """Ranks read together from one bucket (both middle ones, or one with the 90th) give the
    same values as ranks read one by one: the nearest rank over every reply of the range."""
    ada = world.users["A"]
    conv = await Conversation.get(user_id=ada.id)
    for ms in (401, 405, 1010, 1020, 1050):  # 100 200 300 400 401 405 1000 1010 1020 1050
        await said(ada, conv, utc(11, 12), ms)
    rows = (await charts(world))["response"]
    assert rows == [["replies", 10], ["median_ms", 403.0], ["p90_ms", 1020]]
    for ms in (1060, 1070):  # 12 replies: the middle two in two buckets, the 90th in the second's
        await said(ada, conv, utc(11, 13), ms)
    rows = (await charts(world))["response"]
    assert rows == [["replies", 12], ["median_ms", 702.5], ["p90_ms", 1060]]


async def test_funnel_cohorts_nudges_quiz(world: World) -> None:
    got = await charts(world)
    assert got["funnel"][:4] == FUNNEL_HEAD
    assert got["cohorts"] == [["2024-01-08", 3, 100.0, 33.3, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]]
    assert got["nudge_rungs"] == [[1, 2, 1, 50.0], [2, 1, 1, 100.0]]
    assert got["nudge_hours"] == [[0, 1, 1, 100.0], [9, 2, 1, 50.0]]
    assert got["quiz"] == [["lesson-2-quiz", 2, 1, 50.0]]


async def test_cohorts_live_week_counts_the_range_from_its_first_midnight(world: World) -> None:
    """This week (counted live) reads only the range's enrolments: Eve, enrolled at the range's
    first local midnight, counts; Dov, an hour before (the week of 01-01), does not, and a range
    starting a week earlier shows the same 01-08 row and Dov's."""
    eve = await learner(world.bot, "Eve", utc(8, 5))
    version = await ProgramVersion.filter(program_id=world.program.id).first()
    assert version is not None
    await enrol(world.program, version, eve, utc(8, 5), "lesson-1", last=utc(8, 5))
    await said(eve, await factories.conversation(eve), utc(16, 16), None)  # week 1
    dov = world.users["D"]
    await said(dov, await Conversation.get(user_id=dov.id), utc(16, 17), None)  # week 2
    row = ["2024-01-08", 4, 75.0, 50.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]
    assert (await charts(world))["cohorts"] == [row]
    earlier = await scope_of(world, first="2024-01-01")
    rows = (await report.chart(earlier, "cohorts")).rows
    assert rows == [["2024-01-01", 1, 100.0, 0.0, 100.0, 0.0, 0.0, 0.0, 0.0, 0.0], row]


async def test_streaks_at_risk_and_badges(world: World) -> None:
    got = await charts(world)
    assert got["streaks"] == [[4, 1]]
    assert got["badges"] == [["early-bird", 1]]


async def test_streaks_at_risk_who_counts(world: World) -> None:
    """At risk: a running streak last active yesterday or the day before, on this bot; test
    learners, other creators' learners, no streak, today or three days ago are left out. The
    chart and the learners behind it (per streak length too) agree."""
    today = date(2024, 1, 15)
    eve = await learner(world.bot, "Eve", utc(10, 12))
    for user, days, last in (
        (world.users["D"], 3, today - timedelta(days=2)),
        (world.users["T"], 5, today - timedelta(days=1)),
        (world.users["X"], 6, today - timedelta(days=1)),
        (eve, 0, today - timedelta(days=1)),
    ):
        await LearnerStats.create(user=user, streak_days=days, last_active_day=last, points=0)
    assert (await charts(world))["streaks"] == [[3, 1], [4, 1]]
    scope = await scope_of(world)

    async def names(**query: str) -> list[str]:
        rows = await behind.learners_behind(scope, behind.behind_from({"at_risk": "1", **query}))
        return sorted(r.name for r in rows)

    assert await names() == ["Ada", "Dov"]
    assert await names(streak="3") == ["Dov"]
    assert await names(streak="5") == []
    bot_wide = await scope_of(world, program=None)  # no enrolment: the learner's own activity
    rows = await behind.learners_behind(bot_wide, behind.behind_from({"at_risk": "1"}))
    ada = await EndUser.get(id=world.users["A"].id)
    assert {r.id: r.last_active for r in rows}[ada.id] == ada.last_active_at


async def test_utc_days_would_differ(world: World) -> None:
    """The same data read in UTC: D comes in, B's first day and C's move out or over."""
    world.creator.settings = {"time_zone": "UTC"}
    await world.creator.save(update_fields=["settings"])
    rows = (await charts(world))["daily"]
    assert {r[0]: r[1] for r in rows if r[1]} == {"2024-01-08": 2, "2024-01-09": 1, "2024-01-10": 1}
    assert {r[0]: r[4] for r in rows if r[4]} == {"2024-01-08": 2, "2024-01-09": 1}


async def test_dst_change_splits_the_day_correctly(world: World) -> None:
    """New York springs forward on 2024-03-10: 23:30 local that day is 03:30 UTC the next."""
    tz = ZoneInfo("America/New_York")
    pieces = changes(utc(9, 5, month=3), utc(12, 4, month=3), tz)
    assert [(at.isoformat(), m) for at, m in pieces][1:] == [("2024-03-10T07:00:00+00:00", -240)]
    ada = world.users["A"]
    conv = await factories.conversation(ada)
    for when in (utc(10, 6, 30, month=3), utc(11, 3, 30, month=3), utc(11, 4, 30, month=3)):
        await said(ada, conv, when, None)
    scope = await scope_of(world, first="2024-03-09", last="2024-03-11")
    rows = (await report.chart(scope, "daily")).rows
    assert [r[2] for r in rows] == [0, 2, 1]


async def test_drill_down_lists_the_learners_behind_a_number(world: World) -> None:
    scope = await scope_of(world)

    async def names(**query: str) -> list[str]:
        rows = await behind.learners_behind(scope, behind.behind_from(query))
        return sorted(r.name for r in rows)

    assert await names(step="lesson-2") == ["Ada", "Bea", "Dov"]
    assert await names(step="lesson-2", stuck="3") == ["Ada", "Dov"]
    assert await names(cohort="2024-01-08", week="0") == ["Ada", "Bea", "Cy"]
    assert await names(cohort="2024-01-08", week="1") == ["Ada"]
    assert await names(at_risk="1") == ["Ada"]
    with pytest.raises(InvalidInput):
        await names(week="99", cohort="2024-01-08")


async def test_bulk_pause_and_resume_change_enrolments(world: World) -> None:
    scope = await scope_of(world)
    ada, bea = world.users["A"].id, world.users["B"].id
    paused = await actions.bulk(
        world.creator.id,
        actions.BulkIn(action="pause", learners=[ada, bea], program=CODE),
        actor=None,
        now=NOW,
        program=scope.program,
    )
    assert [o.status for o in paused] == ["paused", "paused"]
    statuses = dict(
        await ProgramEnrollment.filter(program_id=world.program.id).values_list("user_id", "status")
    )
    assert statuses[ada] == statuses[bea] == EnrollmentStatus.PAUSED
    resumed = await actions.bulk(
        world.creator.id,
        actions.BulkIn(action="resume", learners=[ada], program=CODE),
        actor=None,
        now=NOW,
        program=scope.program,
    )
    assert resumed[0].status == "resumed"
    assert (
        await ProgramEnrollment.get(program_id=world.program.id, user_id=ada)
    ).status == EnrollmentStatus.ACTIVE
    cy = world.users["C"].id
    await ProgramEnrollment.filter(user_id=cy).update(status=EnrollmentStatus.COMPLETED)
    skipped = await actions.bulk(
        world.creator.id,
        actions.BulkIn(action="pause", learners=[cy], program=CODE),
        actor=None,
        now=NOW,
        program=scope.program,
    )
    assert skipped[0].status == "skipped" and "completed" in (skipped[0].reason or "")


async def test_other_creators_objects_are_not_found(world: World) -> None:
    with pytest.raises(NotFound):
        await resolve(world.creator.id, bot=world.other_bot.slug, now=NOW)
    with pytest.raises(NotFound):
        await resolve(world.other.id, bot=world.bot.slug, now=NOW)
    with pytest.raises(NotFound):
        await actions.bulk(
            world.creator.id,
            actions.BulkIn(action="pause", learners=[world.users["X"].id], program=CODE),
            actor=None,
            now=NOW,
            program=(await scope_of(world)).program,
        )
    other = await resolve(
        world.other.id,
        bot=world.other_bot.slug,
        program=CODE,
        first=str(FIRST),
        last=str(LAST),
        now=NOW,
    )
    rows = await behind.learners_behind(other, behind.behind_from({"step": "lesson-2"}))
    assert [r.name for r in rows] == ["Xan"]
