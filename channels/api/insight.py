"""`/api/v1/insight/...` and `/api/v1/learners/{id}`: analytics charts (JSON, CSV per chart),
the learners behind a number, bulk actions on them and one learner's detail.

Query: `bot=SLUG` (required), `program=CODE`, `from`/`to` (local days, YYYY-MM-DD, in the
workspace's time zone; default the last 28 days).
"""

from __future__ import annotations

from typing import Any

from aiohttp import web
from pydantic import BaseModel, ConfigDict, Field

from bot import privacy
from bot.insight import actions, behind, learner, report
from bot.insight.scope import Scope, bot_program, resolve
from channels.api.auth import creator_of
from channels.api.bodies import read_json
from channels.api.clock import CLOCK
from channels.api.contract import Out, operation, read_query
from channels.api.metrics import DAY, csv_response
from channels.http_errors import HttpError


class InsightQuery(BaseModel):
    """The bot (required), optionally one program, and local days `from`..`to` (both or none)."""

    model_config = ConfigDict(populate_by_name=True)

    bot: str = Field(min_length=1, max_length=64)
    program: str | None = Field(default=None, max_length=64)
    from_: str | None = Field(default=None, alias="from", max_length=32, json_schema_extra=DAY)
    to: str | None = Field(default=None, max_length=32, json_schema_extra=DAY)


class LearnersQuery(behind.Behind, InsightQuery):
    """The scope and which number: `step` (with `stuck` days), `cohort` + `week`, or `at_risk`."""


class ScopeOut(Out):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    bot: str
    program: str | None
    from_: str = Field(alias="from")
    to: str
    time_zone: str


class ChartOut(Out):
    key: str
    title: str
    kind: str
    columns: list[str]
    rows: list[list[str | int | float | None]]
    note: str


class AnalyticsOut(ScopeOut):
    charts: list[ChartOut]


class OneChartOut(ScopeOut):
    chart: ChartOut


class LearnerRowOut(Out):
    id: str
    name: str
    handle: str
    channel: str
    program: str
    step: str
    status: str
    last_active: str | None


class LearnersBehindOut(ScopeOut):
    about: str
    learners: list[LearnerRowOut]


class OutcomeOut(Out):
    learner: str
    status: str
    reason: str | None


class OutcomesOut(Out):
    outcomes: list[OutcomeOut]


class LearnerPageOut(Out):
    id: str
    name: str
    handle: str | None
    channel: str
    last_active: str | None
    channels: list[dict[str, Any]]
    enrolments: list[dict[str, Any]]
    badges: list[dict[str, Any]]
    points: int
    streak: int
    recent_messages: list[dict[str, Any]]


async def scope_of(request: web.Request) -> Scope:
    q = read_query(request, InsightQuery)
    return await resolve(
        creator_of(request),
        bot=q.bot,
        program=q.program,
        first=q.from_,
        last=q.to,
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


@operation("Analytics charts", ok=AnalyticsOut, query=InsightQuery, errors=(404,))
async def analytics_json(request: web.Request) -> web.Response:
    scope = await scope_of(request)
    charts = await report.analytics(scope)
    return AnalyticsOut.respond(scope_json(scope) | {"charts": [c.to_json() for c in charts]})


@operation("One chart (JSON)", ok=OneChartOut, query=InsightQuery, errors=(404,))
async def chart_json(request: web.Request) -> web.Response:
    """What the studio's analytics page loads one section at a time."""
    scope = await scope_of(request)
    chart = await report.chart(scope, request.match_info["chart"])
    return OneChartOut.respond(scope_json(scope) | {"chart": chart.to_json()})


@operation("One chart (CSV)", ok="text/csv", query=InsightQuery, errors=(404,))
async def chart_csv(request: web.Request) -> web.Response:
    scope = await scope_of(request)
    chart = await report.chart(scope, request.match_info["chart"])
    name = f"{chart.key}-{scope.bot.slug}-{scope.span.first}-{scope.span.last}.csv"
    return csv_response(chart.columns, chart.text_rows(), name)


@operation("The learners behind a number", ok=LearnersBehindOut, query=LearnersQuery, errors=(404,))
async def learners_behind(request: web.Request) -> web.Response:
    scope = await scope_of(request)
    asked = behind.behind_from(request.query)
    rows = await behind.learners_behind(scope, asked)
    body = scope_json(scope) | {"about": asked.describe(), "learners": [r.to_json() for r in rows]}
    return LearnersBehindOut.respond(body)


class BulkApiIn(actions.BulkIn):
    bot: str = Field(max_length=64)


@operation(
    "Pause, resume, stop or message many learners (one outcome each)",
    ok=OutcomesOut,
    body=BulkApiIn,
    errors=(404,),
)
async def bulk_action(request: web.Request) -> web.Response:
    creator_id = creator_of(request)
    body = await read_json(request, BulkApiIn)
    _, program = await bot_program(creator_id, body.bot, body.program)
    outcomes = await actions.bulk(
        creator_id, body, actor=None, now=request.app[CLOCK].now(), program=program
    )
    return OutcomesOut.respond({"outcomes": [o.to_json() for o in outcomes]})


@operation("One learner: channels, enrolments, badges, points", ok=LearnerPageOut, errors=(404,))
async def learner_detail(request: web.Request) -> web.Response:
    page = await learner.learner_page(
        creator_of(request), request.match_info["learner"], now=request.app[CLOCK].now()
    )
    return LearnerPageOut.respond(page.to_json())


class LearnerActionIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    action: actions.Action
    program: str | None = Field(default=None, max_length=64)
    text: str | None = Field(default=None, max_length=4000)


@operation(
    "Pause, resume or stop one program of the learner, or message them (409: skipped)",
    ok=OutcomeOut,
    body=LearnerActionIn,
    errors=(404, 409),
)
async def learner_action(request: web.Request) -> web.Response:
    """Pause, resume or stop one program of the learner, or send them a message."""
    creator_id = creator_of(request)
    user = await privacy.learner(creator_id, request.match_info["learner"])
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
    if outcome.status == "skipped":
        raise HttpError(409, outcome.reason or "nothing to do for this learner", code="skipped")
    return OutcomeOut.respond(outcome.to_json())


def add_routes(app: web.Application) -> None:
    app.router.add_get("/api/v1/insight/analytics", analytics_json)
    app.router.add_get("/api/v1/insight/analytics/{chart}.csv", chart_csv)
    app.router.add_get("/api/v1/insight/analytics/{chart}", chart_json)
    app.router.add_get("/api/v1/insight/learners", learners_behind)
    app.router.add_post("/api/v1/insight/learners/actions", bulk_action)
    app.router.add_get("/api/v1/learners/{learner}", learner_detail)
    app.router.add_post("/api/v1/learners/{learner}/actions", learner_action)
