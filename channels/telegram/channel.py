"""The Telegram channel as the app plugs it in (see channels/registry.py)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aiohttp import web

from bot.messages import InboundMessage
from bot.settings import TelegramSettings
from channels.registry import ChannelDeps
from channels.telegram.client import TelegramClients, TelegramSender
from channels.telegram.parse import parse_update
from channels.telegram.webhook import TelegramUpdates, add_routes


class TelegramChannel:
    name = "telegram"
    settings_model = TelegramSettings

    def __init__(self, deps: ChannelDeps) -> None:
        self.clients = TelegramClients(deps.settings.telegram)
        self.updates = TelegramUpdates(inbox=deps.inbox, clients=self.clients, clock=deps.clock)
        self.sender = TelegramSender(self.clients, limiter=deps.cluster.limiter)

    def routes(self, app: web.Application) -> None:
        add_routes(app, self.updates)

    def parse(self, raw: Mapping[str, Any], *, bot: str) -> InboundMessage | None:
        return parse_update(dict(raw), bot=bot)

    async def close(self) -> None:
        await self.clients.close()
