"""Batches and the turn's transaction: the same rows and errors as statement by statement, on
SQLite and PostgreSQL, and on SQLite in fewer round trips to the connection's worker thread."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from tortoise import connections
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from bot import accounts
from bot.delivery.bulk import Batch, Statement
from bot.delivery.transaction import finish, transaction
from bot.inbox import ACCEPT
from models import InboxMessage, InboxStatus
from tests.sqlcount import counting, round_trips

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
RENAME = Statement('UPDATE "inbox_message" SET channel = {} WHERE id = {}')


BOT: dict[str, str] = {}


@pytest.fixture(autouse=True)
async def bot(db: str) -> None:
    owner = await accounts.create_creator("batch@example.com", "batch-password")
    BOT["id"] = str((await accounts.create_bot(owner, "batch", "Batch")).id)


def inbox_row(key: str, row_id: uuid.UUID | None = None) -> tuple[Any, ...]:
    return (str(row_id or uuid.uuid4()), BOT["id"], "web", key, "{}", NOW, None, 0)


async def ids_stored() -> set[str]:
    return {str(i) for i in await InboxMessage.all().values_list("id", flat=True)}


async def test_a_batch_in_a_transaction_writes_in_order_in_one_round_trip_on_sqlite(
    db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = uuid.uuid4(), uuid.uuid4()
    with round_trips(monkeypatch) as calls, counting() as statements:
        async with transaction():
            batch = Batch(connections.get("default"))
            ACCEPT.queue(batch, [inbox_row("a", first)])
            ACCEPT.queue(batch, [inbox_row("b", second), inbox_row("c")])
            RENAME.queue(batch, "telegram", str(first))  # after its INSERT: order is kept
            await finish(batch)
        sent = list(calls)
    assert len(statements) == 3, statements.report()
    rows = {str(r.id): r.channel for r in await InboxMessage.all()}
    assert len(rows) == 3 and rows[str(first)] == "telegram" and rows[str(second)] == "web"
    if db.startswith("sqlite"):  # BEGIN, the statements and the COMMIT in one call
        assert sent == ["_execute_all"], sent


async def test_a_failing_batch_rolls_the_whole_transaction_back(db: str) -> None:
    kept = uuid.uuid4()
    await ACCEPT.run(connections.get("default"), [inbox_row("dup", kept)])
    with pytest.raises(IntegrityError):
        async with transaction():
            await ACCEPT.run(connections.get("default"), [inbox_row("first-in-transaction")])
            batch = Batch(connections.get("default"))
            ACCEPT.queue(batch, [inbox_row("fine")])
            ACCEPT.queue(batch, [inbox_row("dup")])  # the unique (bot, channel, key)
            await finish(batch)
    assert await ids_stored() == {str(kept)}
    async with transaction():  # the connection is free and usable again
        await ACCEPT.run(connections.get("default"), [inbox_row("after")])
    assert len(await ids_stored()) == 2


async def test_finish_commits_and_a_later_transaction_sees_the_rows(db: str) -> None:
    row_id = uuid.uuid4()
    async with transaction():
        batch = Batch(connections.get("default"))
        ACCEPT.queue(batch, [inbox_row("k", row_id)])
        await finish(batch)
    async with transaction():
        await Statement('UPDATE "inbox_message" SET status = {} WHERE id = {}').run(
            connections.get("default"), InboxStatus.DONE.value, str(row_id)
        )
    row = await InboxMessage.get(id=row_id)
    assert row.status == InboxStatus.DONE


async def test_a_batch_outside_a_transaction_runs_statement_by_statement(
    db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with round_trips(monkeypatch) as calls:
        batch = Batch(connections.get("default"))
        ACCEPT.queue(batch, [inbox_row("one")])
        ACCEPT.queue(batch, [inbox_row("two")])
        await batch.run()
        sent = list(calls)
    assert len(await ids_stored()) == 2
    if db.startswith("sqlite"):  # each an autocommit statement of its own, as before
        assert len(sent) == 2 and "_execute_all" not in sent, sent


async def test_the_orm_or_a_savepoint_first_in_a_transaction_begins_it(db: str) -> None:
    """Whatever sends the first statement sends BEGIN first: a failure rolls back all of it."""
    with pytest.raises(IntegrityError):
        async with transaction():
            await InboxMessage.create(
                bot_id=BOT["id"], channel="web", external_message_id="orm", received_at=NOW
            )
            await ACCEPT.run(connections.get("default"), [inbox_row("orm")])
    with pytest.raises(IntegrityError):
        async with transaction():
            async with in_transaction():  # a savepoint
                await ACCEPT.run(connections.get("default"), [inbox_row("nested")])
            await ACCEPT.run(connections.get("default"), [inbox_row("nested")])
    assert await ids_stored() == set()


async def test_a_transaction_that_sends_nothing_costs_no_round_trip(
    db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with round_trips(monkeypatch) as calls:
        async with transaction():
            pass
        sent = list(calls)
    if db.startswith("sqlite"):
        assert sent == [], sent
    async with transaction():  # and the connection is free for the next one
        await ACCEPT.run(connections.get("default"), [inbox_row("next")])
    assert len(await ids_stored()) == 1
