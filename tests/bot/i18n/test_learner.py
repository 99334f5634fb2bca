"""The learner's language through the engine: channel profile code first, else detected from
their messages, stored on their profile, and the language of every built-in text."""

from __future__ import annotations

from bot.engine import Engine
from bot.i18n.catalogue import catalogue
from bot.llm import LLMChooser
from bot.messages import ChannelName, InboundMessage
from bot.settings import LLMSettings
from models import Bot, BotStatus, EndUser
from tests import factories
from tests.fakes.retriever import FakeRetriever

_ids = iter(range(1, 1000))


async def turn(engine: Engine, bot: Bot, text: str, **metadata: str) -> str:
    inbound = InboundMessage(
        ChannelName.TELEGRAM, bot.slug, "42", f"u{next(_ids)}", text=text, metadata=metadata
    )
    result = await engine.handle(inbound)
    return result.replies[0].text


async def test_the_channel_code_wins_then_detection_then_the_stored_language(db: str) -> None:
    bot = await factories.bot(await factories.creator(), "polyglot", status=BotStatus.PUBLISHED)
    engine = Engine(retriever=FakeRetriever(), llm_for=LLMChooser(LLMSettings()))

    # no code, English-looking command: nothing known yet, English
    assert await turn(engine, bot, "/reset") == catalogue("en")["reset"]
    user = await EndUser.get(bot_id=bot.id)
    assert (user.language, user.language_source) == ("en", "")

    # Telegram says pt-BR: Portuguese (pt-BR -> pt), whatever the learner types
    assert await turn(engine, bot, "/reset", language_code="pt-br") == catalogue("pt")["reset"]
    await user.refresh_from_db()
    assert (user.language, user.language_source) == ("pt-BR", "channel")

    # a learner on a channel without codes: their messages decide, and it sticks for commands
    other = await factories.bot(await factories.creator(), "detector", status=BotStatus.PUBLISHED)
    await turn(engine, other, "Bonjour, quelle est la durée de l'échauffement avant de courir ?")
    assert await turn(engine, other, "/reset") == catalogue("fr")["reset"]
    learner = await EndUser.get(bot_id=other.id)
    assert (learner.language, learner.language_source) == ("fr", "detected")
    # a short message cannot be told apart: the stored language holds
    await turn(engine, other, "ok")
    assert await turn(engine, other, "/reset") == catalogue("fr")["reset"]
