"""Claiming due outbox rows atomically: one worker per row, on SQLite and PostgreSQL.

Rows are claimed lane by lane when a lane is named (the worker runs one loop per lane, so a
reply never waits for a batch of scheduled sends to finish), else interactive rows first.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta

from tortoise import connections
from tortoise.expressions import Subquery

from models import Lane, OutboxMessage, OutboxStatus

# PostgreSQL: racing workers skip each other's locked rows. The CTE is MATERIALIZED because an
# `IN (SELECT ... LIMIT n FOR UPDATE SKIP LOCKED)` subquery may be rescanned by the planner and
# then claim more than n rows (measured: one worker took 30 rows with a batch of 10).
PG_CLAIM = """
WITH due AS MATERIALIZED (
    SELECT id FROM outbox_message
    WHERE status = 'pending' AND lane = ANY($5::smallint[]) AND next_attempt_at <= $1
      AND channel = ANY($2::text[])
    ORDER BY lane, next_attempt_at, created_at
    LIMIT $3
    FOR UPDATE SKIP LOCKED
)
UPDATE outbox_message AS o SET status = 'sending', claimed_by = $4, claimed_at = $1
FROM due WHERE o.id = due.id AND o.status = 'pending'
"""


async def claim_due(
    token: str,
    *,
    now: datetime,
    channels: Collection[str],
    limit: int,
    lanes: Collection[Lane] = tuple(Lane),
) -> list[OutboxMessage]:
    """Mark up to `limit` due rows of these lanes as claimed by `token`; return them."""
    conn = connections.get("default")
    if conn.capabilities.dialect == "postgres":
        values = [now, list(channels), limit, token, [int(lane) for lane in lanes]]
        await conn.execute_query(PG_CLAIM, values)
    else:
        await _claim_portable(token, now, channels, limit, lanes)
    rows = await (
        OutboxMessage.filter(claimed_by=token, status=OutboxStatus.SENDING)
        .select_related("channel_account")
        .order_by("created_at")
    )
    return list(rows)


async def _claim_portable(
    token: str, now: datetime, channels: Collection[str], limit: int, lanes: Collection[Lane]
) -> None:
    due = (
        OutboxMessage.filter(
            status=OutboxStatus.PENDING,
            lane__in=list(lanes),
            next_attempt_at__lte=now,
            channel__in=list(channels),
        )
        .order_by("lane", "next_attempt_at", "created_at")
        .limit(limit)
    )
    # SQLite runs one writer at a time; the outer status check keeps the update honest.
    await OutboxMessage.filter(id__in=Subquery(due.only("id")), status=OutboxStatus.PENDING).update(
        status=OutboxStatus.SENDING, claimed_by=token, claimed_at=now
    )


async def reclaim_stale(now: datetime, lease: timedelta) -> int:
    """Rows left in SENDING by a dead process become due again once their lease ran out."""
    return await OutboxMessage.filter(
        status=OutboxStatus.SENDING, claimed_at__lt=now - lease
    ).update(status=OutboxStatus.PENDING, claimed_by=None)
