"""`/api/v1/learners/{id}`: export one learner's data as JSON, or erase it (data rights)."""

from __future__ import annotations

from aiohttp import web

from bot import privacy
from channels.api.auth import creator_of
from channels.api.clock import CLOCK


async def export_learner(request: web.Request) -> web.Response:
    user = await privacy.learner(creator_of(request), request.match_info["learner"])
    return web.json_response(await privacy.export_learner(user))


async def erase_learner(request: web.Request) -> web.Response:
    user = await privacy.learner(creator_of(request), request.match_info["learner"])
    report = await privacy.erase_learner(user, now=request.app[CLOCK].now())
    return web.json_response({"erased": str(user.id), **report.to_json()})


def add_routes(app: web.Application) -> None:
    app.router.add_get("/api/v1/learners/{learner}/export", export_learner)
    app.router.add_delete("/api/v1/learners/{learner}", erase_learner)
