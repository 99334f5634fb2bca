"""The turn's transaction: Tortoise's `in_transaction()` with fewer round trips on SQLite.

Tortoise begins a SQLite transaction with two calls on the connection's worker thread (COMMIT,
for a transaction left open, then BEGIN) and ends it with a third; a turn paid a round trip for
each. Here BEGIN (after that COMMIT) goes in the same call as the transaction's first statement,
whatever sends it (a `Batch`, the ORM, a savepoint), and `finish()` sends the block's last
writes with the COMMIT: same statements in the same order, same lock (the client's, held until
COMMIT or ROLLBACK), same wrapper for every query inside. PostgreSQL, and a transaction already
open (nested: a savepoint), use `in_transaction()` and `Batch.run()` themselves.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from tortoise import connections
from tortoise.backends.base.client import TransactionalDBClient, TransactionContext
from tortoise.backends.sqlite.client import SqliteTransactionWrapper
from tortoise.exceptions import TransactionManagementError
from tortoise.transactions import in_transaction

from bot.delivery.bulk import Batch, begin_on
from models.sqlite import transaction_context


def transaction() -> TransactionContext:
    """`async with transaction():` what `async with in_transaction():` does, on "default"."""
    db: Any = connections.get("default")
    if db.capabilities.dialect != "sqlite" or isinstance(db, TransactionalDBClient):
        return in_transaction()
    return transaction_context(_LazyBegin(db), db)


async def finish(batch: Batch) -> None:
    """Send `batch`, the last thing a `transaction()` block does: on SQLite with the COMMIT in
    the same call (the block's exit then has nothing left to send; a failure still rolls back
    there); elsewhere `batch.run()`, and the exit commits."""
    db = batch.db
    if not isinstance(db, _LazyBegin) or db._finalized:
        await batch.run()
        return
    await batch.run(commit=True)
    db._finalized = True


class _LazyBegin(SqliteTransactionWrapper):
    """A transaction whose BEGIN travels with its first statement (`Batch` asks for it with
    `take_begin`; every other way in sends it first)."""

    begin_pending = False

    async def begin(self) -> None:
        self.begin_pending = True

    def take_begin(self) -> bool:
        """Whether the caller must send BEGIN before its statements, in its own call."""
        pending, self.begin_pending = self.begin_pending, False
        return pending

    async def begun(self) -> None:
        if self.take_begin():
            try:
                await self._connection._execute(begin_on, self._connection._conn)
            except sqlite3.OperationalError as exc:  # as Tortoise's own begin reports it
                raise TransactionManagementError(exc) from exc

    async def execute_insert(self, query: str, values: list[Any]) -> Any:
        await self.begun()
        return await super().execute_insert(query, values)

    async def execute_query(self, query: str, values: list[Any] | None = None) -> Any:
        await self.begun()
        return await super().execute_query(query, values)

    async def execute_query_dict(self, query: str, values: list[Any] | None = None) -> Any:
        await self.begun()
        return await super().execute_query_dict(query, values)

    async def execute_many(self, query: str, values: list[list[Any]]) -> None:
        await self.begun()
        await super().execute_many(query, values)

    async def execute_script(self, query: str) -> None:
        await self.begun()
        await super().execute_script(query)

    async def commit(self) -> None:
        if self.take_begin():  # nothing was sent: nothing to commit
            self._finalized = True
            return
        await super().commit()

    async def rollback(self) -> None:
        if self.take_begin():
            self._finalized = True
            return
        await super().rollback()

    def _in_transaction(self) -> TransactionContext:
        return _Savepoint(self, super()._in_transaction())


class _Savepoint(TransactionContext):
    """A nested transaction (a savepoint) in a `_LazyBegin`: BEGIN first if nothing sent it."""

    def __init__(self, parent: _LazyBegin, inner: TransactionContext) -> None:
        self.parent, self.inner = parent, inner

    async def __aenter__(self) -> TransactionalDBClient:
        await self.parent.begun()
        return await self.inner.__aenter__()

    async def __aexit__(self, exc_type: Any, exc_val: Any, exc_tb: Any) -> None:
        await self.inner.__aexit__(exc_type, exc_val, exc_tb)
