"""Claiming due rows of a work table with a lease: one worker per row, on SQLite and PostgreSQL.

A work table (the outbox, event-webhook deliveries) holds rows `pending` until due
(`next_attempt_at`); a worker marks a batch `sending` under a token `<worker id>/<batch>`
(`claimed_by`, `claimed_at`), and a row a dead process left `sending` is due again once its
lease ran out (`reclaim_stale`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any, Generic, TypeVar
from uuid import uuid4

from tortoise import connections
from tortoise.expressions import Subquery
from tortoise.models import Model

M = TypeVar("M", bound=Model)

# PostgreSQL: racing workers skip each other's locked rows. The CTE is MATERIALIZED because an
# `IN (SELECT ... LIMIT n FOR UPDATE SKIP LOCKED)` subquery may be rescanned by the planner and
# then claim more than n rows (measured: one worker took 30 rows with a batch of 10).
PG_CLAIM = """
WITH due AS MATERIALIZED (
    SELECT id FROM {table}
    WHERE status = 'pending' AND next_attempt_at <= $1{where}
    ORDER BY {order}
    LIMIT $2
    FOR UPDATE SKIP LOCKED
)
UPDATE {table} AS t SET status = 'sending', claimed_by = $3, claimed_at = $1
FROM due WHERE t.id = due.id AND t.status = 'pending'
"""


@dataclass(frozen=True)
class WorkTable(Generic[M]):
    """A table workers claim rows of: its statuses, its due order, what a claim loads along."""

    model: type[M]
    pending: StrEnum
    sending: StrEnum
    order: tuple[str, ...]
    related: str


@dataclass(frozen=True)
class Only:
    """A claim's extra conditions, once per dialect: ORM filters, and SQL on `$4`, `$5`... with
    their values (PostgreSQL)."""

    filters: Mapping[str, Any] = field(default_factory=dict)
    sql: str = ""
    values: Sequence[Any] = ()


EVERY_DUE_ROW = Only()


def worker_name(worker_id: str | None, prefix: str) -> str:
    """A worker's id as claim tokens carry it (a column of 64: the batch part follows)."""
    return (worker_id or f"{prefix}-{uuid4().hex[:8]}")[:40]


async def claim_due(
    table: WorkTable[M], worker_id: str, *, now: datetime, limit: int, only: Only = EVERY_DUE_ROW
) -> tuple[str, list[M]]:
    """Mark up to `limit` due rows as this batch's; return its token and the rows."""
    token = f"{worker_id}/{uuid4().hex[:16]}"
    conn = connections.get("default")
    if conn.capabilities.dialect == "postgres":
        sql = PG_CLAIM.format(
            table=table.model._meta.db_table, where=only.sql, order=", ".join(table.order)
        )
        await conn.execute_query(sql, [now, limit, token, *only.values])
    else:
        due = (
            table.model.filter(status=table.pending, next_attempt_at__lte=now, **only.filters)
            .order_by(*table.order)
            .limit(limit)
        )
        # SQLite runs one writer at a time; the outer status check keeps the update honest.
        await table.model.filter(id__in=Subquery(due.only("id")), status=table.pending).update(
            status=table.sending, claimed_by=token, claimed_at=now
        )
    rows = table.model.filter(claimed_by=token, status=table.sending)
    return token, list(await rows.select_related(table.related).order_by("created_at"))


async def reclaim_stale(table: WorkTable[M], now: datetime, lease: timedelta) -> int:
    """Rows left `sending` by a dead process become due again once their lease ran out."""
    return await table.model.filter(status=table.sending, claimed_at__lt=now - lease).update(
        status=table.pending, claimed_by=None
    )
