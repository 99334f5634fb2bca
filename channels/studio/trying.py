"""Try the bot: the real widget on a studio page, talking to this bot as a test learner."""

from __future__ import annotations

from aiohttp import web
from aiohttp_session import get_session

from bot.tryout import is_test_session, start_test_session
from channels.studio.chooser import bot_of, section_page
from channels.studio.render import render
from channels.studio.security import current
from models import Bot


async def test_session(request: web.Request, bot: Bot, *, fresh: bool = False) -> str:
    """This browser's test session for the bot, kept in the studio session across reloads."""
    session = await get_session(request)
    sessions = dict(session.get("try", {}))
    known = sessions.get(bot.slug)
    if fresh or not known or not await is_test_session(bot, str(known)):
        name = f"Test by {current(request).person.email}"
        sessions[bot.slug] = await start_test_session(bot, display_name=name)
        session["try"] = sessions
    return str(sessions[bot.slug])


async def try_page(request: web.Request) -> web.StreamResponse:
    bot = await bot_of(request)
    ctx = {"bot": bot, "session": await test_session(request, bot)}
    return await render(request, "try.html", ctx)


async def restart(request: web.Request) -> web.StreamResponse:
    bot = await bot_of(request)
    await test_session(request, bot, fresh=True)
    raise web.HTTPFound(f"/studio/bots/{bot.slug}/try")


def add_routes(app: web.Application) -> None:
    app.router.add_get("/try", section_page("try", "Try the bot"), name="try_bot")
    app.router.add_get("/bots/{slug}/try", try_page, name="bot_try")
    app.router.add_post("/bots/{slug}/try/restart", restart)
