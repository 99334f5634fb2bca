"""The LLM provider registry: a new provider is one entry; unknown names are refused clearly."""

from __future__ import annotations

import pytest

from bot.errors import InvalidInput
from bot.llm import PROVIDERS, LLMChooser, Prompt
from bot.llm.prompt import LLM
from bot.llm.providers import Choice, Shared
from bot.messages import OutboundMessage
from bot.persona import Persona
from bot.settings import LLMSettings
from models import Bot


class ShoutingLLM:
    """A provider's model: answers with the question in capitals and its configured model."""

    def __init__(self, model: str) -> None:
        self.model = model

    async def reply(self, prompt: Prompt) -> OutboundMessage:
        return OutboundMessage(text=f"{prompt.question.upper()} ({self.model})")


def shouting(choice: Choice, shared: Shared) -> LLM:
    return ShoutingLLM(choice.settings.model)


async def test_a_registered_provider_answers_for_the_bots_that_name_it() -> None:
    chooser = LLMChooser(LLMSettings(), providers={**PROVIDERS, "shout": shouting})
    bot = Bot(slug="loud", name="Loud", settings={"llm": {"provider": "shout", "model": "m9"}})
    llm = chooser(bot)
    reply = await llm.reply(Prompt(persona=Persona(name="Loud"), question="how do I warm up?"))
    assert reply.text == "HOW DO I WARM UP? (m9)"
    quiet = Bot(slug="quiet", name="Quiet", settings={})
    assert not isinstance(chooser(quiet), ShoutingLLM)  # the process default: offline
    await chooser.aclose()


async def test_an_unknown_provider_is_refused_with_the_known_ones() -> None:
    chooser = LLMChooser(LLMSettings())
    bot = Bot(slug="odd", name="Odd", settings={"llm": {"provider": "shout"}})
    with pytest.raises(
        InvalidInput, match="unknown LLM provider 'shout': use one of offline, openai"
    ):
        chooser(bot)
    with pytest.raises(InvalidInput, match=r"settings\.llm\.provider: unknown LLM provider"):
        LLMChooser(LLMSettings(provider="shout"))
    await chooser.aclose()
