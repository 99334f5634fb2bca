"""The demo page at `/`: the demo bot's widget on a page explaining how to embed it."""

from __future__ import annotations

import html
from collections.abc import Awaitable, Callable
from pathlib import Path
from string import Template

from aiohttp import web

from models import Bot, BotStatus

PAGE = Template((Path(__file__).parent / "static" / "demo.html").read_text())
MISSING = (
    "<!doctype html><meta charset='utf-8'><title>Parley</title>"
    "<body style='font-family:system-ui;max-width:640px;margin:48px auto'>"
    "<h1>Parley is running</h1><p>No demo bot yet: run <code>parley demo</code>, then reload.</p>"
)


def demo_page(
    public_url: str, slug: str = "demo"
) -> Callable[[web.Request], Awaitable[web.Response]]:
    async def handler(request: web.Request) -> web.Response:
        bot = await Bot.get_or_none(slug=slug, status=BotStatus.PUBLISHED)
        if bot is None:
            return web.Response(text=MISSING, content_type="text/html")
        page = PAGE.substitute(
            public_url=html.escape(public_url),
            slug=html.escape(bot.slug),
            key=html.escape(bot.public_key),
            title=html.escape(bot.persona_name or bot.name),
        )
        return web.Response(text=page, content_type="text/html")

    return handler
