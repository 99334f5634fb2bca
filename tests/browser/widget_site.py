"""A Parley server and a second site on another origin that embeds its widget with one tag.

Shared by the widget browser tests and `bench/widget.py`.
"""

from __future__ import annotations

import html
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestServer

from bot import configuration
from bot.live import invalidate_bot
from bot.rag.service import KnowledgeService
from bot.settings import ChromaSettings, RagSettings, Settings
from channels.app import Services, create_app
from models import Bot
from tests import factories

GUIDE = """# Parley guide

## Quiet hours

Quiet hours run from 21:00 to 08:00 local time: **nothing** is sent then, see `parley quiet`.
"""


@dataclass
class Site:
    parley: str  # http://127.0.0.1:PORT of the Parley server
    page: str  # the other origin's page embedding the widget
    bot: Bot
    services: Services


def embed_page(parley: str, bot: Bot, title: str) -> str:
    """Another site's page: a heading, some text and the widget's one script tag."""
    attrs = f'data-bot="{bot.slug}" data-key="{bot.public_key}" data-title="{html.escape(title)}"'
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        "<title>A creator's site</title></head><body><main><h1>Welcome</h1>"
        "<p>This page lives on another origin and embeds the Parley widget.</p></main>"
        f'<script src="{parley}/widget.js" {attrs} defer></script></body></html>'
    )


async def themed_bot(theme: dict[str, Any]) -> Bot:
    owner = await factories.creator()
    bot = await factories.bot(owner, "pip", greeting=theme.pop("greeting", ""), persona_name="Pip")
    await configuration.edit(bot, theme)
    await configuration.publish(bot)
    return bot


@asynccontextmanager
async def widget_site(
    db_url: str, tmp: Path, theme: dict[str, Any], *, guide: str = GUIDE, title: str = "Chat"
) -> AsyncIterator[Site]:
    settings = Settings(
        database_url=db_url,
        data_dir=tmp,
        rag=RagSettings(embedder="hashing"),
        chroma=ChromaSettings(path=tmp / "chroma"),
    )
    services = Services.build(settings, knowledge=KnowledgeService(settings))
    bot = await themed_bot(dict(theme))
    (tmp / "guide.md").write_text(guide)
    await services.knowledge.add(bot.creator_id, bot.slug, tmp / "guide.md")
    parley = TestServer(create_app(settings, manage_db=False, services=services), host="127.0.0.1")
    await parley.start_server()
    base = str(parley.make_url("")).rstrip("/")
    other = web.Application()
    page = embed_page(base, bot, title)

    async def home(_: web.Request) -> web.Response:
        return web.Response(text=page, content_type="text/html")

    other.router.add_get("/", home)
    site = TestServer(other, host="127.0.0.1")
    await site.start_server()
    origin = str(site.make_url("")).rstrip("/")
    bot.allowed_origins = [origin]
    await bot.save(update_fields=["allowed_origins"])
    invalidate_bot(bot)
    try:
        yield Site(base, origin + "/", bot, services)
    finally:
        await site.close()
        await parley.close()
