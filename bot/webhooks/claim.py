"""Claiming due webhook deliveries atomically (`bot.claims`), as the outbox claims its rows."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot import claims
from models import WebhookDelivery, WebhookDeliveryStatus

DELIVERIES = claims.WorkTable(
    WebhookDelivery,
    pending=WebhookDeliveryStatus.PENDING,
    sending=WebhookDeliveryStatus.SENDING,
    order=("next_attempt_at", "created_at"),
    related="webhook",
)


async def claim_due(
    worker_id: str, *, now: datetime, limit: int
) -> tuple[str, list[WebhookDelivery]]:
    """Mark up to `limit` due deliveries as one batch of `worker_id`; with their webhook."""
    return await claims.claim_due(DELIVERIES, worker_id, now=now, limit=limit)


async def reclaim_stale(now: datetime, lease: timedelta) -> int:
    return await claims.reclaim_stale(DELIVERIES, now, lease)
