"""`/api/v1/settings/*` and `/api/v1/usage`: retention, the LLM budget and its use (audited)."""

from __future__ import annotations

from aiohttp import web
from pydantic import BaseModel, ConfigDict, Field

from bot import audit, budget
from bot.retention import RetentionPolicy
from channels.api.auth import creator_of
from channels.api.bodies import read_json
from channels.api.clock import CLOCK
from models import Creator


async def get_retention(request: web.Request) -> web.Response:
    creator = await Creator.get(id=creator_of(request))
    return web.json_response(RetentionPolicy.of(creator).model_dump())


async def put_retention(request: web.Request) -> web.Response:
    policy = await read_json(request, RetentionPolicy)
    creator = await Creator.get(id=creator_of(request))
    before = RetentionPolicy.of(creator).model_dump()
    creator.settings = {**(creator.settings or {}), "retention": policy.model_dump()}
    await creator.save(update_fields=["settings", "updated_at"])
    await audit.record_change(
        creator.id,
        table="creator_settings",
        record_id=creator.id,
        old=before,
        new=policy.model_dump(),
    )
    return web.json_response(policy.model_dump())


class BudgetIn(BaseModel):
    """The monthly LLM token budget; null removes the limit."""

    model_config = ConfigDict(extra="forbid")

    monthly_tokens: int | None = Field(default=None, ge=0, le=10**12)


async def put_budget(request: web.Request) -> web.Response:
    body = await read_json(request, BudgetIn)
    creator = await Creator.get(id=creator_of(request))
    before = {"monthly_tokens": budget.monthly_budget(creator)}
    creator.settings = {**(creator.settings or {}), "llm_budget": body.model_dump()}
    await creator.save(update_fields=["settings", "updated_at"])
    await audit.record_change(
        creator.id,
        table="creator_settings",
        record_id=creator.id,
        old=before,
        new=body.model_dump(),
    )
    return await usage(request)


async def usage(request: web.Request) -> web.Response:
    today = request.app[CLOCK].now().date()
    return web.json_response(await budget.usage_summary(creator_of(request), today))


def add_routes(app: web.Application) -> None:
    app.router.add_get("/api/v1/usage", usage)
    app.router.add_put("/api/v1/settings/llm-budget", put_budget)
    app.router.add_get("/api/v1/settings/retention", get_retention)
    app.router.add_put("/api/v1/settings/retention", put_retention)
