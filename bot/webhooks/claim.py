"""Claiming due webhook deliveries atomically, as `bot.outbox.claim` does for the outbox."""

from __future__ import annotations

from datetime import datetime, timedelta

from tortoise import connections
from tortoise.expressions import Subquery

from models import WebhookDelivery, WebhookDeliveryStatus

PENDING, SENDING = WebhookDeliveryStatus.PENDING, WebhookDeliveryStatus.SENDING
# MATERIALIZED for the same reason as the outbox's claim: the planner may rescan a LIMITed
# `IN (... FOR UPDATE SKIP LOCKED)` subquery and claim more than asked.
PG_CLAIM = """
WITH due AS MATERIALIZED (
    SELECT id FROM webhook_delivery
    WHERE status = 'pending' AND next_attempt_at <= $1
    ORDER BY next_attempt_at, created_at
    LIMIT $2
    FOR UPDATE SKIP LOCKED
)
UPDATE webhook_delivery AS d SET status = 'sending', claimed_by = $3, claimed_at = $1
FROM due WHERE d.id = due.id AND d.status = 'pending'
"""


async def claim_due(token: str, *, now: datetime, limit: int) -> list[WebhookDelivery]:
    """Mark up to `limit` due deliveries as claimed by `token`; return them with their webhook."""
    conn = connections.get("default")
    if conn.capabilities.dialect == "postgres":
        await conn.execute_query(PG_CLAIM, [now, limit, token])
    else:
        due = (
            WebhookDelivery.filter(status=PENDING, next_attempt_at__lte=now)
            .order_by("next_attempt_at", "created_at")
            .limit(limit)
        )
        await WebhookDelivery.filter(id__in=Subquery(due.only("id")), status=PENDING).update(
            status=SENDING, claimed_by=token, claimed_at=now
        )
    rows = WebhookDelivery.filter(claimed_by=token, status=SENDING).select_related("webhook")
    return list(await rows.order_by("created_at"))


async def reclaim_stale(now: datetime, lease: timedelta) -> int:
    """Deliveries left in SENDING by a dead process become due again once their lease ran out."""
    return await WebhookDelivery.filter(status=SENDING, claimed_at__lt=now - lease).update(
        status=PENDING, claimed_by=None
    )
