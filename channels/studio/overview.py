"""The studio home: the workspace's bots, this week's activity and what needs fixing."""

from __future__ import annotations

from aiohttp import web

from bot import dashboard
from channels.studio.render import render
from channels.studio.security import CLOCK, current


async def home(request: web.Request) -> web.StreamResponse:
    who = current(request)
    if who.workspace is None:
        return await render(request, "no_workspace.html")
    summary = await dashboard.summary(who.creator_id, now=request.app[CLOCK].now())
    return await render(request, "home.html", {"summary": summary})


def add_routes(app: web.Application) -> None:
    app.router.add_get("/", home, name="home")
