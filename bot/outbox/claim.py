"""Claiming due outbox rows atomically (`bot.claims`): one worker per row, on SQLite and PostgreSQL.

Rows are claimed lane by lane when a lane is named (the worker runs one loop per lane, so a
reply never waits for a batch of scheduled sends to finish), else interactive rows first.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta

from bot import claims
from models import Lane, OutboxMessage, OutboxStatus

OUTBOX = claims.WorkTable(
    OutboxMessage,
    pending=OutboxStatus.PENDING,
    sending=OutboxStatus.SENDING,
    order=("lane", "next_attempt_at", "created_at"),
    related="channel_account",
)


async def claim_due(
    worker_id: str,
    *,
    now: datetime,
    channels: Collection[str],
    limit: int,
    lanes: Collection[Lane] = tuple(Lane),
) -> tuple[str, list[OutboxMessage]]:
    """Mark up to `limit` due rows of these lanes and channels as one batch of `worker_id`."""
    only = claims.Only(among={"lane": [int(lane) for lane in lanes], "channel": list(channels)})
    return await claims.claim_due(OUTBOX, worker_id, now=now, limit=limit, only=only)


async def reclaim_stale(now: datetime, lease: timedelta) -> int:
    return await claims.reclaim_stale(OUTBOX, now, lease)
