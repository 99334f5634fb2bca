"""Bench plumbing for per-turn figures: SQL statements by turn kind, a program to step through,
process CPU and RSS of a server, and open-loop (Poisson) load.

Server side: `count_by_kind(app)` adds a middleware that files every SQL statement a request
caused (Tortoise logs each one on `tortoise.db_client`; the request's task and the tasks it
starts share a context variable) under the request's `X-Bench-Kind` header, and the route
`GET /bench/statements` that reports them. `seed_program()` publishes a program of many
on-complete questions, so every answer is a program step that completes one step and
delivers the next in the same turn.

Client side: `cpu_seconds(pid)` and `rss_mb(pid)` read /proc; `open_loop()` sends requests at
Poisson arrival times whatever the answers do, so its percentiles are latency, not queueing.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
import os
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

KIND_HEADER = "X-Bench-Kind"
PROGRAM_CODE = "bench-steps"
PROGRAM_STEPS = 400
_bucket: contextvars.ContextVar[list[int] | None] = contextvars.ContextVar("bench_bucket")


# --- server side ----------------------------------------------------------------------------


class KindCounter(logging.Handler):
    """Adds each statement to the current request's bucket (when there is one): [all, of which
    the durable inbox's]."""

    def emit(self, record: logging.LogRecord) -> None:
        bucket = _bucket.get(None)
        if bucket is not None:
            bucket[0] += 1
            sql = record.args[0] if record.args else record.msg
            bucket[1] += '"inbox_message"' in str(sql)[:80]


def count_by_kind(app: web.Application) -> None:
    totals: dict[str, list[int]] = {}
    logger = logging.getLogger("tortoise.db_client")
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    logger.addHandler(KindCounter())

    @web.middleware
    async def by_kind(request: web.Request, handler: Any) -> web.StreamResponse:
        kind = request.headers.get(KIND_HEADER)
        if kind is None:
            return await handler(request)  # type: ignore[no-any-return]
        bucket = [0, 0]
        token = _bucket.set(bucket)
        try:
            response = await handler(request)
        finally:
            _bucket.reset(token)
        if response.status == 200:
            total = totals.setdefault(kind, [0, 0, 0])
            total[0] += bucket[0]
            total[1] += 1
            total[2] += bucket[1]
        return response  # type: ignore[no-any-return]

    async def report(request: web.Request) -> web.Response:
        return web.json_response(
            {k: {"statements": s, "requests": n, "inbox": i} for k, (s, n, i) in totals.items()}
        )

    app.middlewares.append(by_kind)
    app.router.add_get("/bench/statements", report)


async def seed_program(bot: Any) -> None:
    from bot.programs import service
    from bot.programs.schema import validate_definition

    steps = [
        {"id": f"s{n}", "kind": "question", "title": f"Step {n}", "text": f"Question {n}?",
         "points": 5}
        for n in range(PROGRAM_STEPS)
    ]  # fmt: skip
    definition = validate_definition({"code": PROGRAM_CODE, "title": "Bench", "steps": steps})
    await service.import_program(bot, definition)
    await service.publish_program(bot, PROGRAM_CODE)


# --- client side ------------------------------------------------------------------------------

_TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (from /proc/PID/stat)."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / _TICK


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


@dataclass
class OpenLoop:
    rate: float
    seconds: float
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    first_error: str = ""
    cpu_s: float = 0.0

    def ms(self, quantile: float) -> float:
        values = sorted(self.latencies)
        if not values:
            return float("nan")
        return values[min(len(values) - 1, int(quantile * len(values)))] * 1000


async def open_loop(
    rate: float,
    seconds: float,
    attempt: Callable[[int], Awaitable[tuple[float, ...]]],
    *,
    sessions: int = 500,
    seed: int = 7,
) -> OpenLoop:
    """Requests at Poisson arrival times (mean `rate`/s), each from the next of `sessions`."""
    run = OpenLoop(rate, seconds)
    rng = random.Random(seed)
    tasks: list[asyncio.Task[None]] = []

    async def one(session: int) -> None:
        try:
            run.latencies.append((await attempt(session))[0])
        except Exception as exc:
            run.errors += 1
            run.first_error = run.first_error or f"{type(exc).__name__}: {exc}"

    started = time.perf_counter()
    at, n = 0.0, 0
    while at < seconds:
        delay = started + at - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one(n % sessions)))
        n += 1
        at += rng.expovariate(rate)
    await asyncio.gather(*tasks)
    return run
