"""Language models: the `LLM` protocol, its two implementations, and the per-bot choice of one."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from datetime import datetime
from typing import Any
from uuid import UUID

import aiohttp
from pydantic import ValidationError

from bot.errors import InvalidInput
from bot.llm.grounded import GroundedResponder
from bot.llm.openai import ChatConfig, OpenAICompatibleLLM, Sleep
from bot.llm.prompt import LLM, Exchange, Prompt, estimate_tokens
from bot.llm.providers import PROVIDERS, Choice, Provider, Shared
from bot.settings import LLMSettings
from models import Bot

__all__ = [
    "LLM",
    "PROVIDERS",
    "ChatConfig",
    "Exchange",
    "GroundedResponder",
    "LLMChooser",
    "OpenAICompatibleLLM",
    "Prompt",
    "Provider",
    "estimate_tokens",
]

MAX_BUILT = 10_000  # (bot, edit) pairs remembered; an edit changes updated_at, so a new key


class LLMChooser:
    """Picks each bot's LLM: `Bot.settings["llm"]` overrides the process's `settings.llm`, and
    the provider named there builds it (see `providers.PROVIDERS`).

    Owns the aiohttp session of the HTTP providers (created on first use) unless one is given;
    the composition root calls `aclose()` at shutdown.
    """

    def __init__(
        self,
        defaults: LLMSettings,
        *,
        session: aiohttp.ClientSession | None = None,
        sleep: Sleep = asyncio.sleep,
        providers: Mapping[str, Provider] = PROVIDERS,
    ) -> None:
        self._providers = dict(providers)
        self._defaults = defaults
        provider_of(self._providers, defaults.provider, where="settings.llm.provider")
        self._session = session
        self._owns_session = session is None
        self._shared = Shared(
            session=self._client_session, sleep=sleep, offline=GroundedResponder()
        )
        self._built: dict[tuple[UUID, datetime | None], LLM] = {}

    def __call__(self, bot: Bot) -> LLM:
        """The bot's LLM, built once per edit of the bot (settings validated then, not per turn)."""
        key = (bot.id, bot.updated_at)
        if key not in self._built:
            if len(self._built) > MAX_BUILT:
                self._built.clear()
            self._built[key] = self._build(bot)
        return self._built[key]

    def _build(self, bot: Bot) -> LLM:
        overrides = bot_overrides(bot)
        chosen = merged_settings(self._defaults, overrides)
        build = provider_of(self._providers, chosen.provider, where=f"bot {bot.slug}: settings.llm")
        return build(Choice(chosen, bot, overrides), self._shared)

    def _client_session(self) -> aiohttp.ClientSession:
        if self._session is None:
            self._session = aiohttp.ClientSession()
        return self._session

    async def aclose(self) -> None:
        if self._session is not None and self._owns_session:
            await self._session.close()
        self._session = None


def bot_overrides(bot: Bot) -> dict[str, Any]:
    raw = (bot.settings or {}).get("llm", {})
    if not isinstance(raw, dict):
        raise InvalidInput(f"bot {bot.slug}: settings.llm must be an object")
    return {k: v for k, v in raw.items() if k != "api_key"}  # keys live in Bot.llm_api_key


def merged_settings(defaults: LLMSettings, overrides: dict[str, Any]) -> LLMSettings:
    try:
        return LLMSettings.model_validate({**defaults.model_dump(), **overrides})
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise InvalidInput(f"bot settings.llm.{where}: {first['msg']}") from None


def provider_of(providers: Mapping[str, Provider], name: str, *, where: str) -> Provider:
    if name not in providers:
        known = ", ".join(sorted(providers))
        raise InvalidInput(f"{where}: unknown LLM provider {name!r}: use one of {known}")
    return providers[name]
