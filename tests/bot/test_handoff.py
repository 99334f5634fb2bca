"""Handing a learner to a person through the real engine and scheduler: quiet bot, held nudges."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot import handoff
from bot.handoff import HandoffSettings, asks_for_human
from models import Conversation, EndUser, Message, ScheduledSend, SendStatus
from tests.bot.programs.program_world import World, make_world, publish, scheduled_texts

START = datetime(2026, 3, 2, 17, 0, tzinfo=UTC)
NUDGE = "Still thinking?"


@pytest.fixture
async def world(db: str) -> World:
    world = await make_world(START)
    await publish(world)
    return world


async def day_one(world: World, name: str) -> tuple[EndUser, Conversation]:
    """A learner in habit-7, day 1 delivered: its first nudge is due 6 hours later."""
    user = await world.learner(name)
    await world.say(name, "/start habit-7")
    await world.say(name, payload="next:welcome")
    return user, await Conversation.get(user_id=user.id)


def nudges(texts: list[tuple[datetime, str]]) -> list[str]:
    return [text for _, text in texts if text.startswith(NUDGE)]


async def test_takeover_quiets_the_bot_and_holds_nudges_until_release(world: World) -> None:
    ann, conversation = await day_one(world, "ann")
    creator = world.bot.creator_id
    await handoff.take_over(creator, conversation.id, actor_user_id=None, now=world.clock.now())
    assert await world.texts("ann", "When does day 2 start?") == []
    assert await Message.filter(content="When does day 2 start?").exists()
    world.clock.advance(timedelta(hours=16))  # nudge 1: 6 h later, after the quiet hours
    report = await world.scheduler.sweep_once()
    assert report.deferred >= 1 and nudges(await scheduled_texts(ann)) == []
    held = await ScheduledSend.get(enrollment__user_id=ann.id, kind="nudge", attempt=1)
    assert held.status == SendStatus.PENDING and held.due_at > world.clock.now()
    await handoff.release(creator, conversation.id, actor_user_id=None)
    world.clock.advance(timedelta(minutes=11))
    await world.scheduler.sweep_once()
    assert len(nudges(await scheduled_texts(ann))) == 1
    assert await world.texts("ann", "/progress")  # the bot answers again


async def test_commands_still_work_while_taken_over(world: World) -> None:
    _, conversation = await day_one(world, "bob")
    creator = world.bot.creator_id
    await handoff.take_over(creator, conversation.id, actor_user_id=None, now=world.clock.now())
    assert await world.texts("bob", "/help")  # a learner can always get help, stop or delete


async def test_human_request_times_out_by_itself(world: World) -> None:
    await world.learner("cat")
    said = await world.texts("cat", "can I talk to a HUMAN, please?")
    assert said == [
        "Thanks, I've let the team know. A person will answer you here soon; "
        "until then I'll stay quiet."
    ]
    assert await world.texts("cat", "hello?") == []
    world.clock.advance(timedelta(hours=24, minutes=1))
    assert await world.texts("cat", "hello?") != []


def test_phrases_match_whole_words_and_the_command() -> None:
    settings = HandoffSettings(phrases=["real person"])
    assert asks_for_human("/human", settings) and asks_for_human("/Human@coach_bot", settings)
    assert asks_for_human("Is there a REAL person here?", settings)
    assert not asks_for_human("unreal personality", settings)
    assert not asks_for_human("/help", settings)
    with pytest.raises(ValueError):
        HandoffSettings(phrases=["?"])
    with pytest.raises(ValueError):
        HandoffSettings(timeout_hours=0)
