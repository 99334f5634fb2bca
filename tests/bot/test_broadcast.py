"""Broadcast: ids published reach every subscriber, across connections on PostgreSQL, and a
dropped listener reconnects and resyncs."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from tortoise import connections

from bot.broadcast import Broadcast, LocalBroadcast, PostgresBroadcast, batches
from models.db import dialect


class Inbox:
    """What a subscriber received, with a way to wait for it."""

    def __init__(self) -> None:
        self.ids: list[list[str]] = []
        self.resyncs = 0
        self.changed = asyncio.Event()

    async def on_ids(self, ids: list[str]) -> None:
        self.ids.append(ids)
        self.changed.set()

    async def on_resync(self) -> None:
        self.resyncs += 1
        self.changed.set()

    async def until(self, check: object, within: float = 10.0) -> None:
        async with asyncio.timeout(within):
            while not check():  # type: ignore[operator]
                self.changed.clear()
                await self.changed.wait()


async def running(broadcast: Broadcast, stop: asyncio.Event) -> asyncio.Task[None]:
    task = asyncio.create_task(broadcast.run(stop))
    if isinstance(broadcast, PostgresBroadcast):
        await asyncio.wait_for(broadcast.listening.wait(), 10)
    return task


@pytest.fixture
async def pair(db: str) -> AsyncIterator[tuple[Broadcast, Inbox]]:
    """A publisher and a subscriber: two processes on PostgreSQL, the one process on SQLite."""
    stop = asyncio.Event()
    if dialect(db) == "postgres":
        a: Broadcast = PostgresBroadcast(db, node="node-a", keepalive_s=0.5)
        b: Broadcast = PostgresBroadcast(db, node="node-b", keepalive_s=0.5)
    else:
        a = b = LocalBroadcast()
    got = Inbox()
    b.subscribe("widget.push", got.on_ids)  # subscribers register before the broadcast runs
    tasks = [await running(a, stop)] + ([await running(b, stop)] if b is not a else [])
    yield a, got
    stop.set()
    await asyncio.wait_for(asyncio.gather(*tasks), 10)


async def test_published_ids_reach_the_other_process(pair: tuple[Broadcast, Inbox]) -> None:
    publisher, got = pair
    await publisher.publish("widget.push", ["row-1", "node-a"])
    await publisher.publish("widget.ack", ["nobody-listens"])
    await got.until(lambda: got.ids)
    assert got.ids == [["row-1", "node-a"]]


async def test_a_dropped_listener_reconnects_resyncs_and_hears_again(db: str) -> None:
    if dialect(db) != "postgres":
        pytest.skip("one process on SQLite: nothing to drop")
    stop = asyncio.Event()
    listener = PostgresBroadcast(db, node="node-drop", keepalive_s=0.2, max_backoff_s=0.2)
    got = Inbox()
    listener.subscribe("widget.push", got.on_ids)
    listener.on_resync(got.on_resync)
    task = await running(listener, stop)
    await connections.get("default").execute_query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
        " WHERE application_name = $1 AND datname = current_database()",
        ["parley:node-drop"],
    )
    await got.until(lambda: got.resyncs == 1)
    await asyncio.wait_for(listener.listening.wait(), 10)
    await LocalPublisher(db).publish("widget.push", ["after-drop"])
    await got.until(lambda: ["after-drop"] in got.ids)
    stop.set()
    await asyncio.wait_for(task, 10)
    assert listener.connections_made == 2


class LocalPublisher(PostgresBroadcast):
    """Publishes only (NOTIFY goes through the ORM's pool, no listener needed)."""

    def __init__(self, db: str) -> None:
        super().__init__(db, node="publisher")


def test_large_id_lists_are_split_under_the_notify_limit() -> None:
    ids = [f"{i:036d}" for i in range(1000)]
    payloads = batches(ids)
    assert len(payloads) > 1
    assert all(len(p.encode()) < 8000 for p in payloads)
    assert [i for p in payloads for i in p.split(",")] == ids
    with pytest.raises(ValueError):
        batches(["a,b"])
