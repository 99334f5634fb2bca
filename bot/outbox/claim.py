"""Claiming due outbox rows atomically: one worker per row, on SQLite and PostgreSQL.

Rows are claimed lane by lane when a lane is named (the worker runs one loop per lane, so a
reply never waits for a batch of scheduled sends to finish), else interactive rows first.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta

from tortoise import connections

from bot.delivery.bulk import Params, Statement
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
RETURNING o.id
"""


async def claim_due(
    token: str,
    *,
    now: datetime,
    channels: Collection[str],
    limit: int,
    lanes: Collection[Lane] = tuple(Lane),
) -> list[OutboxMessage]:
    """Mark up to `limit` due rows of these lanes as claimed by `token`; return them.

    A poll that claims nothing (the common case: the worker polls every lane twice a second)
    costs that one raw statement, no read."""
    conn = connections.get("default")
    if conn.capabilities.dialect == "postgres":
        values = [now, list(channels), limit, token, [int(lane) for lane in lanes]]
        claimed, _ = await conn.execute_query(PG_CLAIM, values)
    else:
        claimed = await _claim_portable(token, now, channels, limit, lanes)
    if not claimed:
        return []
    rows = await (
        OutboxMessage.filter(claimed_by=token, status=OutboxStatus.SENDING)
        .select_related("channel_account")
        .order_by("created_at")
    )
    return list(rows)


async def _claim_portable(
    token: str, now: datetime, channels: Collection[str], limit: int, lanes: Collection[Lane]
) -> int:
    """SQLite: one raw UPDATE (no query builder per poll); how many rows it claimed."""
    conn = connections.get("default")
    p = Params(conn)
    sending, pending = OutboxStatus.SENDING.value, OutboxStatus.PENDING.value
    claim = f"SET status = {p(sending)}, claimed_by = {p(token)}, claimed_at = {p(now)}"
    due = (
        f"SELECT id FROM outbox_message WHERE status = {p(pending)}"
        f" AND lane {p.among([int(lane) for lane in lanes])} AND next_attempt_at <= {p(now)}"
        f" AND channel {p.among(list(channels))}"
        f" ORDER BY lane, next_attempt_at, created_at LIMIT {p(limit)}"
    )
    # SQLite runs one writer at a time; the outer status check keeps the update honest.
    sql = f"UPDATE outbox_message {claim} WHERE id IN ({due}) AND status = {p(pending)}"
    claimed, _ = await conn.execute_query(sql, p.values)
    return claimed


RECLAIM = Statement(
    "UPDATE outbox_message SET status = {}, claimed_by = NULL WHERE status = {} AND claimed_at < {}"
)


async def reclaim_stale(now: datetime, lease: timedelta) -> int:
    """Rows left in SENDING by a dead process become due again once their lease ran out."""
    conn = connections.get("default")
    values = (OutboxStatus.PENDING.value, OutboxStatus.SENDING.value, now - lease)
    changed, _ = await conn.execute_query(RECLAIM.sql(conn.capabilities.dialect), list(values))
    return changed
