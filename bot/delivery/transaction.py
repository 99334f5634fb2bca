"""The turn's transaction: Tortoise's `in_transaction()` with fewer round trips on SQLite.

Tortoise begins a SQLite transaction with two calls on the connection's worker thread (COMMIT,
for a transaction left open, then BEGIN) and ends it with a third; a turn pays a round trip for
each. Here the two begin in one call, and `finish()` sends the block's last writes and the
COMMIT in one call: same statements, same lock (the client's, held until COMMIT or ROLLBACK),
same wrapper for every query inside. PostgreSQL, and a transaction already open (nested: a
savepoint), use `in_transaction()` and `Batch.run()` themselves.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from tortoise import connections
from tortoise.backends.base.client import TransactionalDBClient, TransactionContext
from tortoise.backends.sqlite.client import SqliteTransactionContext, SqliteTransactionWrapper
from tortoise.exceptions import TransactionManagementError
from tortoise.transactions import in_transaction

from bot.delivery.bulk import Batch


def transaction() -> TransactionContext:
    """`async with transaction():` what `async with in_transaction():` does, on "default"."""
    db: Any = connections.get("default")
    if db.capabilities.dialect != "sqlite" or isinstance(db, TransactionalDBClient):
        return in_transaction()
    return SqliteTransactionContext(_OneTripBegin(db), db._lock)


async def finish(batch: Batch) -> None:
    """Send `batch`, the last thing a `transaction()` block does: on SQLite with the COMMIT in
    the same call (the block's exit then has nothing left to send; a failure still rolls back
    there); elsewhere `batch.run()`, and the exit commits."""
    db = batch.db
    if not isinstance(db, _OneTripBegin) or db._finalized:
        await batch.run()
        return
    await batch.run(commit=True)
    db._finalized = True


class _OneTripBegin(SqliteTransactionWrapper):
    async def begin(self) -> None:
        try:
            await self._connection._execute(_begin, self._connection._conn)
        except sqlite3.OperationalError as exc:  # as Tortoise's own begin reports it
            raise TransactionManagementError(exc) from exc


def _begin(conn: sqlite3.Connection) -> None:
    """On the connection's thread: what Tortoise's begin sends, in one call."""
    conn.commit()  # ends a transaction left open; a no-op otherwise
    conn.execute("BEGIN").close()
