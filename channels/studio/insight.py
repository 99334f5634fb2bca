"""Analytics pages: a bot's (and a program's) charts over local days, each with its table and
CSV; the learners behind a number with bulk actions; one learner's page. Thin: every figure
and action comes from `bot.insight`, as in `/api/v1/insight`."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from aiohttp import web
from pydantic import ValidationError

from bot import privacy
from bot.errors import Conflict, InvalidInput, NotFound
from bot.insight import actions, behind, learner, report
from bot.insight.scope import Scope, resolve
from bot.linking import manage
from bot.programs import service
from channels.api.metrics import csv_response
from channels.studio.chooser import bot_of, section_page
from channels.studio.forms import fields
from channels.studio.render import flash, render, wants_block
from channels.studio.security import CLOCK, current
from models import Role

SUMMARY = {"paused", "resumed", "stopped", "queued", "blocked", "skipped"}


def can_act(request: web.Request) -> bool:
    return current(request).role in (Role.OWNER, Role.EDITOR)


async def scope_of(request: web.Request, program: str | None = None) -> Scope:
    q = request.query
    return await resolve(
        current(request).creator_id,
        bot=request.match_info["slug"],
        program=program if program is not None else q.get("program") or None,
        first=q.get("from") or None,
        last=q.get("to") or None,
        now=request.app[CLOCK].now(),
    )


async def analytics_page(request: web.Request) -> web.StreamResponse:
    """The shell: range picker and one section per chart, each loaded by its own request."""
    scope = await scope_of(request)
    programs = await service.list_programs(scope.bot)
    if scope.program is None and programs and "program" not in request.query:
        scope = await scope_of(request, programs[0].code)
    query = scope.query_string()
    ctx = {
        "scope": scope,
        "bot": scope.bot,
        "programs": programs,
        "sections": [(name, report.section_title(name)) for name in report.sections(scope)],
        "chart_url": lambda key: f"/studio/bots/{scope.bot.slug}/analytics/charts/{key}?{query}",
    }
    return await render(request, "analytics.html", ctx)


async def chart_section(request: web.Request) -> web.StreamResponse:
    """One section's charts (one chart, or a group computed together), each with its table and
    CSV link: the block htmx swaps into the analytics page, or (without JavaScript) a page of
    its own. The same charts as the API's."""
    scope = await scope_of(request)
    name = request.match_info["chart"]
    block = "chart" if wants_block(request) else None
    charts = await report.section(scope, name)
    ctx = {
        "scope": scope,
        "bot": scope.bot,
        "heading": report.section_title(name) if name in report.GROUPS else charts[0].title,
        "charts": charts,
        "query": scope.query_string(),
        "drill": drill,
        "chart_heading": 3 if block else 2,
    }
    return await render(request, "analytics_chart.html", ctx, block=block)


async def chart_csv(request: web.Request) -> web.Response:
    scope = await scope_of(request)
    chart = await report.chart(scope, request.match_info["chart"])
    name = f"{chart.key}-{scope.bot.slug}-{scope.span.first}-{scope.span.last}.csv"
    return csv_response(chart.columns, chart.text_rows(), name)


async def learners_page(request: web.Request) -> web.StreamResponse:
    scope = await scope_of(request)
    asked = behind.behind_from(request.query)
    ctx = {
        "scope": scope,
        "bot": scope.bot,
        "about": asked.describe(),
        "rows": await behind.learners_behind(scope, asked),
        "can_act": can_act(request),
        "back": f"/studio/bots/{scope.bot.slug}/analytics?{scope.query_string()}",
        "here": request.path_qs,
    }
    return await render(request, "analytics_learners.html", ctx)


def summary(outcomes: list[actions.Outcome]) -> str:
    counts = {s: sum(o.status == s for o in outcomes) for s in SUMMARY}
    said = ", ".join(f"{n} {s}" for s, n in sorted(counts.items()) if n)
    reasons = sorted({o.reason for o in outcomes if o.reason})
    return said + (f" ({'; '.join(reasons)})" if reasons else "")


def bulk_body(posted: Any) -> actions.BulkIn:
    try:
        return actions.BulkIn.model_validate(
            {
                "action": posted.get("action", ""),
                "learners": posted.getall("learner", []),
                "program": posted.get("program") or None,
                "text": posted.get("text") or None,
            }
        )
    except ValidationError as exc:
        where = str(exc.errors()[0]["loc"][0]) if exc.errors()[0]["loc"] else "form"
        hint = "choose at least one learner" if where == "learners" else exc.errors()[0]["msg"]
        raise InvalidInput(f"{where}: {hint}") from None


async def act(request: web.Request, body: actions.BulkIn, back: str) -> web.StreamResponse:
    scope = await scope_of(request, body.program or "")
    who = current(request)
    try:
        outcomes = await actions.bulk(
            who.creator_id,
            body,
            actor=who.person.id,
            now=request.app[CLOCK].now(),
            program=scope.program,
        )
    except InvalidInput as exc:
        await flash(request, str(exc), kind="error")
        raise web.HTTPFound(back) from None
    await flash(request, f"{body.action}: {summary(outcomes)}")
    raise web.HTTPFound(back)


