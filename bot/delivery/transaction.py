"""The turn's transaction: Tortoise's `in_transaction()`, begun in one round trip on SQLite.

Tortoise begins a SQLite transaction with two calls on the connection's worker thread (COMMIT,
for a transaction left open, then BEGIN); a turn pays a round trip for each. Here both run in
one call: same statements, same lock (the client's, held until COMMIT or ROLLBACK), same
wrapper for every query inside. PostgreSQL, and a transaction already open (nested: a
savepoint), use `in_transaction()` itself.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from tortoise import connections
from tortoise.backends.base.client import TransactionalDBClient, TransactionContext
from tortoise.backends.sqlite.client import SqliteTransactionContext, SqliteTransactionWrapper
from tortoise.exceptions import TransactionManagementError
from tortoise.transactions import in_transaction


def transaction() -> TransactionContext:
    """`async with transaction():` what `async with in_transaction():` does, on "default"."""
    db: Any = connections.get("default")
    if db.capabilities.dialect != "sqlite" or isinstance(db, TransactionalDBClient):
        return in_transaction()
    return SqliteTransactionContext(_OneTripBegin(db), db._lock)


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
