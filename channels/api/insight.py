"""`/api/v1/insight/...` and `/api/v1/learners/{id}`: analytics charts (JSON, CSV per chart),
the learners behind a number, bulk actions on them and one learner's detail.

Query: `bot=SLUG` (required), `program=CODE`, `from`/`to` (local days, YYYY-MM-DD, in the
workspace's time zone; default the last 28 days).
"""

from __future__ import annotations

from typing import Any

from aiohttp import web
from pydantic import BaseModel, ConfigDict, Field

from bot.insight import actions, behind, learner, report
from bot.insight.scope import Scope, bot_program, resolve
from channels.api.auth import creator_of
from channels.api.bodies import read_json
from channels.api.clock import CLOCK
from channels.api.metrics import csv_response


async def scope_of(request: web.Request) -> Scope:
    q = request.query
    return await resolve(
        creator_of(request),
        bot=q.get("bot"),
        program=q.get("program"),
        first=q.get("from"),
        last=q.get("to"),
        now=request.app[CLOCK].now(),
    )


def scope_json(scope: Scope) -> dict[str, Any]:
    return {
        "bot": scope.bot.slug,
        "program": scope.program.code if scope.program else None,
        "from": scope.span.first.isoformat(),
        "to": scope.span.last.isoformat(),
        "time_zone": scope.tz.key,
    }


async def analytics_json(request: web.Request) -> web.Response:
    scope = await scope_of(request)
    charts = await report.analytics(scope)
    return web.json_response(scope_json(scope) | {"charts": [c.to_json() for c in charts]})


async def chart_csv(request: web.Request) -> web.Response:
    scope = await scope_of(request)
    chart = await report.chart(scope, request.match_info["chart"])
    name = f"{chart.key}-{scope.bot.slug}-{scope.span.first}-{scope.span.last}.csv"
    return csv_response(chart.columns, chart.text_rows(), name)


async def learners_behind(request: web.Request) -> web.Response:
    scope = await scope_of(request)
    asked = behind.behind_from(request.query)
    rows = await behind.learners_behind(scope, asked)
    body = scope_json(scope) | {"about": asked.describe(), "learners": [r.to_json() for r in rows]}
    return web.json_response(body)


class BulkApiIn(actions.BulkIn):
    bot: str = Field(max_length=64)


async def bulk_action(request: web.Request) -> web.Response:
    creator_id = creator_of(request)
    body = await read_json(request, BulkApiIn)
    _, program = await bot_program(creator_id, body.bot, body.program)
    outcomes = await actions.bulk(
        creator_id, body, actor=None, now=request.app[CLOCK].now(), program=program
    )
    return web.json_response({"outcomes": [o.to_json() for o in outcomes]})


async def learner_detail(request: web.Request) -> web.Response:
    page = await learner.learner_page(
        creator_of(request), request.match_info["learner"], now=request.app[CLOCK].now()
    )
    return web.json_response(page.to_json())


class LearnerActionIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    action: actions.Action
    program: str | None = Field(default=None, max_length=64)
    text: str | None = Field(default=None, max_length=4000)


async def learner_action(request: web.Request) -> web.Response:
    """Pause, resume or stop one program of the learner, or send them a message."""
    creator_id = creator_of(request)
    user = await learner.find_learner(creator_id, request.match_info["learner"])
    body = await read_json(request, LearnerActionIn)
    program = None
    if body.program:
        _, program = await bot_program(creator_id, (await user.bot).slug, body.program)
    bulk = actions.BulkIn(
        action=body.action, learners=[user.id], program=body.program, text=body.text
    )
    outcome = (
        await actions.bulk(
            creator_id, bulk, actor=None, now=request.app[CLOCK].now(), program=program
        )
    )[0]
    return web.json_response(outcome.to_json(), status=409 if outcome.status == "skipped" else 200)


def add_routes(app: web.Application) -> None:
    app.router.add_get("/api/v1/insight/analytics", analytics_json)
    app.router.add_get("/api/v1/insight/analytics/{chart}.csv", chart_csv)
    app.router.add_get("/api/v1/insight/learners", learners_behind)
    app.router.add_post("/api/v1/insight/learners/actions", bulk_action)
    app.router.add_get("/api/v1/learners/{learner}", learner_detail)
    app.router.add_post("/api/v1/learners/{learner}/actions", learner_action)
