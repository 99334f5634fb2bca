"""The LLM provider registry: a provider's name -> how to build its `LLM` for one bot.

`offline` (the grounded responder, no network) and `openai` (any OpenAI-compatible server)
are built in; another provider is one function and one entry in `PROVIDERS` (or in the
mapping given to `LLMChooser`), nothing else.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import aiohttp

from bot.llm.grounded import GroundedResponder
from bot.llm.openai import ChatConfig, OpenAICompatibleLLM, Sleep
from bot.llm.prompt import LLM
from bot.settings import LLMSettings
from models import Bot

# Keys a bot may set under Bot.settings["llm"] beyond the fields of `LLMSettings`.
TUNING_KEYS = ("temperature", "max_tokens", "prompt_tokens", "backoff_s")


@dataclass(frozen=True)
class Choice:
    """What a provider builds from: the merged settings, the bot, its raw overrides."""

    settings: LLMSettings
    bot: Bot
    overrides: Mapping[str, Any]


@dataclass(frozen=True)
class Shared:
    """What the chooser shares with every provider: one HTTP session, the sleep to back off
    with, the offline responder (stateless, built once)."""

    session: Callable[[], aiohttp.ClientSession]
    sleep: Sleep
    offline: GroundedResponder


Provider = Callable[[Choice, Shared], LLM]


def offline(choice: Choice, shared: Shared) -> LLM:
    return shared.offline


def openai_compatible(choice: Choice, shared: Shared) -> LLM:
    return OpenAICompatibleLLM(shared.session(), chat_config(choice), sleep=shared.sleep)


def chat_config(choice: Choice) -> ChatConfig:
    chosen = choice.settings
    default_key = chosen.api_key.get_secret_value() if chosen.api_key else None
    tuning = {k: choice.overrides[k] for k in TUNING_KEYS if k in choice.overrides}
    return ChatConfig(
        base_url=chosen.base_url,
        model=chosen.model,
        api_key=choice.bot.llm_api_key or default_key,
        timeout_s=chosen.timeout_s,
        max_retries=chosen.max_retries,
        **tuning,
    )


PROVIDERS: Mapping[str, Provider] = {"offline": offline, "openai": openai_compatible}
