"""Claiming due rows of a work table with a lease: one worker per row, on SQLite and PostgreSQL.

A work table (the outbox, event-webhook deliveries) holds rows `pending` until due
(`next_attempt_at`); a worker marks a batch `sending` under a token `<worker id>/<batch>`
(`claimed_by`, `claimed_at`), and a row a dead process left `sending` is due again once its
lease ran out (`reclaim_stale`). A live worker renews the leases of the batches it still has rows
of in flight (`Leases`): rows waiting their turn behind a vendor's rate may outwait the lease, and
must not be handed to another worker and sent twice.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Awaitable, Callable, Collection, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any, Generic, TypeVar
from uuid import uuid4

from tortoise import connections
from tortoise.models import Model

from bot.clock import Clock, wait_or_stop
from bot.rawsql import Params

log = logging.getLogger(__name__)
M = TypeVar("M", bound=Model)
T = TypeVar("T")


@dataclass(frozen=True)
class WorkTable(Generic[M]):
    """A table workers claim rows of: its statuses, its due order, what a claim loads along."""

    model: type[M]
    pending: StrEnum
    sending: StrEnum
    order: tuple[str, ...]
    related: str

    @property
    def name(self) -> str:
        return self.model._meta.db_table


@dataclass(frozen=True)
class Only:
    """A claim's extra conditions: `column IN values` for each entry."""

    among: Mapping[str, Collection[Any]] = field(default_factory=dict)


EVERY_DUE_ROW = Only()


def worker_name(worker_id: str | None, prefix: str) -> str:
    """A worker's id as claim tokens carry it (a column of 64: the batch part follows)."""
    return (worker_id or f"{prefix}-{uuid4().hex[:8]}")[:40]


def claim_sql(
    table: WorkTable[M], p: Params, token: str, now: datetime, limit: int, only: Only
) -> str:
    """One raw statement (no query builder per poll, and a worker polls every lane twice a
    second): mark up to `limit` due rows as `token`'s.

    PostgreSQL: racing workers skip each other's locked rows. The CTE is MATERIALIZED because an
    `IN (SELECT ... LIMIT n FOR UPDATE SKIP LOCKED)` subquery may be rescanned by the planner and
    then claim more than n rows (measured: one worker took 30 rows with a batch of 10). SQLite
    runs one writer at a time; the outer status check keeps the update honest."""
    # Placeholders in the order they appear (SQLite's `?` are positional).
    mark = f"SET status = {p(table.sending.value)}, claimed_by = {p(token)}, claimed_at = {p(now)}"
    due = f"SELECT id FROM {table.name} WHERE status = {p(table.pending.value)}"
    due += f" AND next_attempt_at <= {p(now)}"
    due += "".join(f" AND {column} {p.among(values)}" for column, values in only.among.items())
    due += f" ORDER BY {', '.join(table.order)} LIMIT {p(limit)}"
    still = f"status = {p(table.pending.value)}"
    if p.postgres:
        return (
            f"WITH due AS MATERIALIZED ({due} FOR UPDATE SKIP LOCKED)"
            f" UPDATE {table.name} AS t {mark} FROM due WHERE t.id = due.id AND t.{still}"
            " RETURNING t.id"
        )
    # `+status`: without it SQLite walks the status index over every pending row to test each
    # against the claimed ids (50 ms a poll with 100k rows queued) instead of looking them up.
    return f"UPDATE {table.name} {mark} WHERE id IN ({due}) AND +{still}"


async def claim_due(
    table: WorkTable[M], worker_id: str, *, now: datetime, limit: int, only: Only = EVERY_DUE_ROW
) -> tuple[str, list[M]]:
    """Mark up to `limit` due rows as this batch's; return its token and the rows. A poll that
    claims nothing (the common case) costs that one statement, no read."""
    token = f"{worker_id}/{uuid4().hex[:16]}"
    conn = connections.get("default")
    p = Params(conn)
    claimed, _ = await conn.execute_query(claim_sql(table, p, token, now, limit, only), p.values)
    if not claimed:
        return token, []
    rows = table.model.filter(claimed_by=token, status=table.sending)
    return token, list(await rows.select_related(table.related).order_by("created_at"))


