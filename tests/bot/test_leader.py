"""Leadership: a job runs in exactly one process; when its holder dies another takes over."""

from __future__ import annotations

import asyncio

import pytest
from tortoise import connections

from bot.leader import Leadership, run_led
from models.db import dialect


class Job:
    def __init__(self, name: str, log: list[str]) -> None:
        self.name = name
        self.log = log

    async def __call__(self, stop: asyncio.Event) -> None:
        self.log.append(f"{self.name} started")
        await stop.wait()
        self.log.append(f"{self.name} stopped")


async def test_one_process_runs_the_job_and_the_other_takes_over_when_it_dies(db: str) -> None:
    if dialect(db) != "postgres":
        log: list[str] = []
        stop = asyncio.Event()
        task = asyncio.create_task(run_led(Job("only", log), stop, leadership=None))
        await asyncio.sleep(0.05)
        stop.set()
        await task
        assert log == ["only started", "only stopped"]  # SQLite: one process, no lock
        return
    log = []
    stop = asyncio.Event()
    a = Leadership("polling-test", database_url=db, node="node-a", retry_s=0.2, keepalive_s=0.2)
    b = Leadership("polling-test", database_url=db, node="node-b", retry_s=0.2, keepalive_s=0.2)
    task_a = asyncio.create_task(a.run(Job("a", log), stop))
    await asyncio.wait_for(a.leading.wait(), 10)
    task_b = asyncio.create_task(b.run(Job("b", log), stop))
    await asyncio.sleep(1.0)
    assert log == ["a started"] and not b.leading.is_set()
    await connections.get("default").execute_query(  # node a's lock session drops
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
        " WHERE application_name = $1 AND datname = current_database()",
        ["parley:node-a:polling-test"],
    )
    async with asyncio.timeout(10):  # a stops its job; then exactly one of them leads
        while "a stopped" not in log or not (a.leading.is_set() or b.leading.is_set()):  # noqa: ASYNC110
            await asyncio.sleep(0.05)  # two processes, two conditions: polling is clearest
    assert a.leading.is_set() != b.leading.is_set()
    holder, other = (task_a, task_b) if a.leading.is_set() else (task_b, task_a)
    holder.cancel()  # the holding process goes away: its session ends, the other takes over
    await asyncio.gather(holder, return_exceptions=True)
    survivor = b if other is task_b else a
    await asyncio.wait_for(survivor.leading.wait(), 10)
    stop.set()
    await asyncio.wait_for(other, 10)
    assert log.count("a started") + log.count("b started") == log.count("a stopped") + log.count(
        "b stopped"
    )


@pytest.mark.parametrize("name", ["telegram-polling", "x"])
def test_lock_keys_are_stable_signed_64_bit(name: str) -> None:
    from bot.leader import lock_key

    assert lock_key(name) == lock_key(name)
    assert -(2**63) <= lock_key(name) < 2**63
