"""Tortoise's SQLite engine with transactions that cannot leak the connection's lock.

A SQLite transaction holds the client's one lock from its start to its COMMIT or ROLLBACK, and
every other query of the process waits for it. Tortoise's context takes the lock and then
awaits BEGIN; a task cancelled during that await (a request whose client went away, a worker
stopped at shutdown) never reaches the context's exit, so the lock was never released and
every later query of the process waited forever (seen: a server's shutdown hung on its last
UPDATE). Here a transaction whose start fails or is cancelled rolls back whatever its BEGIN
may still do on the connection's thread, then hands the lock back.

Selected by `models.db.tortoise_config` for sqlite:// URLs (Tortoise's `engine` setting).
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from typing import Any

from tortoise.backends.base.client import TransactionalDBClient
from tortoise.backends.sqlite.client import (
    SqliteClient,
    SqliteTransactionContext,
    SqliteTransactionWrapper,
)
from tortoise.connection import get_connections

_abandoned: set[asyncio.Task[None]] = set()  # keeps each hand-back task alive until it ran


class SafeTransactionContext(SqliteTransactionContext):
    """`SqliteTransactionContext` whose start gives the lock back when it does not complete."""

    async def __aenter__(self) -> TransactionalDBClient:
        await self._trxlock.acquire()
        token = None
        try:
            await self.ensure_connection()
            token = get_connections().set(self.connection_name, self.connection)
            await self.connection.begin()
        except BaseException:
            if token is not None:
                get_connections().reset(token)
            task = asyncio.ensure_future(self._hand_back())
            _abandoned.add(task)
            task.add_done_callback(_abandoned.discard)
            raise
        self.token = token
        return self.connection

    async def _hand_back(self) -> None:
        """Roll back what a half-sent BEGIN may have opened (queued behind it on the
        connection's thread), then release the lock: nothing runs in between."""
        try:
            conn = self.connection._connection
            if conn is not None:
                with contextlib.suppress(sqlite3.Error, ValueError):
                    await conn.rollback()
        finally:
            self._trxlock.release()


class Client(SqliteClient):
    """The SQLite client whose transactions are `SafeTransactionContext`s."""

    def _in_transaction(self) -> SqliteTransactionContext:
        return SafeTransactionContext(SqliteTransactionWrapper(self), self._lock)


def transaction_context(wrapper: Any, client: Any) -> SqliteTransactionContext:
    """A safe transaction context for `wrapper` (a transaction wrapper of `client`)."""
    return SafeTransactionContext(wrapper, client._lock)


client_class = Client
