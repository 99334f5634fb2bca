"""Webhooks page: register an endpoint for events (its signing secret shown once), remove it,
and read its delivery log. Same services as `/api/v1/webhooks`."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from bot.errors import InvalidInput
from bot.rag.service import fetch_limits
from bot.webhooks import EVENTS
from bot.webhooks import service as hooks
from channels.studio.chooser import services
from channels.studio.forms import object_id
from channels.studio.render import flash, render
from channels.studio.security import current, requires
from models import Role


async def _context(request: web.Request, **extra: Any) -> dict[str, Any]:
    who = current(request)
    return {
        "webhooks": await hooks.webhooks(who.creator_id),
        "events": EVENTS,
        "can_manage": who.role == Role.OWNER,
        "made": None,
        "error": None,
        "form": {"url": "", "events": []},
    } | extra


async def webhooks_page(request: web.Request) -> web.StreamResponse:
    return await render(request, "webhooks.html", await _context(request))


@requires(Role.OWNER)
async def create_webhook(request: web.Request) -> web.StreamResponse:
    posted = await request.post()
    url, events = str(posted.get("url", "")).strip(), [str(e) for e in posted.getall("events", [])]
    form = {"url": url, "events": events}
    limits = fetch_limits(services(request).settings.rag)
    try:
        made = await hooks.register(current(request).creator_id, url, events, limits=limits)
    except InvalidInput as exc:
        ctx = await _context(request, error=str(exc), form=form)
        return await render(request, "webhooks.html", ctx, status=400)
    return await render(request, "webhooks.html", await _context(request, made=made), status=201)


@requires(Role.OWNER)
async def delete_webhook(request: web.Request) -> web.StreamResponse:
    hook = await hooks.webhook(current(request).creator_id, object_id(request, "webhook_id"))
    await hooks.remove(current(request).creator_id, hook.id)
    await flash(request, f"Webhook to {hook.url} removed.")
    raise web.HTTPSeeOther("/studio/webhooks")


async def deliveries_page(request: web.Request) -> web.StreamResponse:
    who = current(request)
    hook = await hooks.webhook(who.creator_id, object_id(request, "webhook_id"))
    rows = await hooks.deliveries(who.creator_id, hook.id)
    return await render(request, "webhook.html", {"hook": hook, "deliveries": rows})


def add_routes(app: web.Application) -> None:
    app.router.add_get("/webhooks", webhooks_page, name="webhooks")
    app.router.add_post("/webhooks", create_webhook)
    app.router.add_get("/webhooks/{webhook_id}", deliveries_page)
    app.router.add_post("/webhooks/{webhook_id}/delete", delete_webhook)
