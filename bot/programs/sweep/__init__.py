"""One batch of due ledger rows turned into outbound messages, with raw bulk statements.

For each due `ScheduledSend` row the batch decides: send it (an outbound message in the
learner's conversation plus an outbox row keyed `sched:{id}` in the scheduled lane, written by
`bot.delivery.write_outbound` like a turn's replies; the ledger row marked queued), defer it
(quiet hours: due again at the next allowed minute), skip it (the learner already moved on) or
cancel it (stopped enrollment, blocked account). The caller runs a batch inside one
transaction, so a crash leaves every row of it pending and the next sweep redoes it.

Speed: a sweep may face 100k due rows, so the per-row tables are read with one raw SELECT per
table per batch (`load`) and written with one raw bulk INSERT per table per batch (`write`);
no ORM object is built per row (bench/scheduler.py measures it).
"""

from __future__ import annotations

from datetime import datetime

from tortoise import connections
from tortoise.backends.base.client import BaseDBAsyncClient

from bot.programs.sweep.batch import Counts, Due
from bot.programs.sweep.decide import decide
from bot.programs.sweep.load import due_rows, load
from bot.programs.sweep.write import settle, write_sends

__all__ = ["Counts", "Due", "due_rows", "run_batch"]


async def run_batch(rows: list[Due], now: datetime) -> Counts:
    """Decide and write everything for these rows (call inside a transaction)."""
    await plan_each_statement(connections.get("default"))
    batch = await load(rows, now)
    for row in rows:
        decide(batch, row)
    await write_sends(batch)
    await settle(rows, batch.now)
    return batch.counts


async def plan_each_statement(db: BaseDBAsyncClient) -> None:
    """PostgreSQL: plan the batch's statements for their actual arrays and table sizes.

    asyncpg prepares each statement once per connection, and PostgreSQL then settles on a
    generic plan chosen while the tables were small (a sequential scan of `conversation` or
    `step_progress`), which a sweep that grows them by 500 rows a batch keeps reusing.
    """
    if db.capabilities.dialect == "postgres":
        await db.execute_script("SET LOCAL plan_cache_mode = force_custom_plan")
