"""Finding the bot a studio page is about: from the URL, or by asking which one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiohttp import web
from aiohttp.typedefs import Handler

from bot import accounts
from channels.studio.render import render
from channels.studio.security import current
from models import Bot, BotStatus

if TYPE_CHECKING:
    from channels.app import Services


def services(request: web.Request) -> Services:
    """The process's services (imported late: the studio package imports this module)."""
    from channels.studio import SERVICES

    return request.app[SERVICES]


async def bot_of(request: web.Request) -> Bot:
    """The workspace's bot named in the URL; another workspace's bot is a 404."""
    return await accounts.get_bot(current(request).creator_id, request.match_info["slug"])


async def workspace_bots(request: web.Request) -> list[Bot]:
    return (
        await Bot.for_creator(current(request).creator_id)
        .exclude(status=BotStatus.DELETED)
        .order_by("name")
    )


def section_page(section: str, title: str) -> Handler:
    """`/studio/<section>`: straight to the only bot's page, else a list to choose from."""

    async def choose(request: web.Request) -> web.StreamResponse:
        bots = await workspace_bots(request)
        if len(bots) == 1:
            raise web.HTTPFound(f"/studio/bots/{bots[0].slug}/{section}")
        ctx = {"bots": bots, "section": section, "title": title}
        return await render(request, "choose_bot.html", ctx)

    return choose
