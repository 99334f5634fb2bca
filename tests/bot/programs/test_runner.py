"""The programs step through the real engine: joining, answers, quizzes, commands, fall-through."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from bot.messages import ChannelName
from bot.programs import render
from bot.programs.schema import validate_definition
from models import (
    Achievement,
    EnrollmentStatus,
    Message,
    ScheduledSend,
    SendStatus,
    StepProgress,
)
from tests.bot.programs.program_world import (
    World,
    enrollment_of,
    events,
    make_world,
    publish,
    quiz_program,
)

START = datetime(2026, 3, 2, 17, 0, tzinfo=UTC)  # Monday 09:00 in Los Angeles


@pytest.fixture
async def world(db: str) -> World:
    world = await make_world(START)
    await publish(world)
    return world


async def test_deep_link_enrolls_and_delivers_the_first_step_inline(world: World) -> None:
    user = await world.learner("ann", "America/Los_Angeles")
    result = await world.say("ann", "/start habit-7")

    texts = [r.text for r in result.replies]
    assert texts[:2] == ["Hello from Coach!", "You're in: Seven Days, One Small Habit."]
    step = result.replies[2]
    assert step.kind == "step" and step.text.startswith("Welcome\n\nWelcome! For the next")
    assert [(b.title, b.payload) for b in step.buttons] == [("Let's go", "next:welcome")]
    assert await events(user, "program_enrolled") == [
        {"code": "habit-7", "version": 1, "source": "deep_link"}
    ]
    assert await events(user, "step_delivered") == [
        {"step": "welcome", "kind": "lesson", "via": "inline"}
    ]
    ledger = await ScheduledSend.get(enrollment__user_id=user.id, step_id="welcome")
    assert (ledger.status, ledger.reason) == (SendStatus.QUEUED, "delivered inline")
    assert world.retriever.calls == []


async def test_join_by_keyword_or_button_and_unknown_codes(world: World) -> None:
    bob = await world.learner("bob")
    texts = await world.texts("bob", "Join HABIT-7", channel=ChannelName.TELEGRAM)
    assert texts[0] == "You're in: Seven Days, One Small Habit."
    cat = await world.learner("cat")
    assert (await world.texts("cat", payload="join:habit-7"))[0].startswith("You're in")
    assert (await world.texts("bob", "join habit-7"))[0] == (
        "You're already in Seven Days, One Small Habit. Here is where you are:"
    )
    assert await world.texts("bob", "join yoga") == [
        "I couldn't find a program called 'yoga'. Check the code?"
    ]
    assert (await events(bob, "program_enrolled"))[0]["source"] == "keyword"
    assert (await events(cat, "program_enrolled"))[0]["source"] == "button"
    # a referral payload that is no program is just a greeting
    assert await world.texts("dan", "/start ref_123") == ["Hello from Coach!"]


async def test_lesson_then_question_then_the_next_step_is_scheduled(world: World) -> None:
    user = await world.learner("ann", "America/Los_Angeles")
    await world.say("ann", "/start habit-7")
    day1 = await world.say("ann", payload="next:welcome")
    assert day1.replies[0].text.startswith("Day 1 - Choose")  # on_complete: inline at once

    world.clock.advance(timedelta(minutes=5))
    texts = await world.texts("ann", "Stretch after waking up")
    assert texts == [
        "Thanks, I've noted your answer.",
        "Next up: Day 2 - Anchor it, on Tue 3 Mar, 09:00.",
    ]
    answer = await StepProgress.get(enrollment__user_id=user.id, step_id="day-1")
    assert answer.answer == "Stretch after waking up" and answer.completed_at is not None
    day2 = await ScheduledSend.get(enrollment__user_id=user.id, step_id="day-2", kind="step")
    assert day2.due_at == datetime(2026, 3, 3, 17, 0, tzinfo=UTC)  # 09:00 PST
    enrollment = await enrollment_of(user)
    assert enrollment.current_step == "day-2"
    # the day-1 nudges stopped when the learner answered
    nudges = await ScheduledSend.filter(enrollment_id=enrollment.id, kind="nudge")
    assert {(n.status, n.reason) for n in nudges} == {(SendStatus.CANCELLED, "learner replied")}


async def test_questions_outside_the_program_go_to_the_answer_step(world: World) -> None:
    user = await world.learner("ann")
    await world.say("ann", "/start habit-7")
    await world.say("ann", payload="next:welcome")
    result = await world.say("ann", "How much should I sleep?")

    assert result.replies[0].kind == "reply"
    progress = await StepProgress.get(enrollment__user_id=user.id, step_id="day-1")
    assert progress.completed_at is None  # still waiting for the real answer
    stored = await Message.get(id=result.outbound_message_ids[0])
    assert stored.content == result.replies[0].text


async def test_quiz_retry_feedback_and_scoring(db: str) -> None:
    world = await make_world(START)
    await publish(world, quiz_program(retries=1))
    ann = await world.learner("ann")
    await world.say("ann", "join mini")
    await world.say("ann", payload="next:intro")

    wrong = await world.say("ann", payload="quiz:check:0")
    assert wrong.replies[0].text == "Too small.\n\nNot quite. Try again:"
    assert [b.payload for b in wrong.replies[0].buttons] == [
        "quiz:check:0",
        "quiz:check:1",
        "quiz:check:2",
    ]
    right = await world.texts("ann", "four")  # typed text picks the option too
    assert right[0] == "Right."
    assert right[1].startswith("Next up: Why, on Tue 3 Mar, 09:00")
    progress = await StepProgress.get(enrollment__user_id=ann.id, step_id="check")
    assert (progress.attempts, progress.correct, progress.score) == (2, True, Decimal("0.50"))
    assert await events(ann, "quiz_answered") == [
        {"step": "check", "correct": False, "score": 0.0, "attempt": 1},
        {"step": "check", "correct": True, "score": 0.5, "attempt": 2},
    ]
    # pressing an old quiz button again changes nothing and awards nothing twice
    assert await world.texts("ann", payload="quiz:check:1") == [
        "That step is already done. Send /progress to see where you are."
    ]
    assert [a.points for a in await Achievement.filter(user_id=ann.id)] == [20]
    assert (await enrollment_of(ann)).points == 20


async def test_quiz_out_of_tries_gives_the_answer_and_no_points(db: str) -> None:
    world = await make_world(START)
    await publish(world, quiz_program(retries=0))
    bob = await world.learner("bob")
    await world.say("bob", "join mini")
    await world.say("bob", payload="next:intro")
    texts = await world.texts("bob", "3")  # the third option, by number
    assert texts[0] == "Too big. The answer is: Four."
    progress = await StepProgress.get(enrollment__user_id=bob.id, step_id="check")
    assert (progress.correct, progress.score, progress.points) == (False, Decimal("0.00"), 0)
    assert await Achievement.filter(user_id=bob.id).count() == 0


async def test_progress_pause_resume_and_stop_commands(world: World) -> None:
    ann = await world.learner("ann", "America/Los_Angeles")
    assert await world.texts("ann", "/progress") == [
        "You're not in a program yet. Send join CODE (the code your coach gave you)."
    ]
    await world.say("ann", "/start habit-7")
    await world.say("ann", payload="next:welcome")
    assert await world.texts("ann", "/progress") == [
        "Seven Days, One Small Habit (active)\n"
        "Step 2 of 8: Day 1 - Choose - waiting for your reply\nPoints: 0"
    ]
    assert await world.texts("ann", "/pause 3d") == [
        "Paused Seven Days, One Small Habit until Thu 5 Mar, 09:00. Send /resume to continue."
    ]
    enrollment = await enrollment_of(ann)
    assert enrollment.status == EnrollmentStatus.PAUSED
    resumed = await world.texts("ann", "/resume")
    assert resumed[0] == "Welcome back to Seven Days, One Small Habit!"
    assert resumed[1].startswith("Day 1 - Choose")  # the step waiting for them, again
    stopped = await world.texts("ann", "/stop")
    assert stopped[0].startswith("Stopped Seven Days, One Small Habit: no more steps")
    assert (await enrollment_of(ann)).status == EnrollmentStatus.STOPPED
    assert [e["code"] for e in await events(ann, "program_stopped")] == ["habit-7"]
    # joining again picks up where they left off
    again = await world.texts("ann", "join habit-7")
    assert again[0] == "Welcome back to Seven Days, One Small Habit!"
    assert again[1].startswith("Day 1 - Choose")
    assert "/progress - where you are" in (await world.texts("ann", "/help"))[0]


def test_read_answer_rules() -> None:
    definition = validate_definition(quiz_program())
    quiz, question = definition.step("check"), definition.step("why")
    assert quiz is not None and question is not None
    assert render.read_answer(quiz, "2", None) == render.Answer("Four", 1)
    assert render.read_answer(quiz, "maybe six", None) is None
    assert render.read_answer(question, "What is this?", None) is None  # a question for the bot
    assert render.read_answer(question, "To learn", None) == render.Answer("To learn")
    assert render.read_answer(question, "", "quiz:check:1") is None  # another step's button
