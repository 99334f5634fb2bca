"""`/api/v1/webhooks`: register (the signing secret shown once), list, remove; delivery logs."""

from __future__ import annotations

from typing import Any

from aiohttp import web
from pydantic import BaseModel, ConfigDict, Field

from bot.rag.fetch import FetchLimits
from bot.webhooks import service
from channels.api.auth import creator_of
from channels.api.bodies import read_json
from channels.api.contract import Out, operation
from models import Webhook, WebhookDelivery

LIMITS = web.AppKey("webhook_limits", FetchLimits)


class WebhookIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: str = Field(min_length=1, max_length=2000)
    events: list[str] = Field(min_length=1, max_length=20)


class WebhookOut(Out):
    id: str
    url: str
    events: list[str]
    created_at: str


class CreatedWebhookOut(WebhookOut):
    """The signing secret appears here once; it is never shown again."""

    secret: str


class WebhooksOut(Out):
    webhooks: list[WebhookOut]


class RemovedWebhookOut(Out):
    removed: str


class DeliveryOut(Out):
    id: str
    event_id: str
    event: str
    status: str
    attempts: int
    last_error: str | None
    last_status_code: int | None
    next_attempt_at: str
    delivered_at: str | None
    created_at: str


class DeliveriesOut(Out):
    deliveries: list[DeliveryOut]


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


@operation(
    "Register a webhook (the signing secret is shown once)",
    ok=CreatedWebhookOut,
    status=201,
    body=WebhookIn,
)
async def create_webhook(request: web.Request) -> web.Response:
    body = await read_json(request, WebhookIn)
    made = await service.register(
        creator_of(request), body.url, body.events, limits=request.app[LIMITS]
    )
    return CreatedWebhookOut.respond(webhook_json(made.webhook) | {"secret": made.secret}, 201)


@operation("List webhooks", ok=WebhooksOut)
async def list_webhooks(request: web.Request) -> web.Response:
    hooks = await service.webhooks(creator_of(request))
    return WebhooksOut.respond({"webhooks": [webhook_json(h) for h in hooks]})


@operation("Remove a webhook and its delivery log", ok=RemovedWebhookOut, errors=(404,))
async def delete_webhook(request: web.Request) -> web.Response:
    await service.remove(creator_of(request), request.match_info["id"])
    return RemovedWebhookOut.respond({"removed": request.match_info["id"]})


@operation("A webhook's latest deliveries", ok=DeliveriesOut, errors=(404,))
async def list_deliveries(request: web.Request) -> web.Response:
    rows = await service.deliveries(creator_of(request), request.match_info["id"])
    return DeliveriesOut.respond({"deliveries": [delivery_json(r) for r in rows]})


def add_routes(app: web.Application) -> None:
    app.router.add_get("/api/v1/webhooks", list_webhooks)
    app.router.add_post("/api/v1/webhooks", create_webhook)
    app.router.add_delete("/api/v1/webhooks/{id}", delete_webhook)
    app.router.add_get("/api/v1/webhooks/{id}/deliveries", list_deliveries)
