"""Cross-process broadcast: `publish(topic, ids)` reaches every `subscribe(topic)` of every process.

Payloads are ids only (rows live in the database; a receiver reads what it needs). On SQLite, one
process serves everything, so `LocalBroadcast` calls the handlers in process. On PostgreSQL,
`PostgresBroadcast` LISTENs on a dedicated connection (a pooled one would be reset by the pool)
and publishes with `pg_notify` through the ORM's pool, so a notify inside a transaction goes out
only when that transaction commits. A dropped listener reconnects with backoff and then calls
the `on_resync` handlers: notifications sent while it was away are lost, so subscribers
re-read the state they care about.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
from collections import defaultdict
from collections.abc import Awaitable, Callable, Sequence
from typing import Protocol

import asyncpg
from tortoise import connections

from bot.clock import wait_or_stop
from bot.pgsession import alive, close_quietly, connect_session

log = logging.getLogger(__name__)
Handler = Callable[[list[str]], Awaitable[None]]
Resync = Callable[[], Awaitable[None]]
MAX_PAYLOAD_BYTES = 7900  # PostgreSQL refuses NOTIFY payloads of 8000 bytes or more
TOPIC = re.compile(r"^[a-z][a-z0-9_.]{0,40}$")


class Broadcast(Protocol):
    """Topic -> handlers of ids, in every process sharing the database."""

    def subscribe(self, topic: str, handler: Handler) -> None: ...

    def on_resync(self, handler: Resync) -> None: ...

    async def publish(self, topic: str, ids: Sequence[str]) -> None: ...

    async def run(self, stop: asyncio.Event) -> None:
        """Stay connected until `stop` is set."""
        ...


def channel_of(topic: str) -> str:
    if not TOPIC.match(topic):
        raise ValueError(f"topic {topic!r}: lowercase letters, digits, '_' and '.' only")
    return "parley_" + topic.replace(".", "_")


def batches(ids: Sequence[str], limit: int = MAX_PAYLOAD_BYTES) -> list[str]:
    """Comma-joined payloads, each under PostgreSQL's NOTIFY size limit."""
    payloads: list[str] = []
    current: list[str] = []
    size = 0
    for item in ids:
        if "," in item:
            raise ValueError(f"id {item!r} contains a comma")
        if current and size + len(item) + 1 > limit:
            payloads.append(",".join(current))
            current, size = [], 0
        current.append(item)
        size += len(item.encode()) + 1
    if current:
        payloads.append(",".join(current))
    return payloads


class _Handlers:
    """The subscription table both implementations share."""

    def __init__(self) -> None:
        self.handlers: dict[str, list[Handler]] = defaultdict(list)
        self.resyncs: list[Resync] = []

    def subscribe(self, topic: str, handler: Handler) -> None:
        channel_of(topic)  # validates the name early
        self.handlers[topic].append(handler)

    def on_resync(self, handler: Resync) -> None:
        self.resyncs.append(handler)

    async def deliver(self, topic: str, ids: list[str]) -> None:
        for handler in list(self.handlers.get(topic, ())):
            try:
                await handler(ids)
            except Exception:  # one subscriber's bug must not starve the others
                log.exception("broadcast %s: handler %s failed", topic, handler)

    async def resync(self) -> None:
        for handler in list(self.resyncs):
            try:
                await handler()
            except Exception:
                log.exception("broadcast: resync handler %s failed", handler)


class LocalBroadcast(_Handlers):
    """One process (SQLite): publishing calls this process's handlers directly."""

    async def publish(self, topic: str, ids: Sequence[str]) -> None:
        channel_of(topic)
        await self.deliver(topic, list(ids))

    async def run(self, stop: asyncio.Event) -> None:
        await stop.wait()


class PostgresBroadcast(_Handlers):
    """LISTEN/NOTIFY on a dedicated connection that reconnects and resyncs after a drop."""

    def __init__(
        self,
        database_url: str,
        *,
        node: str,
        keepalive_s: float = 15.0,
        max_backoff_s: float = 5.0,
    ) -> None:
        super().__init__()
        self.database_url = database_url
        self.node = node
        self.keepalive_s = keepalive_s
        self.max_backoff_s = max_backoff_s
        self.listening = asyncio.Event()
        self.connections_made = 0
        self._conn: asyncpg.Connection | None = None
        self._lost = asyncio.Event()
        self._tasks: set[asyncio.Task[None]] = set()

    async def publish(self, topic: str, ids: Sequence[str]) -> None:
        channel = channel_of(topic)
        db = connections.get("default")
        for payload in batches(ids):
            await db.execute_query("SELECT pg_notify($1, $2)", [channel, payload])

    async def run(self, stop: asyncio.Event) -> None:
        backoff = 0.1
        while not stop.is_set():
            try:
                await self._listen()
            except (OSError, asyncpg.PostgresError, TimeoutError) as exc:
                log.warning("broadcast: cannot listen (%s); retrying in %.1fs", exc, backoff)
                await wait_or_stop(stop, backoff)
                backoff = min(backoff * 2, self.max_backoff_s)
                continue
            backoff = 0.1
            await self._hold(stop)
        await self._drop()
        await asyncio.gather(*list(self._tasks), return_exceptions=True)

    async def _listen(self) -> None:
        conn = await connect_session(self.database_url, application_name=f"parley:{self.node}")
        self._lost.clear()
        conn.add_termination_listener(lambda _: self._lost.set())
        for topic in list(self.handlers):
            await conn.add_listener(channel_of(topic), self._on_notify)
        self._conn = conn
        self.connections_made += 1
        self.listening.set()
        if self.connections_made > 1:
            log.info("broadcast: listening again; resyncing subscribers")
            await self.resync()

    async def _hold(self, stop: asyncio.Event) -> None:
        """Until stop or a drop; a keepalive query notices a connection that died silently."""
        while not stop.is_set() and not self._lost.is_set():
            with contextlib.suppress(TimeoutError):
                waiters = (stop.wait(), self._lost.wait())
                await asyncio.wait_for(_first(*waiters), self.keepalive_s)
                continue
            if not await alive(self._conn):
                break
        if not stop.is_set():
            log.warning("broadcast: listener connection lost; reconnecting")
        await self._drop()

    async def _drop(self) -> None:
        self.listening.clear()
        conn, self._conn = self._conn, None
        await close_quietly(conn)

    def _on_notify(self, _conn: object, _pid: int, channel: str, payload: str) -> None:
        topic = next((t for t in self.handlers if channel_of(t) == channel), None)
        if topic is None:
            return
        task = asyncio.create_task(self.deliver(topic, payload.split(",") if payload else []))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)


async def _first(*waiters: Awaitable[object]) -> None:
    tasks = [asyncio.ensure_future(w) for w in waiters]
    try:
        await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in tasks:
            task.cancel()
