"""The live inbox across processes: a Telegram message taken by process A reaches an event
stream open on process B (PostgreSQL LISTEN/NOTIFY through the shared broadcast)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import aiohttp
import pytest

from bot.auth import issue_api_key
from bot.settings import TelegramSettings
from channels.telegram import TelegramClients
from channels.telegram.setup import add_channel
from models import BotStatus, Conversation, Direction
from models.db import dialect
from tests import factories
from tests.channels.harness import tg_message
from tests.channels.processes import serving
from tests.conftest import TEST_SECRET
from tests.fakes.telegram_api import FakeTelegramAPI

pytestmark = pytest.mark.slow
TOKEN = "123456:INBOX-processes-token"


async def next_event(stream: aiohttp.StreamReader) -> str:
    """The data of the next `conversation` event (comments and blank lines skipped)."""
    named = False
    while True:
        line = (await stream.readline()).decode().strip()
        if line == "event: conversation":
            named = True
        elif named and line.startswith("data: "):
            return line.removeprefix("data: ")


async def test_an_inbound_message_on_a_reaches_the_inbox_open_on_b(db: str, tmp_path: Path) -> None:
    if dialect(db) != "postgres":
        pytest.skip("several processes share PostgreSQL; SQLite serves one process")
    fake = FakeTelegramAPI()
    fake.tokens.add(TOKEN)
    await fake.start()
    owner = await factories.creator()
    bot = await factories.bot(owner, "inbox-coach", status=BotStatus.PUBLISHED)
    clients = TelegramClients(TelegramSettings(api_base=fake.base_url))
    channel = await add_channel(bot.slug, TOKEN, clients)
    await clients.close()
    key = await issue_api_key(owner, ["read"])
    env = {
        "PARLEY_DATABASE_URL": db,
        "PARLEY_SECRET_KEY": TEST_SECRET,
        "PARLEY_RAG__EMBEDDER": "hashing",
        "PARLEY_TELEGRAM__API_BASE": fake.base_url,
        "PARLEY_WORKERS__SCHEDULER": "false",
    }
    headers = {"Authorization": f"Bearer {key.token}"}
    try:
        async with (
            serving("a", env, tmp_path) as a,
            serving("b", env, tmp_path) as b,
            aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60)) as http,
            http.get(f"{b.url}/api/v1/conversations/events", headers=headers) as stream,
        ):
            assert stream.status == 200
            assert await stream.content.readline() == b": connected\n"
            update = tg_message("5550999", "hello from Telegram", "424242")
            secret = {"X-Telegram-Bot-Api-Secret-Token": channel.webhook_secret or ""}
            url = f"{a.url}/telegram/{bot.slug}/webhook"
            async with http.post(url, json=update, headers=secret) as posted:
                assert posted.status == 200
            conversation_id = await asyncio.wait_for(next_event(stream.content), 30)
            stored = await Conversation.get(id=conversation_id)
            inbound = await stored.messages.filter(direction=Direction.INBOUND)
            assert [m.content for m in inbound] == ["hello from Telegram"]
    finally:
        await fake.close()
