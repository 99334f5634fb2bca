"""Badge criteria, streaks and levels (pure), and awarding each badge once (both dialects)."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from pydantic import ValidationError

from bot.badges import (
    UserStats,
    award_badges,
    criteria_json,
    evaluate,
    level_for,
    parse_criteria,
    points_for_level,
    streak_days,
)
from models import (
    Achievement,
    Badge,
    EndUser,
    EnrollmentStatus,
    Program,
    ProgramEnrollment,
    ProgramVersion,
    StepProgress,
    UserBadge,
    UserInteraction,
)
from tests import factories

KOLKATA = ZoneInfo("Asia/Kolkata")


def check(criteria: object, stats: UserStats) -> bool:
    return evaluate(parse_criteria(criteria), stats)


def test_thresholds() -> None:
    stats = UserStats(messages_sent=20, steps_completed=4, quizzes_passed=3, quiz_average=0.8)
    assert check("messages_sent >= 20", stats)
    assert not check("messages_sent > 20", stats)
    assert not check("steps_completed >= 5", stats)
    assert check("quizzes_passed == 3", stats)
    assert check("quiz_average >= 0.8", stats)


def test_quiz_average_is_never_met_before_any_quiz() -> None:
    assert not check("quiz_average >= 0", UserStats())
    assert not check("quiz_average <= 1", UserStats())


def test_program_completed_and_nesting() -> None:
    criteria = {
        "all": [
            {"program_completed": "habit-7"},
            {"any": ["streak_days >= 7", "quiz_average >= 0.9"]},
        ]
    }
    done = frozenset({"habit-7"})
    assert check(criteria, UserStats(completed_programs=done, streak_days=7))
    assert check(criteria, UserStats(completed_programs=done, quiz_average=0.95))
    assert not check(criteria, UserStats(completed_programs=done, streak_days=6, quiz_average=0.5))
    assert not check(criteria, UserStats(streak_days=30))


def test_criteria_round_trip_to_the_same_json() -> None:
    authored = {"any": ["messages_sent >= 20", {"all": ["points>=100", "quiz_average >= 0.75"]}]}
    parsed = parse_criteria(authored)
    dumped = parsed.model_dump(mode="json")
    assert dumped == {
        "any": ["messages_sent >= 20", {"all": ["points >= 100", "quiz_average >= 0.75"]}]
    }
    assert parse_criteria(dumped) == parsed


def test_stored_criteria_are_always_objects() -> None:
    assert criteria_json(parse_criteria("points >= 5")) == {"all": ["points >= 5"]}
    nested = {"any": ["points >= 5", {"program_completed": "x"}]}
    assert criteria_json(parse_criteria(nested)) == nested


@pytest.mark.parametrize(
    ("criteria", "complaint"),
    [
        ("messages >= 20", "Input should be 'messages_sent'"),
        ("messages_sent about 20", "is not a criterion"),
        ({"all": []}, "at least 1 item"),
        ({"none": ["points >= 1"]}, "a criterion is 'metric >= N'"),
        ({"program_completed": "x", "all": []}, "a criterion is"),
        (42, "a criterion is"),
    ],
)
def test_invalid_criteria(criteria: object, complaint: str) -> None:
    with pytest.raises(ValidationError, match=complaint):
        parse_criteria(criteria)


def local(day: int, hour: int = 12) -> datetime:
    return datetime(2026, 6, day, hour, tzinfo=KOLKATA)


def test_streak_counts_local_days_ending_today_or_yesterday() -> None:
    activity = [local(d) for d in (1, 2, 3, 4)]
    assert streak_days(activity, KOLKATA, today=date(2026, 6, 4)) == 4
    assert streak_days(activity, KOLKATA, today=date(2026, 6, 5)) == 4  # today not over yet
    assert streak_days(activity, KOLKATA, today=date(2026, 6, 7), freezes_per_week=0) == 0
    assert streak_days([], KOLKATA, today=date(2026, 6, 7)) == 0


def test_streak_uses_the_learners_local_day() -> None:
    # 20:00 UTC on 1 June is 01:30 on 2 June in Kolkata: two UTC days, one local day... and
    # 19:00 UTC on 2 June is 00:30 on 3 June: consecutive local days 2 and 3.
    activity = [datetime(2026, 6, 1, 20, 0, tzinfo=UTC), datetime(2026, 6, 2, 19, 0, tzinfo=UTC)]
    assert streak_days(activity, KOLKATA, today=date(2026, 6, 3)) == 2
    assert streak_days(activity, ZoneInfo("UTC"), today=date(2026, 6, 2)) == 2


def test_one_missed_day_per_week_is_bridged() -> None:
    # 1-7 June 2026 is Mon-Sun. Missed Wed 3rd: bridged, streak counts the 6 active days.
    activity = [local(d) for d in (1, 2, 4, 5, 6, 7)]
    assert streak_days(activity, KOLKATA, today=date(2026, 6, 7)) == 6
    assert streak_days(activity, KOLKATA, today=date(2026, 6, 7), freezes_per_week=0) == 4


def test_two_misses_in_one_week_break_the_streak() -> None:
    activity = [local(d) for d in (1, 3, 5, 6, 7)]  # missed Tue 2nd and Thu 4th
    assert streak_days(activity, KOLKATA, today=date(2026, 6, 7)) == 4  # 3,5,6,7
    assert streak_days(activity, KOLKATA, today=date(2026, 6, 7), freezes_per_week=2) == 5


def test_misses_in_different_weeks_are_each_bridged() -> None:
    # Missed Wed 3 June (week 23) and Wed 10 June (week 24).
    activity = [local(d) for d in range(1, 13) if d not in (3, 10)]
    assert streak_days(activity, KOLKATA, today=date(2026, 6, 12)) == 10


def test_two_consecutive_missed_days_always_break() -> None:
    activity = [local(d) for d in (1, 2, 5, 6)]
    assert streak_days(activity, KOLKATA, today=date(2026, 6, 6), freezes_per_week=7) == 2


def test_levels_follow_the_documented_curve() -> None:
    assert [points_for_level(n) for n in range(1, 7)] == [0, 100, 300, 600, 1000, 1500]
    assert [level_for(p) for p in (0, 99, 100, 299, 300, 599, 600, 1000, 1499)] == [
        1, 1, 2, 2, 3, 3, 4, 5, 5,
    ]  # fmt: skip
    assert level_for(-5) == 1
    assert all(level_for(points_for_level(n)) == n for n in range(1, 200))
    assert all(level_for(points_for_level(n) - 1) == n - 1 for n in range(2, 200))


# --- award_badges on a real database -------------------------------------------------------


async def learner() -> EndUser:
    owner = await factories.creator()
    return await factories.end_user(await factories.bot(owner))


async def completed_program(user: EndUser, code: str, *, quiz_scores: list[str]) -> None:
    program = await Program.create(
        creator_id=user.creator_id, bot_id=user.bot_id, code=code, name=code, flow_definition={}
    )
    version = await ProgramVersion.create(program=program, version=1, definition={})
    enrollment = await ProgramEnrollment.create(
        program=program, program_version=version, user=user, status=EnrollmentStatus.COMPLETED
    )
    now = datetime.now(UTC)
    for index, score in enumerate(quiz_scores):
        await StepProgress.create(
            enrollment=enrollment,
            step_id=f"quiz-{index}",
            completed_at=now,
            correct=Decimal(score) >= Decimal("0.5"),
            score=Decimal(score),
        )
    await StepProgress.create(enrollment=enrollment, step_id="intro", completed_at=now)


async def badge(user: EndUser, code: str, criteria: object, **fields: object) -> Badge:
    return await Badge.create(
        creator_id=user.creator_id, bot_id=user.bot_id, code=code, name=code.title(),
        criteria=criteria_json(parse_criteria(criteria)), **fields,
    )  # fmt: skip


async def test_award_badges_awards_earned_badges_once(db: str) -> None:
    user = await learner()
    await completed_program(user, "habit-7", quiz_scores=["1.00", "0.50", "1.00"])
    for _ in range(3):
        await UserInteraction.create(
            user=user, bot_id=user.bot_id, interaction_type="message_received", channel="web"
        )
    await Achievement.create(user=user, achievement_type="step", points=120)
    await badge(user, "finisher", {"program_completed": "habit-7"})
    await badge(user, "sharp", "quiz_average >= 0.8")  # average is 0.83
    await badge(user, "chatty", "messages_sent >= 3")
    await badge(user, "level-2", {"all": ["points >= 100", "steps_completed >= 4"]})
    await badge(user, "talker", "messages_sent >= 20")
    await badge(user, "retired", "points >= 0", is_active=False)

    first = await award_badges(user)
    assert sorted(b.code for b in first) == ["chatty", "finisher", "level-2", "sharp"]
    assert await award_badges(user) == []
    rows = await UserBadge.filter(user=user).prefetch_related("badge")
    assert sorted(r.badge.code for r in rows) == ["chatty", "finisher", "level-2", "sharp"]
    assert (await Badge.get(code="sharp")).awarded_count == 1
    snapshot = next(r.criteria_met for r in rows if r.badge.code == "chatty")
    assert snapshot["messages_sent"] == 3 and snapshot["steps_completed"] == 4


async def test_concurrent_awards_grant_a_badge_once(db: str) -> None:
    user = await learner()
    await badge(user, "welcome", "points >= 0")
    results = await asyncio.gather(*(award_badges(user) for _ in range(4)))
    assert sum(len(r) for r in results) == 1
    assert await UserBadge.filter(user=user).count() == 1
    assert (await Badge.get(code="welcome")).awarded_count == 1


async def test_badges_of_other_creators_and_bots_are_ignored(db: str) -> None:
    user = await learner()
    stranger = await learner()
    await badge(stranger, "theirs", "points >= 0")
    other_bot = await factories.bot(await user.creator)
    await Badge.create(creator_id=user.creator_id, bot=other_bot, code="other-bot", name="O",
                       criteria={"all": ["points >= 0"]})  # fmt: skip
    await Badge.create(creator_id=user.creator_id, bot=None, code="everywhere", name="E",
                       criteria={"all": ["points >= 0"]})  # fmt: skip
    assert [b.code for b in await award_badges(user)] == ["everywhere"]


async def test_streak_badge_from_the_event_log(db: str) -> None:
    user = await learner()
    user.timezone = "Asia/Kolkata"
    await user.save()
    now = datetime(2026, 6, 7, 12, 0, tzinfo=UTC)
    for days_ago in (0, 1, 2, 4, 5, 6, 7):  # one missed day, bridged by the weekly freeze
        moment = now - timedelta(days=days_ago)
        await UserInteraction.create(
            user=user, bot_id=user.bot_id, interaction_type="step", channel="web", created_at=moment
        )
    await badge(user, "week", "streak_days >= 7")
    await badge(user, "strict-week", {"all": ["streak_days >= 7", "messages_sent >= 1"]})
    assert [b.code for b in await award_badges(user, now=now)] == ["week"]
    assert await award_badges(user, now=now, freezes_per_week=0) == []
