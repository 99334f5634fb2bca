"""`/api/v1/settings/*` and `/api/v1/usage`: retention, the LLM budget and its use (audited)."""

from __future__ import annotations

from aiohttp import web

from bot import budget, workspace_settings
from bot.retention import RetentionPolicy
from channels.api.auth import creator_of
from channels.api.bodies import read_json
from channels.api.clock import CLOCK
from channels.api.contract import Out, operation, respond


class UsageOut(Out):
    """This month's LLM tokens against the budget (`percent`, `warning` at 80%, `stopped`)."""

    month: str
    llm_tokens: int
    budget: int | None
    percent: float | None
    warning: str | None
    stopped: bool


@operation("The retention policy", ok=RetentionPolicy)
async def get_retention(request: web.Request) -> web.Response:
    policy = await workspace_settings.retention_of(creator_of(request))
    return respond(RetentionPolicy, policy.model_dump())


@operation("Set the retention policy", ok=RetentionPolicy, body=RetentionPolicy)
async def put_retention(request: web.Request) -> web.Response:
    policy = await read_json(request, RetentionPolicy)
    saved = await workspace_settings.set_retention(creator_of(request), policy)
    return respond(RetentionPolicy, saved.model_dump())


@operation("Set the monthly LLM token budget", ok=UsageOut, body=workspace_settings.BudgetIn)
async def put_budget(request: web.Request) -> web.Response:
    body = await read_json(request, workspace_settings.BudgetIn)
    today = request.app[CLOCK].now().date()
    return UsageOut.respond(await workspace_settings.set_budget(creator_of(request), body, today))


@operation("This month's LLM usage", ok=UsageOut)
async def usage(request: web.Request) -> web.Response:
    today = request.app[CLOCK].now().date()
    return UsageOut.respond(await budget.usage_summary(creator_of(request), today))


def add_routes(app: web.Application) -> None:
    app.router.add_get("/api/v1/usage", usage)
    app.router.add_put("/api/v1/settings/llm-budget", put_budget)
    app.router.add_get("/api/v1/settings/retention", get_retention)
    app.router.add_put("/api/v1/settings/retention", put_retention)