def same_page(path: str, fallback: str) -> str:
    """Only a path on this studio: never an open redirect."""
    return path if path.startswith("/studio/") and not path.startswith("//") else fallback


async def bulk_action(request: web.Request) -> web.StreamResponse:
    posted = await request.post()
    slug = request.match_info["slug"]
    back = same_page(str(posted.get("back", "")), f"/studio/bots/{slug}/analytics")
    try:
        body = bulk_body(posted)
    except InvalidInput as exc:
        await bot_of(request)
        await flash(request, str(exc), kind="error")
        raise web.HTTPFound(back) from None
    return await act(request, body, back)


async def learner_page(request: web.Request) -> web.StreamResponse:
    bot = await bot_of(request)
    page = await learner.learner_page(
        current(request).creator_id, request.match_info["learner"], now=request.app[CLOCK].now()
    )
    if page.user.bot_id != bot.id:
        raise web.HTTPNotFound(reason="no such learner on this bot")
    ctx = {"bot": bot, "page": page, "can_act": can_act(request)}
    return await render(request, "learner.html", ctx)


async def learner_action(request: web.Request) -> web.StreamResponse:
    bot = await bot_of(request)
    user = await privacy.learner(current(request).creator_id, request.match_info["learner"])
    if user.bot_id != bot.id:
        raise web.HTTPNotFound(reason="no such learner on this bot")
    posted = await request.post()
    back = f"/studio/bots/{bot.slug}/learners/{user.id}"
    form = {k: posted.get(k) or None for k in ("action", "program", "text")}
    try:
        body = actions.BulkIn.model_validate(form | {"learners": [user.id]})
    except ValidationError:
        await flash(request, "choose pause, resume, stop or message", kind="error")
        raise web.HTTPFound(back) from None
    return await act(request, body, back)


async def link_learner(request: web.Request) -> web.StreamResponse:
    """Join another learner of this bot (named by id, handle or display name) into this one."""
    bot = await bot_of(request)
    user = await privacy.learner(current(request).creator_id, request.match_info["learner"])
    if user.bot_id != bot.id:
        raise web.HTTPNotFound(reason="no such learner on this bot")
    back = f"/studio/bots/{bot.slug}/learners/{user.id}"
    who, now = current(request), request.app[CLOCK].now()
    try:
        other = await manage.named(who.creator_id, bot.id, (await fields(request)).get("other", ""))
        await manage.link(who.creator_id, str(user.id), str(other.id), now=now)
    except (InvalidInput, NotFound, Conflict) as exc:
        await flash(request, str(exc), kind="error")
        raise web.HTTPFound(back) from None
    await flash(request, "Linked: their channels, progress, points and badges are now one learner.")
    raise web.HTTPFound(back)


async def unlink_account(request: web.Request) -> web.StreamResponse:
    """Split one channel off this learner; it becomes a learner of its own."""
    bot = await bot_of(request)
    user = await privacy.learner(current(request).creator_id, request.match_info["learner"])
    if user.bot_id != bot.id:
        raise web.HTTPNotFound(reason="no such learner on this bot")
    back = f"/studio/bots/{bot.slug}/learners/{user.id}"
    try:
        await manage.unlink(
            current(request).creator_id,
            str(user.id),
            request.match_info["account"],
            now=request.app[CLOCK].now(),
        )
    except Conflict as exc:
        await flash(request, str(exc), kind="error")
        raise web.HTTPFound(back) from None
    await flash(request, "Unlinked: that channel is now a learner of its own.")
    raise web.HTTPFound(back)


def drill(bot_slug: str, query: str, link: str | None) -> str | None:
    """The learners page for a chart link, keeping the page's range."""
    if not link:
        return None
    keep = {k: v for k, v in (p.split("=", 1) for p in query.split("&")) if k in ("from", "to")}
    return f"/studio/bots/{bot_slug}/analytics/learners?{link}&{urlencode(keep)}"


def add_routes(app: web.Application) -> None:
    base = "/bots/{slug}"
    app.router.add_get("/analytics", section_page("analytics", "Analytics"))
    app.router.add_get(base + "/analytics", analytics_page)
    app.router.add_get(base + "/analytics/learners", learners_page)
    app.router.add_post(base + "/analytics/learners", bulk_action)
    app.router.add_get(base + "/analytics/{chart}.csv", chart_csv)
    app.router.add_get(base + "/analytics/charts/{chart}", chart_section)
    app.router.add_get(base + "/learners/{learner}", learner_page)
    app.router.add_post(base + "/learners/{learner}/actions", learner_action)
    app.router.add_post(base + "/learners/{learner}/link", link_learner)
    app.router.add_post(base + "/learners/{learner}/accounts/{account}/unlink", unlink_account)