async def reclaim_stale(table: WorkTable[M], now: datetime, lease: timedelta) -> int:
    """Rows left `sending` by a dead process become due again once their lease ran out."""
    return await _update(
        table,
        lambda p: f"status = {p(table.pending.value)}, claimed_by = NULL",
        lambda p: f"status = {p(table.sending.value)} AND claimed_at < {p(now - lease)}",
    )


async def renew(table: WorkTable[M], tokens: Collection[str], now: datetime) -> int:
    """Restart the lease of the rows these batches still hold: one statement for them all.

    Only rows still `sending` under one of `tokens` move: a row that finished keeps its
    `claimed_at`, and one that was reclaimed meanwhile (`claimed_by` cleared, or another
    batch's token) stays with whoever has it now."""
    return await _update(
        table,
        lambda p: f"claimed_at = {p(now)}",
        lambda p: f"status = {p(table.sending.value)} AND claimed_by {p.among(tokens)}",
    )


async def _update(
    table: WorkTable[M], changes: Callable[[Params], str], where: Callable[[Params], str]
) -> int:
    """One raw UPDATE of the table (placeholders in order: the changes', then the condition's);
    how many rows it changed."""
    conn = connections.get("default")
    p = Params(conn)
    changed, _ = await conn.execute_query(
        f"UPDATE {table.name} SET {changes(p)} WHERE {where(p)}", p.values
    )
    return int(changed)


class Leases(Generic[M]):
    """The batches a live worker still has rows of in flight, their leases kept from running out.

    `reclaim_stale` is for rows a dead process left behind; a live worker's rows may wait longer
    than a lease for a vendor's shared rate, and another worker reclaiming them would send them
    twice. So a batch is held (`hold`) from its claim until its last task landed (`release`),
    and `kept_during` renews every held lease once the oldest is a third of a lease old: one
    statement for all of them, none while nothing is held or everything is fresh. A dead
    process renews nothing, so its rows come back after the lease as before.
    """

    def __init__(self, table: WorkTable[M], *, clock: Clock, lease: timedelta) -> None:
        self.table = table
        self.clock = clock
        self.lease = lease
        self._tasks: Counter[str] = Counter()  # token -> its tasks still in flight
        self._renewed: dict[str, datetime] = {}  # token -> when its lease last started

    def hold(self, token: str) -> None:
        """One more task in flight carries rows of this batch."""
        self._tasks[token] += 1
        self._renewed.setdefault(token, self.clock.now())  # a claim's statement ago

    def release(self, token: str) -> None:
        """One of the batch's tasks landed; past the last, its lease is no longer renewed."""
        self._tasks[token] -= 1
        if self._tasks[token] <= 0:
            del self._tasks[token]
            self._renewed.pop(token, None)

    async def renew_due(self) -> int:
        """Renew every held lease if one is a third of a lease old; the rows it moved."""
        now = self.clock.now()
        if not any(now - since >= self.lease / 3 for since in self._renewed.values()):
            return 0
        tokens = list(self._renewed)
        renewed = await renew(self.table, tokens, now)
        for token in tokens:  # those still held; one that landed meanwhile stays gone
            if token in self._renewed:
                self._renewed[token] = now
        return renewed

    async def kept_during(self, work: Awaitable[T], *, every_s: float) -> T:
        """Await `work`, looking every `every_s` (at most a sixth of a lease, so a lease is
        renewed half a lease before it would run out) whether the held leases are due."""
        done = asyncio.Event()

        async def working() -> T:
            try:
                return await work
            finally:
                done.set()

        tick_s = min(every_s, self.lease.total_seconds() / 6)
        result, _ = await asyncio.gather(working(), self._keep(done, tick_s))
        return result

    async def _keep(self, done: asyncio.Event, every_s: float) -> None:
        while not done.is_set():
            await wait_or_stop(done, every_s)
            if done.is_set():
                return
            try:
                await self.renew_due()
            except Exception as exc:  # a database hiccup: the next tick tries again
                log.warning("%s: renewing leases failed, will retry: %s", self.table.name, exc)
