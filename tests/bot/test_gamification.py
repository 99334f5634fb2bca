"""The gamification step: badges announced once, level-ups, /badges, through the real engine."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from models import LearnerStats, UserBadge, UserInteraction
from tests.bot.programs.program_world import events, make_world, publish, quiz_program

START = datetime(2026, 3, 2, 17, 0, tzinfo=UTC)
BADGES = [
    {"code": "first-quiz", "name": "Quick Study", "criteria": "quizzes_passed >= 1"},
    {"code": "talker", "name": "Talker", "description": "Sent 3 messages.",
     "criteria": "messages_sent >= 3"},
    {"code": "mini-done", "name": "Finisher", "criteria": {"program_completed": "mini"}},
]  # fmt: skip


async def test_badges_are_announced_once_with_levels_and_listed(db: str) -> None:
    world = await make_world(START)
    program = quiz_program(badges=BADGES)
    program["steps"][1]["points"] = 100  # enough for level 2
    program["steps"][2]["schedule"] = "on_complete"
    await publish(world, program)
    ann = await world.learner("ann")

    await world.say("ann", "join mini")
    assert await world.texts("ann", payload="next:intro") == [
        "Two plus two?",
    ]
    quiz = await world.texts("ann", payload="quiz:check:1")
    assert quiz == [
        "Right.",
        "Why\n\nWhy are you here?",
        "New badge: Quick Study!",
        "Level up! You reached level 2.",
    ]
    done = await world.texts("ann", "To learn")
    assert done == [
        "Thanks, I've noted your answer.",
        "You completed Mini Course! Well done.",
        "New badge: Finisher!",
        "New badge: Talker! Sent 3 messages.",  # counted once the metrics step logged them
    ]
    assert "New badge" not in " ".join(await world.texts("ann", "/progress"))
    assert await world.texts("ann", "/badges") == [
        "Points: 100 (level 2; level 3 at 300)\nStreak: 1 day\n"
        "Badges: Finisher, Quick Study, Talker"
    ]
    assert sorted(e["badge"] for e in await events(ann, "badge_awarded")) == [
        "first-quiz",
        "mini-done",
        "talker",
    ]
    assert await UserBadge.filter(user_id=ann.id).count() == 3


async def test_scheduled_events_on_days_without_a_turn_keep_the_streak(db: str) -> None:
    """The row's streak counts days with events written outside a turn (scheduled steps,
    nudges) as the event-log walk does, in the learner's time zone."""
    world = await make_world(START)  # Monday 2 March, 09:00 in Los Angeles
    await publish(world, quiz_program(badges=[
        {"code": "five", "name": "Five Days", "criteria": "streak_days >= 5"},
    ]))  # fmt: skip
    ann = await world.learner("ann", tz="America/Los_Angeles")
    day = timedelta(days=1)
    got: list[str] = []
    for n in range(5):  # a turn on Mon, Wed and Fri; only a scheduled nudge on Tue and Thu
        if n % 2:
            nudge = START + n * day + timedelta(hours=8)  # 17:00 local, already the next UTC day
            await UserInteraction.create(
                user_id=ann.id, bot_id=world.bot.id, channel="telegram",
                interaction_type="nudge_sent", interaction_data={}, created_at=nudge,
            )  # fmt: skip
            continue
        world.clock.set(START + n * day)
        got += await world.texts("ann", "hello")
    assert "New badge: Five Days!" in got
    row = await LearnerStats.get(user_id=ann.id)
    assert row.streak_days == 5
    assert "Streak: 5 days" in (await world.texts("ann", "/badges"))[0]  # the log walk agrees
