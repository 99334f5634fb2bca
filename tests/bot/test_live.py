"""The live-bot caches: a turn always acts on the fresh bot row, whatever process edited it;
edits through the service functions drop this process's cached copies at once."""

from __future__ import annotations

import pytest

from bot import accounts, configuration
from bot.identity import BotUnavailable
from bot.live import live_bot
from models import Bot, BotStatus
from tests.bot.test_engine import World, message, world  # noqa: F401 - the fixture


async def test_a_turn_sees_an_edit_made_by_another_process(world: World) -> None:  # noqa: F811
    engine = world.engine()
    await engine.handle(message("/start", msg_id="m1"))  # the account exists from now on
    cached = await live_bot("ada")
    # another process edits the bot: this process's cache is not told
    await Bot.filter(id=world.bot.id).update(greeting="Welcome back, runner!")
    assert (await live_bot("ada")).greeting == cached.greeting  # the edge's copy is stale
    result = await engine.handle(message("/start", msg_id="m2"))
    assert result.replies[0].text == "Welcome back, runner!"  # the turn read the fresh row
    assert (await live_bot("ada")).greeting == "Welcome back, runner!"  # and refreshed the edge


async def test_a_bot_archived_elsewhere_stops_answering_at_once(world: World) -> None:  # noqa: F811
    engine = world.engine()
    await engine.handle(message("hello", msg_id="m1"))
    await live_bot("ada")
    await Bot.filter(id=world.bot.id).update(status=BotStatus.ARCHIVED)
    with pytest.raises(BotUnavailable):
        await engine.handle(message("hello again", msg_id="m2"))
    with pytest.raises(BotUnavailable):
        await live_bot("ada")  # the turn dropped the cached copy


async def test_service_edits_drop_the_cached_bot(world: World) -> None:  # noqa: F811
    await live_bot("ada")
    await configuration.edit(world.bot, {"greeting": "Edited in this process."})
    await configuration.publish(world.bot)
    assert (await live_bot("ada")).greeting == "Edited in this process."
    await accounts.soft_delete_bot(world.bot, now=world.clock.now())
    with pytest.raises(BotUnavailable):
        await live_bot("ada")
