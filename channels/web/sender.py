"""The widget's outbox sender: pushes later messages (nudges) to open widgets, in any process."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bot.outbox import Delivery, SendFailed, SendResult
from channels.web.live import WidgetLive, widget_message
from models import Bot, OutboxMessage

NOT_CONNECTED = "not connected: no open widget for this session; the message waits in its history"


class WidgetSender:
    """Sent means a socket got it; otherwise "not connected" (the history shows it on return)."""

    window: timedelta | None = None

    def __init__(self, live: WidgetLive) -> None:
        self.live = live
        self._slugs: dict[str, str] = {}

    async def slug_of(self, delivery: Delivery) -> str:
        key = str(delivery.bot_id)
        if key not in self._slugs:
            self._slugs[key] = (await Bot.get(id=delivery.bot_id)).slug
        return self._slugs[key]

    async def message_of(self, delivery: Delivery) -> dict[str, Any]:
        """The pushed message, with its stored message's id (the widget rates replies by it)."""
        message = widget_message(delivery.outbound)
        ids = await OutboxMessage.filter(id=delivery.outbox_id).values_list("message_id", flat=True)
        if ids and ids[0]:
            message["id"] = str(ids[0])
        return message

    async def send(self, delivery: Delivery) -> SendResult:
        pushed = await self.live.deliver(
            outbox_id=delivery.outbox_id,
            bot_id=delivery.bot_id,
            slug=await self.slug_of(delivery),
            session=delivery.to,
            message=await self.message_of(delivery),
        )
        if not pushed:
            raise SendFailed(NOT_CONNECTED, retryable=False, code="not_connected")
        return SendResult(external_message_id=f"web:pushed:{delivery.outbox_id}")
