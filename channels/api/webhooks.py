"""`/api/v1/webhooks`: register (the signing secret shown once), list, remove; delivery logs."""

from __future__ import annotations

from typing import Any

from aiohttp import web
from pydantic import BaseModel, ConfigDict, Field

from bot.rag.fetch import FetchLimits
from bot.webhooks import service
from channels.api.auth import creator_of
from channels.api.bodies import read_json
from models import Webhook, WebhookDelivery

LIMITS = web.AppKey("webhook_limits", FetchLimits)


class WebhookIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: str = Field(min_length=1, max_length=2000)
    events: list[str] = Field(min_length=1, max_length=20)


def webhook_json(hook: Webhook) -> dict[str, Any]:
    return {
        "id": str(hook.id),
        "url": hook.url,
        "events": list(hook.events),
        "created_at": hook.created_at.isoformat(),
    }


def delivery_json(row: WebhookDelivery) -> dict[str, Any]:
    return {
        "id": str(row.id),
        "event_id": str(row.event_id),
        "event": row.event,
        "status": row.status.value,
        "attempts": row.attempts,
        "last_error": row.last_error,
        "last_status_code": row.last_status_code,
        "next_attempt_at": row.next_attempt_at.isoformat(),
        "delivered_at": row.delivered_at.isoformat() if row.delivered_at else None,
        "created_at": row.created_at.isoformat(),
    }


async def create_webhook(request: web.Request) -> web.Response:
    body = await read_json(request, WebhookIn)
    made = await service.register(
        creator_of(request), body.url, body.events, limits=request.app[LIMITS]
    )
    return web.json_response(webhook_json(made.webhook) | {"secret": made.secret}, status=201)


async def list_webhooks(request: web.Request) -> web.Response:
    hooks = await service.webhooks(creator_of(request))
    return web.json_response({"webhooks": [webhook_json(h) for h in hooks]})


async def delete_webhook(request: web.Request) -> web.Response:
    await service.remove(creator_of(request), request.match_info["id"])
    return web.json_response({"removed": request.match_info["id"]})


async def list_deliveries(request: web.Request) -> web.Response:
    rows = await service.deliveries(creator_of(request), request.match_info["id"])
    return web.json_response({"deliveries": [delivery_json(r) for r in rows]})


def add_routes(app: web.Application) -> None:
    app.router.add_get("/api/v1/webhooks", list_webhooks)
    app.router.add_post("/api/v1/webhooks", create_webhook)
    app.router.add_delete("/api/v1/webhooks/{id}", delete_webhook)
    app.router.add_get("/api/v1/webhooks/{id}/deliveries", list_deliveries)
