"""A running Parley app with a Telegram bot on a fake Bot API, driven turn by turn (inbox tests)."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from aiohttp.test_utils import TestClient, TestServer

from bot.auth import issue_api_key
from bot.broadcast import PostgresBroadcast
from bot.clock import FakeClock
from bot.rag.service import KnowledgeService
from bot.settings import Settings, TelegramSettings
from channels.app import Services, create_app
from channels.telegram.setup import add_channel
from models import Bot, Channel, Creator
from tests import factories
from tests.channels.conftest import GUIDE, app_settings
from tests.channels.harness import tg_message
from tests.fakes.telegram_api import FakeTelegramAPI

TOKEN = "123456:INBOX-test-token"
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
_updates = itertools.count(7000)


@dataclass
class InboxApp:
    client: TestClient[Any, Any]
    services: Services
    creator: Creator
    bot: Bot
    fake: FakeTelegramAPI
    channel: Channel
    clock: FakeClock
    write: dict[str, str]
    read: dict[str, str]

    async def say(self, user: str, text: str) -> None:
        """A learner writes on Telegram; the turn runs and its replies are sent."""
        update = tg_message(user, text, str(next(_updates)))
        headers = {"X-Telegram-Bot-Api-Secret-Token": self.channel.webhook_secret}
        response = await self.client.post(
            f"/telegram/{self.bot.slug}/webhook", json=update, headers=headers
        )
        assert response.status == 200, await response.text()
        await self.settle()

    async def settle(self) -> None:
        await self.services.inbox.drain()
        while await self.services.outbox.run_once():
            pass

    def sent_to(self, user: str) -> list[str]:
        return self.fake.texts_to(user)


def inbox_settings(db_url: str, tmp: Path, fake: FakeTelegramAPI) -> Settings:
    return app_settings(db_url, tmp).model_copy(
        update={
            "telegram": TelegramSettings(
                api_base=fake.base_url, send_per_second=1000, send_per_chat_per_second=1000
            )
        }
    )


@asynccontextmanager
async def inbox_app(
    db_url: str, tmp: Path, *, run_background: bool = False
) -> AsyncIterator[InboxApp]:
    fake = FakeTelegramAPI()
    fake.tokens.add(TOKEN)
    await fake.start()
    settings = inbox_settings(db_url, tmp, fake)
    clock = FakeClock(T0)
    services = Services.build(settings, clock=clock, knowledge=KnowledgeService(settings))
    owner = await factories.creator()
    bot = await factories.bot(owner, "coach", greeting="Hi!", persona_name="Pip")
    (tmp / "guide.md").write_text(GUIDE)
    await services.knowledge.add(owner.id, bot.slug, tmp / "guide.md")
    channel = await add_channel(bot.slug, TOKEN, services.telegram_clients)
    write = await issue_api_key(owner, ["read", "write"])
    read = await issue_api_key(owner, ["read"])
    app = create_app(settings, manage_db=False, services=services, run_background=run_background)
    try:
        async with TestClient(TestServer(app, host="127.0.0.1")) as client:
            yield InboxApp(
                client, services, owner, bot, fake, channel, clock,
                {"Authorization": f"Bearer {write.token}"},
                {"Authorization": f"Bearer {read.token}"},
            )  # fmt: skip
    finally:
        await fake.close()


@asynccontextmanager
async def listening(services: Services) -> AsyncIterator[None]:
    """The process's broadcast connected (a LISTEN connection on PostgreSQL), then stopped."""
    broadcast, stop = services.cluster.broadcast, asyncio.Event()
    task = asyncio.create_task(broadcast.run(stop))
    if isinstance(broadcast, PostgresBroadcast):
        await asyncio.wait_for(broadcast.listening.wait(), 10)
    try:
        yield
    finally:
        stop.set()
        await task
