"""The widget's outbox sender: pushes later messages (nudges) to open widgets, in any process."""

from __future__ import annotations

from datetime import timedelta

from bot.outbox import Delivery, SendFailed, SendResult
from channels.web.live import WidgetLive, widget_message
from models import Bot

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

    async def send(self, delivery: Delivery) -> SendResult:
        pushed = await self.live.deliver(
            outbox_id=delivery.outbox_id,
            bot_id=delivery.bot_id,
            slug=await self.slug_of(delivery),
            session=delivery.to,
            message=widget_message(delivery.outbound),
        )
        if not pushed:
            raise SendFailed(NOT_CONNECTED, retryable=False, code="not_connected")
        return SendResult(external_message_id=f"web:pushed:{delivery.outbox_id}")
