"""A SQLite transaction cancelled while it begins gives the connection's lock back (the engine
in models/sqlite.py); before, every later query of the process waited forever."""

from __future__ import annotations

import asyncio

import pytest
from tortoise.backends.sqlite.client import SqliteTransactionWrapper
from tortoise.transactions import in_transaction

from bot.delivery.transaction import transaction
from models import Creator
from tests import factories


@pytest.mark.parametrize("start", [in_transaction, transaction], ids=["orm", "turn"])
async def test_a_transaction_cancelled_while_it_begins_frees_the_connection(
    db: str, start: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not db.startswith("sqlite"):
        pytest.skip("PostgreSQL transactions take a pooled connection, not the client's lock")
    began = asyncio.Event()

    async def slow_begin(self: SqliteTransactionWrapper) -> None:
        began.set()
        await asyncio.sleep(30)

    monkeypatch.setattr(SqliteTransactionWrapper, "begin", slow_begin)
    monkeypatch.setattr("bot.delivery.transaction._LazyBegin.begin", slow_begin)

    async def write() -> None:
        async with start():  # type: ignore[operator]
            await factories.creator()

    task = asyncio.create_task(write())
    await asyncio.wait_for(began.wait(), 5)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    monkeypatch.undo()
    assert await asyncio.wait_for(Creator.all().count(), 5) == 0  # nothing written, no hang
    async with in_transaction():
        await factories.creator()
    assert await Creator.all().count() == 1
