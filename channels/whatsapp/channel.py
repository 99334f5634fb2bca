"""The WhatsApp channel (Twilio) as the app plugs it in (see channels/registry.py)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aiohttp import web

from bot.messages import InboundMessage
from bot.settings import TwilioSettings
from channels.registry import ChannelDeps
from channels.whatsapp.client import TwilioClients, WhatsAppSender
from channels.whatsapp.parse import parse_inbound
from channels.whatsapp.webhook import WhatsAppWebhooks, add_routes


class WhatsAppChannel:
    name = "whatsapp"
    settings_model = TwilioSettings

    def __init__(self, deps: ChannelDeps) -> None:
        public_url = deps.settings.public_url
        self.clients = TwilioClients(deps.settings.twilio, public_url=public_url)
        self.sender = WhatsAppSender(self.clients, limiter=deps.cluster.limiter)
        self.webhooks = WhatsAppWebhooks(inbox=deps.inbox, clock=deps.clock, public_url=public_url)

    def routes(self, app: web.Application) -> None:
        add_routes(app, self.webhooks)

    def parse(self, raw: Mapping[str, Any], *, bot: str) -> InboundMessage | None:
        return parse_inbound({k: str(v) for k, v in raw.items()}, bot=bot)

    async def close(self) -> None:
        await self.clients.close()
