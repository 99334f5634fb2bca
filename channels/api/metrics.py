"""`/api/v1/metrics`, `/api/v1/programs/{code}/analytics`: daily metrics as JSON or CSV.

Query: `from` and `to` (YYYY-MM-DD, inclusive, at most 366 days), optional `bot=SLUG` (engagement:
that bot's figures instead of the creator's totals; programs: which bot's program `code` is),
optional `metric=a,b` (repeatable). Rates are percentages (0..100). Days are the workspace's
local days.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from aiohttp import web
from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import JsonDict

from bot import accounts, metrics
from bot.metrics import DateRange, Point
from channels.api.auth import creator_of
from channels.api.contract import Out, operation, read_query
from models import Bot, Program
from models.replica import analytics_reads

DAY: JsonDict = {"format": "date"}  # both needed; `DateRange.parse` says what is wrong with them


class MetricsQuery(BaseModel):
    """`from`/`to` inclusive UTC days (at most 366), an optional bot, metrics to include."""

    model_config = ConfigDict(populate_by_name=True)

    from_: str | None = Field(default=None, alias="from", json_schema_extra=DAY)
    to: str | None = Field(default=None, json_schema_extra=DAY)
    bot: str | None = Field(default=None, max_length=64)
    metric: list[str] = Field(default=[], max_length=50)


class PointOut(Out):
    date: str
    value: int | float


class EngagementOut(Out):
    from_: str = Field(alias="from")
    to: str
    bot: str | None
    series: dict[str, list[PointOut]]


class FunnelOut(Out):
    """Per step: completed and dropped-off learners as of the last day with step values."""

    as_of: str | None
    steps: list[dict[str, int | float | str]]


class ProgramAnalyticsOut(EngagementOut):
    program: str
    bot: str | None
    funnel: FunnelOut


def number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def span_of(request: web.Request) -> DateRange:
    asked = read_query(request, MetricsQuery)
    return DateRange.parse(asked.from_, asked.to)


def asked_metrics(request: web.Request, known: Sequence[str]) -> list[str]:
    return metrics.chosen_metrics(request.query.getall("metric", []), known)


def series(points: Iterable[Point], names: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in names}
    for p in points:
        out[p.metric].append({"date": p.day.isoformat(), "value": number(p.value)})
    return out


def csv_response(header: Sequence[str], rows: Iterable[Sequence[str]], name: str) -> web.Response:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return web.Response(
        text=buffer.getvalue(),
        content_type="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


async def engagement(request: web.Request) -> tuple[DateRange, Bot | None, list[Point], list[str]]:
    creator_id = creator_of(request)
    span = span_of(request)
    names = asked_metrics(request, metrics.ENGAGEMENT_METRICS)
    slug = request.query.get("bot")
    bot = await accounts.get_bot(creator_id, slug) if slug else None
    with analytics_reads():
        points = await metrics.engagement_points(creator_id, span, bot=bot, metrics=names)
    return span, bot, points, names


@operation("Engagement metrics", ok=EngagementOut, query=MetricsQuery, errors=(404,))
async def engagement_json(request: web.Request) -> web.Response:
    span, bot, points, names = await engagement(request)
    body = {
        "from": span.first.isoformat(),
        "to": span.last.isoformat(),
        "bot": bot.slug if bot else None,
        "series": series(points, names),
    }
    return EngagementOut.respond(body)


@operation("Engagement metrics (CSV)", ok="text/csv", query=MetricsQuery, errors=(404,))
async def engagement_csv(request: web.Request) -> web.Response:
    span, bot, points, _ = await engagement(request)
    slug = bot.slug if bot else ""
    rows = ((p.day.isoformat(), p.metric, slug, str(number(p.value))) for p in points)
    name = f"metrics-{slug or 'all'}-{span.first}-{span.last}.csv"
    return csv_response(("date", "metric", "bot", "value"), rows, name)


async def program_analytics(
    request: web.Request,
) -> tuple[Program, DateRange, list[Point], list[str]]:
    creator_id = creator_of(request)
    span = span_of(request)
    names = asked_metrics(request, metrics.PROGRAM_ANALYTICS)
    code = request.match_info["code"]
    program = await metrics.find_program(creator_id, code, request.query.get("bot"))
    with analytics_reads():
        points = await metrics.program_points(creator_id, program, span, metrics=names)
    return program, span, points, names


def funnel(points: Sequence[Point]) -> dict[str, Any]:
    """Completed and dropped-off users per step, as of the last day in range with step values."""
    steps = [p for p in points if "step" in p.dimensions]
    if not steps:
        return {"as_of": None, "steps": []}
    last = max(p.day for p in steps)
    by_step: dict[str, dict[str, Any]] = {}
    for p in steps:
        if p.day == last:
            row = by_step.setdefault(p.dimensions["step"], {"step": p.dimensions["step"]})
            row[p.metric] = number(p.value)
    return {"as_of": last.isoformat(), "steps": list(by_step.values())}


@operation("A program's analytics", ok=ProgramAnalyticsOut, query=MetricsQuery, errors=(404,))
async def program_json(request: web.Request) -> web.Response:
    program, span, points, names = await program_analytics(request)
    totals = [p for p in points if not p.dimensions]
    daily = [n for n in names if n in metrics.PROGRAM_METRICS]
    body = {
        "program": program.code,
        "bot": (await program.bot).slug,
        "from": span.first.isoformat(),
        "to": span.last.isoformat(),
        "series": series(totals, daily),
        "funnel": funnel(points),
    }
    return ProgramAnalyticsOut.respond(body)


@operation("A program's analytics (CSV)", ok="text/csv", query=MetricsQuery, errors=(404,))
async def program_csv(request: web.Request) -> web.Response:
    program, span, points, _ = await program_analytics(request)
    rows = (
        (p.day.isoformat(), p.metric, p.dimensions.get("step", ""), str(number(p.value)))
        for p in points
    )
    name = f"program-{program.code}-{span.first}-{span.last}.csv"
    return csv_response(("date", "metric", "step", "value"), rows, name)


def add_routes(app: web.Application) -> None:
    app.router.add_get("/api/v1/metrics", engagement_json)
    app.router.add_get("/api/v1/metrics.csv", engagement_csv)
    app.router.add_get("/api/v1/programs/{code}/analytics", program_json)
    app.router.add_get("/api/v1/programs/{code}/analytics.csv", program_csv)
