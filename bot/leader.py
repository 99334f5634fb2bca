"""Jobs that must run in exactly one process (Telegram long polling): a session advisory lock.

The lock lives on a dedicated connection (a pooled one would be unlocked on release): the
holder runs the job for as long as its session lives; if the holder dies, PostgreSQL ends the
session, frees the lock, and another process takes over at its next try. On SQLite there is
only one process, so the job simply runs.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Callable, Coroutine
from typing import Any

import asyncpg

from bot.clock import wait_or_stop
from bot.pgsession import alive, close_quietly, connect_session

log = logging.getLogger(__name__)
Job = Callable[[asyncio.Event], Coroutine[Any, Any, None]]  # runs until the event is set


def lock_key(name: str) -> int:
    """A stable signed 64-bit advisory lock key for a job name."""
    return int.from_bytes(
        hashlib.sha256(f"parley:{name}".encode()).digest()[:8], "big", signed=True
    )


class Leadership:
    """Runs `job` while this process holds the named lock; retries every `retry_s` otherwise."""

    def __init__(
        self,
        name: str,
        *,
        database_url: str,
        node: str,
        retry_s: float = 15.0,
        keepalive_s: float = 15.0,
    ) -> None:
        self.name = name
        self.database_url = database_url
        self.node = node
        self.retry_s = retry_s
        self.keepalive_s = keepalive_s
        self.leading = asyncio.Event()

    async def run(self, job: Job, stop: asyncio.Event) -> None:
        said_why = False
        while not stop.is_set():
            conn = await self._try_lock()
            if conn is None:
                if not said_why:
                    log.info(
                        "%s: another process holds the lock; this one skips it (retry every %gs)",
                        self.name,
                        self.retry_s,
                    )
                    said_why = True
                await wait_or_stop(stop, self.retry_s)
                continue
            log.info("%s: this process (%s) runs it", self.name, self.node)
            try:
                await self._lead(conn, job, stop)
            finally:
                self.leading.clear()
                await close_quietly(conn)

    async def _try_lock(self) -> asyncpg.Connection | None:
        try:
            conn = await connect_session(
                self.database_url, application_name=f"parley:{self.node}:{self.name}"
            )
        except (OSError, asyncpg.PostgresError, TimeoutError) as exc:
            log.warning("%s: cannot reach the database for its lock (%s)", self.name, exc)
            return None
        if await conn.fetchval("SELECT pg_try_advisory_lock($1)", lock_key(self.name)):
            return conn
        await close_quietly(conn)
        return None

    async def _lead(self, conn: asyncpg.Connection, job: Job, stop: asyncio.Event) -> None:
        """Run the job until stop, or until the lock's session is lost (then stop the job)."""
        job_stop = asyncio.Event()
        self.leading.set()
        task = asyncio.create_task(job(job_stop))
        stopping = asyncio.create_task(stop.wait())
        try:
            while not task.done():
                done, _ = await asyncio.wait(
                    [task, stopping], timeout=self.keepalive_s, return_when="FIRST_COMPLETED"
                )
                if stopping in done:
                    break
                if not task.done() and not await alive(conn):
                    log.warning("%s: lost the lock's session; stopping the job", self.name)
                    break
        finally:
            job_stop.set()
            stopping.cancel()
        try:
            await task
        except Exception:  # the task boundary: the job failed; another try comes later
            log.exception("%s: the job failed", self.name)
            await wait_or_stop(stop, self.retry_s)


async def run_led(job: Job, stop: asyncio.Event, *, leadership: Leadership | None) -> None:
    """`job` under `leadership` on PostgreSQL, or directly when there is one process (SQLite)."""
    if leadership is None:
        await job(stop)
        return
    await leadership.run(job, stop)
