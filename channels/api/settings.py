"""`/api/v1/settings/*` and `/api/v1/usage`: retention, the LLM budget and its use (audited)."""

from __future__ import annotations

from typing import Any

from aiohttp import web
from pydantic import BaseModel, ConfigDict, Field

from bot import audit, budget
from bot.retention import RetentionPolicy
from channels.api.auth import creator_of
from channels.api.bodies import read_json
from channels.api.clock import CLOCK
from channels.api.contract import Out, operation, respond
from models import Creator


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
    creator = await Creator.get(id=creator_of(request))
    return respond(RetentionPolicy, RetentionPolicy.of(creator).model_dump())


async def save_section(
    creator: Creator, section: str, before: dict[str, Any], after: dict[str, Any]
) -> None:
    """Store one section of the creator's settings and audit what changed in it."""
    creator.settings = {**(creator.settings or {}), section: after}
    await creator.save(update_fields=["settings", "updated_at"])
    await audit.record_change(
        creator.id, table="creator_settings", record_id=creator.id, old=before, new=after
    )


@operation("Set the retention policy", ok=RetentionPolicy, body=RetentionPolicy)
async def put_retention(request: web.Request) -> web.Response:
    policy = (await read_json(request, RetentionPolicy)).model_dump()
    creator = await Creator.get(id=creator_of(request))
    await save_section(creator, "retention", RetentionPolicy.of(creator).model_dump(), policy)
    return respond(RetentionPolicy, policy)


class BudgetIn(BaseModel):
    """The monthly LLM token budget; null removes the limit."""

    model_config = ConfigDict(extra="forbid")

    monthly_tokens: int | None = Field(default=None, ge=0, le=10**12)


@operation("Set the monthly LLM token budget", ok=UsageOut, body=BudgetIn)
async def put_budget(request: web.Request) -> web.Response:
    body = (await read_json(request, BudgetIn)).model_dump()
    creator = await Creator.get(id=creator_of(request))
    await save_section(
        creator, "llm_budget", {"monthly_tokens": budget.monthly_budget(creator)}, body
    )
    return await usage(request)


@operation("This month's LLM usage", ok=UsageOut)
async def usage(request: web.Request) -> web.Response:
    today = request.app[CLOCK].now().date()
    return UsageOut.respond(await budget.usage_summary(creator_of(request), today))


def add_routes(app: web.Application) -> None:
    app.router.add_get("/api/v1/usage", usage)
    app.router.add_put("/api/v1/settings/llm-budget", put_budget)
    app.router.add_get("/api/v1/settings/retention", get_retention)
    app.router.add_put("/api/v1/settings/retention", put_retention)
