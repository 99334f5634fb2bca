"""Workspace settings: how long learners' data is kept and the monthly LLM token budget."""

from __future__ import annotations

from typing import Any

from aiohttp import web
from pydantic import ValidationError

from bot import budget, workspace_settings
from bot.retention import RetentionPolicy
from channels.studio.forms import fields
from channels.studio.render import flash, render
from channels.studio.security import CLOCK, current, requires
from models import Role

RETENTION_FIELDS = {
    "interaction_events_days": "Keep interaction events (days)",
    "message_text_days": "Keep message text (days)",
    "test_conversations_days": "Keep test conversations (days)",
    "deleted_grace_days": "Delete removed bots, documents and conversations after (days)",
}


def _optional_int(raw: str) -> int | str | None:
    """Blank means "keep for as long as the account exists"; pydantic reports anything else."""
    return None if raw == "" else int(raw) if raw.isdigit() else raw


def field_errors(exc: ValidationError) -> dict[str, str]:
    return {str(err["loc"][0]): err["msg"] for err in exc.errors() if err["loc"]}


async def _context(request: web.Request, **extra: Any) -> dict[str, Any]:
    who = current(request)
    today = request.app[CLOCK].now().date()
    policy = await workspace_settings.retention_of(who.creator_id)
    usage = await budget.usage_summary(who.creator_id, today)
    return {
        "retention": {k: "" if v is None else v for k, v in policy.model_dump().items()},
        "retention_fields": RETENTION_FIELDS,
        "retention_errors": {},
        "usage": usage,
        "budget_value": "" if usage["budget"] is None else usage["budget"],
        "budget_error": None,
        "can_manage": who.role == Role.OWNER,
    } | extra


async def settings_page(request: web.Request) -> web.StreamResponse:
    return await render(request, "workspace_settings.html", await _context(request))


@requires(Role.OWNER)
async def save_retention(request: web.Request) -> web.StreamResponse:
    form = await fields(request)
    raw = {name: _optional_int(form.get(name, "")) for name in RETENTION_FIELDS}
    if raw["deleted_grace_days"] is None:
        raw.pop("deleted_grace_days")
    try:
        policy = RetentionPolicy.model_validate(raw)
    except ValidationError as exc:
        shown = {k: form.get(k, "") for k in RETENTION_FIELDS}
        ctx = await _context(request, retention=shown, retention_errors=field_errors(exc))
        return await render(request, "workspace_settings.html", ctx, status=400)
    await workspace_settings.set_retention(current(request).creator_id, policy)
    await flash(request, "Retention settings saved.")
    raise web.HTTPSeeOther("/studio/settings")


@requires(Role.OWNER)
async def save_budget(request: web.Request) -> web.StreamResponse:
    raw = (await fields(request)).get("monthly_tokens", "")
    try:
        body = workspace_settings.BudgetIn.model_validate({"monthly_tokens": _optional_int(raw)})
    except ValidationError as exc:
        message = "; ".join(err["msg"] for err in exc.errors())
        ctx = await _context(request, budget_value=raw, budget_error=message)
        return await render(request, "workspace_settings.html", ctx, status=400)
    today = request.app[CLOCK].now().date()
    await workspace_settings.set_budget(current(request).creator_id, body, today)
    await flash(request, "LLM budget saved.")
    raise web.HTTPSeeOther("/studio/settings")


def add_routes(app: web.Application) -> None:
    app.router.add_get("/settings", settings_page, name="workspace_settings")
    app.router.add_post("/settings/retention", save_retention)
    app.router.add_post("/settings/llm-budget", save_budget)
