"""SQL statements per turn, pinned on SQLite and PostgreSQL so they cannot creep back.

A returning learner's plain question costs at most 8 statements, a program step (an answer
that completes a step and gets the next one delivered in the same turn) at most 13 (the goal
is 14; the enrollments, their programs and the current step's progress are one read), with the
engine exactly as the app builds it (`Services.build`: identity, transcript, language,
commands, the learner rate limit, gamification with unearned badges, programs, answer), so a
step added there is counted here. Counted at the connection level (tests/sqlcount.py); the
replies are checked too, so a turn that did less cannot pass.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.abuse import LearnerRateLimit
from bot.live import CACHES
from channels.app import Services
from models import Message, UserInteraction
from tests.bot.programs.program_world import World, make_world, publish
from tests.channels.conftest import app_settings
from tests.sqlcount import counting, round_trips

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
PLAIN_LIMIT = 7  # the goal is 8; a learner in no program needs no enrollment query
STEP_LIMIT = 13
PLAIN_ROUND_TRIPS = 3  # SQLite: the sender's read, BEGIN + the inbound INSERT, the rest + COMMIT
STEPS = [
    {"id": f"q{n}", "kind": "question", "title": f"Q{n}", "text": f"Question {n}?", "points": 5}
    for n in range(6)
]
BADGES = [
    {"code": "talker", "name": "Talker", "criteria": "messages_sent >= 50"},
    {"code": "streaker", "name": "Streaker", "criteria": "streak_days >= 30"},
    {"code": "done", "name": "Done", "criteria": {"program_completed": "count"}},
]


@pytest.fixture(autouse=True)
def steady_caches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Counted in the steady state: the process caches (bot, knowledge-base ids, badges: 5 s)
    do not expire between the warm-up turns and the counted one, however slow the machine."""
    monkeypatch.setattr(CACHES, "clock", lambda: 0.0)


async def world_with_program(db: str, tmp_path: Path) -> World:
    """A bot with a published program, answered by the production engine."""
    world = await make_world(START)
    await publish(world, {"code": "count", "title": "Counting", "steps": STEPS, "badges": BADGES})
    world.engine = Services.build(app_settings(db, tmp_path), clock=world.clock).engine
    assert any(isinstance(step, LearnerRateLimit) for step in world.engine.steps)
    return world


async def test_a_plain_question_costs_at_most_7_statements(db: str, tmp_path: Path) -> None:
    world = await world_with_program(db, tmp_path)
    await world.say("ann", "hello")  # first contact creates the account, user and stats
    await world.say("ann", "what should I eat?")
    with counting() as statements:
        result = await world.say("ann", "how long should I sleep?")
    assert result.replies and not result.failed
    assert len(statements) <= PLAIN_LIMIT, statements.report()
    stored = await Message.filter(id__in=result.outbound_message_ids).count()
    assert stored == len(result.replies)


async def test_a_program_step_costs_at_most_13_statements(db: str, tmp_path: Path) -> None:
    world = await world_with_program(db, tmp_path)
    await world.say("bob", "join count")
    await world.say("bob", "one")  # completes q0, delivers q1
    with counting() as statements:
        result = await world.say("bob", "two")  # completes q1, delivers q2
    assert [r.text for r in result.replies] == [
        "Thanks, I've noted your answer.",
        "Q2\n\nQuestion 2?",
    ]
    assert len(statements) <= STEP_LIMIT, statements.report()
    kinds = await UserInteraction.filter(interaction_type="step_completed").count()
    assert kinds == 2


async def test_a_plain_question_costs_at_most_3_round_trips_to_sqlite(
    db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each call on SQLite's worker thread costs the event loop a round trip: BEGIN goes with
    the inbound message's INSERT, the turn's final writes with its COMMIT."""
    if not db.startswith("sqlite"):
        pytest.skip("round trips to a worker thread are SQLite's (aiosqlite)")
    world = await world_with_program(db, tmp_path)
    await world.say("ann", "hello")
    await world.say("ann", "what should I eat?")
    with round_trips(monkeypatch) as calls, counting() as statements:
        result = await world.say("ann", "how long should I sleep?")
        sent = list(calls)
    assert result.replies and not result.failed
    assert len(sent) <= PLAIN_ROUND_TRIPS, sent
    assert len(statements) >= 6, statements.report()  # the same statements, fewer trips


async def test_the_counter_sees_every_statement(db: str, tmp_path: Path) -> None:
    """The counter itself: a turn that writes must be seen writing (no silent zero)."""
    world = await world_with_program(db, tmp_path)
    with counting() as statements:
        await world.say("cat", "hello")
    assert any(s.upper().startswith("INSERT") for s in statements.sent), statements.report()
