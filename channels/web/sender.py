"""The widget's outbox sender: pushes later messages (nudges) to open widgets over WebSockets."""

from __future__ import annotations

from datetime import timedelta

from bot.outbox import Delivery, SendResult
from channels.web.hub import WidgetHub
from models import Bot


class WidgetSender:
    """A widget that is closed gets the message from its history when it opens again."""

    window: timedelta | None = None

    def __init__(self, hub: WidgetHub) -> None:
        self.hub = hub
        self._slugs: dict[str, str] = {}

    async def slug_of(self, delivery: Delivery) -> str:
        key = str(delivery.bot_id)
        if key not in self._slugs:
            self._slugs[key] = (await Bot.get(id=delivery.bot_id)).slug
        return self._slugs[key]

    async def send(self, delivery: Delivery) -> SendResult:
        data = delivery.outbound.to_json()
        message = {"text": data["text"], "citations": data["citations"], "buttons": data["buttons"]}
        pushed = await self.hub.push(await self.slug_of(delivery), delivery.to, message)
        state = "pushed" if pushed else "stored"
        return SendResult(external_message_id=f"web:{state}:{delivery.outbox_id}")
