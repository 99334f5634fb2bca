"""The studio home: the workspace's bots, this week's activity and what needs fixing."""

from __future__ import annotations

from aiohttp import web

from bot import dashboard
from channels.studio.render import render
from channels.studio.security import CLOCK, current

# Which studio page fixes each kind of problem the dashboard reports.
FIX_PAGE = {
    "document": "/studio/knowledge",
    "channel": "/studio/channels",
    "outbox": "/studio/channels",
    "budget": "/studio/settings",
}
FIX_LABEL = {
    "document": "Fix in Knowledge",
    "channel": "Fix in Channels",
    "outbox": "Check Channels",
    "budget": "Change the budget",
}


async def home(request: web.Request) -> web.StreamResponse:
    who = current(request)
    if who.workspace is None:
        return await render(request, "no_workspace.html")
    summary = await dashboard.summary(
        who.creator_id, now=request.app[CLOCK].now(), time_zone=who.person.time_zone
    )
    ctx = {"summary": summary, "fix_page": FIX_PAGE, "fix_label": FIX_LABEL}
    return await render(request, "home.html", ctx)


def add_routes(app: web.Application) -> None:
    app.router.add_get("/", home, name="home")
