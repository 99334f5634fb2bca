"""A running Parley app (real HTTP on 127.0.0.1) with a bot whose knowledge is indexed."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.rag.service import KnowledgeService
from bot.settings import ChromaSettings, RagSettings, Settings, WidgetSettings
from channels.app import Services, create_app
from models import Bot, Creator
from tests import factories

GUIDE = """# Parley guide

## Quiet hours

Nothing is sent during quiet hours, which by default run from 21:00 to 08:00 local time.

## Telegram

Connect Telegram with parley channel add telegram and the token from BotFather.
"""


@dataclass
class Running:
    client: TestClient
    services: Services
    creator: Creator
    bot: Bot


def app_settings(db_url: str, tmp: Path, **widget: int) -> Settings:
    return Settings(
        database_url=db_url,
        data_dir=tmp,
        rag=RagSettings(embedder="hashing"),
        chroma=ChromaSettings(path=tmp / "chroma"),
        widget=WidgetSettings(**widget),
        public_url="http://parley.test",
    )


async def start(db_url: str, tmp: Path, **widget: int) -> AsyncIterator[Running]:
    settings = app_settings(db_url, tmp, **widget)
    services = Services.build(settings, knowledge=KnowledgeService(settings))
    owner = await factories.creator()
    bot = await factories.bot(owner, "guide", greeting="Hi!", persona_name="Pip")
    (tmp / "guide.md").write_text(GUIDE)
    await services.knowledge.add(owner.id, bot.slug, tmp / "guide.md")
    app = create_app(settings, manage_db=False, services=services)
    async with TestClient(TestServer(app)) as client:
        yield Running(client, services, owner, bot)


@pytest.fixture
async def running(db: str, tmp_path: Path) -> AsyncIterator[Running]:
    async for value in start(db, tmp_path):
        yield value
