"""The sender's joined read: the models it hydrates read as the ORM's own select reads them,
and the bot's row, unchanged, is the instance built the turn before (not a new one)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.sender import read_sender
from models import Bot, ChannelAccount, Conversation, EndUser, LearnerStats
from tests.bot.programs.program_world import World, make_world

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


async def read(world: World, name: str) -> ChannelAccount:
    found = await read_sender(world.bot, "telegram", name, inbound_since=START - timedelta(1))
    assert found is not None
    return found.account


async def test_the_joined_read_hydrates_as_the_orm_reads(db: str) -> None:
    world = await make_world(START)
    await world.say("ann", "hello")
    account = await read(world, "ann")
    user, bot, conversation = account.end_user, account.bot, account.conversation
    assert isinstance(user, EndUser) and isinstance(bot, Bot)
    assert isinstance(conversation, Conversation)
    stats = getattr(user, "_stats", None)
    assert isinstance(stats, LearnerStats)
    pairs = [
        (account, await ChannelAccount.get(id=account.id)),
        (user, await EndUser.get(id=user.id)),
        (stats, await LearnerStats.get(id=stats.id)),
        (bot, await Bot.get(id=bot.id)),
        (conversation, await Conversation.get(id=conversation.id)),
    ]
    for joined, orm in pairs:
        for name in type(orm)._meta.db_fields:
            field = type(orm)._meta.fields_db_projection_reverse.get(name, name)
            mine, theirs = getattr(joined, field), getattr(orm, field)
            assert mine == theirs, (type(orm).__name__, field, mine, theirs)
            assert type(mine) is type(theirs), (type(orm).__name__, field)
            if isinstance(theirs, datetime):
                assert mine.utcoffset() == theirs.utcoffset() == timedelta(0)


async def test_an_unchanged_bot_row_is_the_same_instance_a_changed_one_is_new(db: str) -> None:
    world = await make_world(START)
    await world.say("ann", "hello")
    first = (await read(world, "ann")).bot
    assert (await read(world, "ann")).bot is first
    await Bot.filter(id=world.bot.id).update(name="Coach Two")
    changed = (await read(world, "ann")).bot
    assert changed is not first
    assert isinstance(changed, Bot) and changed.name == "Coach Two"
    assert isinstance(first, Bot) and first.name == "Coach"
