"""A fourth channel, defined here and nowhere else, plugged in by adding it to the channel list:
a learner texts it, the engine answers, the outbox sends the reply through its sender."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from pydantic import BaseModel

from bot.messages import InboundMessage
from bot.outbox import Delivery, SendResult
from bot.rag.service import KnowledgeService
from channels.app import CHANNELS, Services, create_app
from channels.base import Inbox
from channels.http_errors import error_response
from channels.registry import ChannelDeps
from models import LIVE_BOT_STATUSES, Bot, ChannelAccount, OutboxMessage, OutboxStatus
from tests import factories
from tests.channels.conftest import GUIDE, app_settings


class SmsSettings(BaseModel):
    sender_number: str = "+10000000000"


@dataclass
class Texted:
    to: str
    text: str
    sender_number: str


class SmsSender:
    window: timedelta | None = None

    def __init__(self, settings: SmsSettings) -> None:
        self.settings = settings
        self.sent: list[Texted] = []

    async def send(self, delivery: Delivery) -> SendResult:
        text = delivery.outbound.text
        self.sent.append(Texted(delivery.to, text, self.settings.sender_number))
        return SendResult(external_message_id=f"sms-{len(self.sent)}")


class SmsChannel:
    """SMS through an imaginary gateway posting JSON `{"from", "id", "text"}`."""

    name = "sms"
    settings_model = SmsSettings

    def __init__(self, deps: ChannelDeps) -> None:
        self.inbox: Inbox = deps.inbox
        self.sender = SmsSender(deps.section(self.name, SmsSettings))
        self.closed = False

    def routes(self, app: web.Application) -> None:
        app.router.add_post("/sms/{bot}/inbound", self.inbound)

    async def inbound(self, request: web.Request) -> web.Response:
        slug = request.match_info["bot"]
        bot = await Bot.get_or_none(slug=slug, status__in=LIVE_BOT_STATUSES)
        if bot is None:
            return error_response(404, f"no bot {slug!r}", code="bot_not_found")
        inbound = self.parse(await request.json(), bot=slug)
        if inbound is None:
            return error_response(400, "give 'from' and 'id'", code="invalid_message")
        await self.inbox.dispatch(inbound, bot_id=bot.id)
        return web.json_response({"ok": True})

    def parse(self, raw: Mapping[str, Any], *, bot: str) -> InboundMessage | None:
        if not raw.get("from") or not raw.get("id"):
            return None
        return InboundMessage(
            channel=self.name,
            bot=bot,
            external_user_id=str(raw["from"]),
            external_message_id=str(raw["id"]),
            text=str(raw.get("text", "")),
        )

    async def close(self) -> None:
        self.closed = True


async def test_a_fourth_channel_gets_a_reply_through_its_own_sender(
    db: str, tmp_path: Path
) -> None:
    settings = app_settings(db, tmp_path).model_copy(
        update={"channels": {"sms": {"sender_number": "+15550100"}}}
    )
    services = Services.build(
        settings, knowledge=KnowledgeService(settings), channels=(*CHANNELS, SmsChannel)
    )
    owner = await factories.creator()
    bot = await factories.bot(owner, "guide", greeting="Hi!", persona_name="Pip")
    (tmp_path / "guide.md").write_text(GUIDE)
    await services.knowledge.add(owner.id, bot.slug, tmp_path / "guide.md")
    sms = services.channels["sms"]
    assert isinstance(sms, SmsChannel)

    app = create_app(settings, manage_db=False, services=services)
    async with TestClient(TestServer(app)) as client:
        text = {"from": "+15557654321", "id": "SM1", "text": "When are the quiet hours?"}
        response = await client.post("/sms/guide/inbound", json=text)
        assert (response.status, await response.json()) == (200, {"ok": True})
        for _ in range(200):
            if sms.sender.sent:
                break
            await asyncio.sleep(0.05)
        bad = await client.post("/sms/guide/inbound", json={"text": "no sender"})
        assert (await bad.json())["error"]["code"] == "invalid_message"

    (reply,) = sms.sender.sent
    assert reply.to == "+15557654321" and reply.sender_number == "+15550100"
    assert "21:00 to 08:00" in reply.text
    account = await ChannelAccount.get(channel="sms")
    assert account.external_id == "+15557654321"
    row = await OutboxMessage.get(channel="sms")
    assert (row.status, row.external_message_id) == (OutboxStatus.SENT, "sms-1")
    assert sms.closed
