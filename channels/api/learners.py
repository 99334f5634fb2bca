"""`/api/v1/learners/{id}`: export one learner's data as JSON, or erase it (data rights)."""

from __future__ import annotations

from aiohttp import web
from pydantic import ConfigDict

from bot import privacy
from channels.api.auth import creator_of
from channels.api.clock import CLOCK
from channels.api.contract import Out, operation


class LearnerExportOut(Out):
    """Everything stored about one learner (the shape `bot.privacy.export_learner` builds)."""

    model_config = ConfigDict(extra="allow")


class ErasedOut(Out):
    model_config = ConfigDict(extra="allow")

    erased: str


@operation("Export one learner's data", ok=LearnerExportOut, errors=(404,))
async def export_learner(request: web.Request) -> web.Response:
    user = await privacy.learner(creator_of(request), request.match_info["learner"])
    return LearnerExportOut.respond(await privacy.export_learner(user))


@operation("Erase one learner", ok=ErasedOut, errors=(404,))
async def erase_learner(request: web.Request) -> web.Response:
    user = await privacy.learner(creator_of(request), request.match_info["learner"])
    report = await privacy.erase_learner(user, now=request.app[CLOCK].now())
    return ErasedOut.respond({"erased": str(user.id), **report.to_json()})


def add_routes(app: web.Application) -> None:
    app.router.add_get("/api/v1/learners/{learner}/export", export_learner)
    app.router.add_delete("/api/v1/learners/{learner}", erase_learner)
