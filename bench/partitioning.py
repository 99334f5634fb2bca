"""Does monthly partitioning of `message` pay? The engine's and the studio's queries on a plain
table against the same rows in a table partitioned by month on created_at.

Usage: python bench/partitioning.py [--rows 2000000] [--months 24] [--lookups 300]

Creates a throwaway database on $PARLEY_TEST_PG_SERVER (default postgres@127.0.0.1:5432), loads
`--rows` messages spread evenly over `--months` months (appended in time order, as a live table
fills; 100k conversations, 50 bots) into `message_plain` (the current keys) and copies them into
`message_part` (PARTITION BY RANGE (created_at), one partition per month; PostgreSQL requires
the partition key in every unique key, so the primary key becomes (id, created_at) and the
idempotency key (bot_id, channel, external_message_id, created_at)). Both get the indexes the
models declare, then ANALYZE. Each query runs `--lookups` times with random parameters through
asyncpg prepared statements (as Tortoise runs them), after one untimed pass over both tables;
medians in ms, and partitioned / plain in the same run. Dropping the oldest month (DELETE vs
DETACH) runs in a rolled-back transaction.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import time
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import asyncpg

SERVER = os.environ.get("PARLEY_TEST_PG_SERVER", "postgres@127.0.0.1:5432")
START = datetime(2025, 1, 1, tzinfo=UTC)
CONVERSATIONS = 100_000
BOTS = 50

COLUMNS = """
    id UUID NOT NULL,
    conversation_id UUID NOT NULL,
    bot_id UUID NOT NULL,
    channel VARCHAR(50) NOT NULL,
    direction VARCHAR(8) NOT NULL,
    content TEXT NOT NULL,
    metadata JSONB NOT NULL,
    external_message_id VARCHAR(255),
    reply_to_id UUID,
    created_at TIMESTAMPTZ NOT NULL
"""


def fake_uuid(expr: str, tag: int) -> str:
    return f"('{tag:08x}-0000-4000-8000-' || lpad(to_hex({expr}), 12, '0'))::uuid"


def load_sql(rows: int, months: int) -> str:
    span = f"INTERVAL '{months} months'"
    return f"""
    INSERT INTO message_plain
    SELECT gen_random_uuid(), {fake_uuid(f"g % {CONVERSATIONS}", 1)},
           {fake_uuid(f"g % {BOTS}", 2)}, 'telegram',
           CASE WHEN g % 2 = 0 THEN 'in' ELSE 'out' END,
           repeat('a message of ordinary length ', 3), '{{"index": 0}}',
           CASE WHEN g % 2 = 0 THEN 'tg-' || g END, NULL,
           TIMESTAMPTZ '{START.isoformat()}' + (g::float8 / {rows}) * {span}
    FROM generate_series(1, {rows}) AS g
    """


def month(n: int) -> datetime:
    index = START.year * 12 + START.month - 1 + n
    return datetime(index // 12, index % 12 + 1, 1, tzinfo=UTC)


async def build(conn: asyncpg.Connection, rows: int, months: int) -> dict[str, float]:
    timings: dict[str, float] = {}
    started = time.perf_counter()
    await conn.execute(f"CREATE TABLE message_plain ({COLUMNS}, PRIMARY KEY (id))")
    await conn.execute(load_sql(rows, months))
    await conn.execute(
        "CREATE UNIQUE INDEX plain_idem ON message_plain (bot_id, channel, external_message_id);"
        "CREATE INDEX plain_conv ON message_plain (conversation_id, created_at);"
        "CREATE INDEX plain_created ON message_plain (created_at);"
    )
    timings["load_plain_s"] = time.perf_counter() - started
    started = time.perf_counter()
    await conn.execute(
        f"CREATE TABLE message_part ({COLUMNS}, PRIMARY KEY (id, created_at)) "
        "PARTITION BY RANGE (created_at)"
    )
    for n in range(months + 1):
        low, high = month(n), month(n + 1)
        await conn.execute(
            f"CREATE TABLE message_part_{n:03d} PARTITION OF message_part "
            f"FOR VALUES FROM ('{low.isoformat()}') TO ('{high.isoformat()}')"
        )
    await conn.execute("INSERT INTO message_part SELECT * FROM message_plain")
    await conn.execute(
        "CREATE UNIQUE INDEX part_idem ON message_part "
        "(bot_id, channel, external_message_id, created_at);"
        "CREATE INDEX part_conv ON message_part (conversation_id, created_at);"
        "CREATE INDEX part_created ON message_part (created_at);"
    )
    timings["load_partitioned_s"] = time.perf_counter() - started
    await conn.execute("VACUUM ANALYZE message_plain")
    await conn.execute("VACUUM ANALYZE message_part")
    return timings


def queries(table: str) -> dict[str, str]:
    return {
        # bot/transcript.py: is this update a redelivery? (the idempotency key, no created_at)
        "dedupe_by_external_id": f"SELECT id FROM {table} WHERE bot_id = $1 AND "
        "channel = 'telegram' AND external_message_id = $2",
        # bot/answer.py: the conversation's last exchanges for the prompt
        "conversation_history": f"SELECT direction, content FROM {table} "
        "WHERE conversation_id = $1 ORDER BY created_at DESC LIMIT 10",
        # bot/outbox.py: delivery status onto the message, by id (the FK targets look like this)
        "by_id": f"SELECT id, metadata FROM {table} WHERE id = $1",
        # bot/metrics/engagement.py: one day's inbound messages per bot
        "daily_rollup": f"SELECT bot_id, count(*) FROM {table} WHERE direction = 'in' "
        "AND created_at >= $1 AND created_at < $2 GROUP BY bot_id",
    }


async def samples(conn: asyncpg.Connection, rows: int, months: int, n: int) -> dict[str, list]:
    """Random parameters per query, biased to the last month as live traffic is."""
    recent = range(int(rows * (1 - 1 / months)), rows)
    evens = [g - g % 2 for g in random.sample(recent, n)]
    ids = [r["id"] for r in await conn.fetch(f"SELECT id FROM message_plain LIMIT {n * 50}")]
    days = [START + timedelta(days=random.randrange(months * 30)) for _ in range(n)]

    def uid(tag: int, value: int) -> uuid.UUID:
        return uuid.UUID(f"{tag:08x}-0000-4000-8000-{value:012x}")

    return {
        "dedupe_by_external_id": [(uid(2, g % BOTS), f"tg-{g}") for g in evens],
        "conversation_history": [(uid(1, random.randrange(CONVERSATIONS)),) for _ in range(n)],
        "by_id": [(i,) for i in random.sample(ids, n)],
        "daily_rollup": [(d, d + timedelta(days=1)) for d in days],
    }


async def timed(run: Callable[[], Awaitable[Any]]) -> float:
    started = time.perf_counter()
    await run()
    return (time.perf_counter() - started) * 1000


async def measure(conn: asyncpg.Connection, table: str, params: dict[str, list]) -> dict:
    result = {}
    for name, sql in queries(table).items():
        statement = await conn.prepare(sql)
        args = params[name] if name != "daily_rollup" else params[name][:20]
        times = []
        for a in args:
            started = time.perf_counter()
            await statement.fetch(*a)
            times.append((time.perf_counter() - started) * 1000)
        plan = await conn.fetchval(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", *args[0])
        result[name] = {
            "median_ms": statistics.median(times),
            "planning_ms": json.loads(plan)[0]["Planning Time"],
        }
    return result


async def drop_oldest_month(conn: asyncpg.Connection) -> dict[str, float]:
    """Retention of the oldest month, both ways, rolled back."""
    out = {}
    for name, sql in {
        "plain_delete_ms": f"DELETE FROM message_plain WHERE created_at < '{month(1).isoformat()}'",
        "partitioned_detach_ms": "ALTER TABLE message_part DETACH PARTITION message_part_000",
    }.items():
        tx = conn.transaction()
        await tx.start()
        out[name] = await timed(lambda sql=sql: conn.execute(sql))  # type: ignore[misc]
        await tx.rollback()
    return out


async def main(rows: int, months: int, lookups: int) -> dict[str, Any]:
    name = f"parley_bench_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(f"postgres://{SERVER}/postgres")
    await admin.execute(f'CREATE DATABASE "{name}"')
    try:
        conn = await asyncpg.connect(f"postgres://{SERVER}/{name}")
        try:
            report: dict[str, Any] = {"rows": rows, "months": months, "lookups": lookups}
            report |= await build(conn, rows, months)
            params = await samples(conn, rows, months, lookups)
            for table in ("message_plain", "message_part"):  # warm both caches alike first
                await measure(conn, table, params)
            report["plain"] = await measure(conn, "message_plain", params)
            report["partitioned"] = await measure(conn, "message_part", params)
            report["retention"] = await drop_oldest_month(conn)
        finally:
            await conn.close()
    finally:
        await admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        await admin.close()
    return report


def show(report: dict[str, Any]) -> None:
    print(f"{report['rows']:,} messages over {report['months']} months")
    print(f"{'query':26} {'plain ms':>9} {'part. ms':>9} {'ratio':>6} {'plan p/pl ms':>14}")
    for name, plain in report["plain"].items():
        part = report["partitioned"][name]
        ratio = part["median_ms"] / plain["median_ms"]
        report.setdefault("ratios", {})[name] = round(ratio, 2)
        plans = f"{part['planning_ms']:.2f}/{plain['planning_ms']:.2f}"
        print(
            f"{name:26} {plain['median_ms']:9.3f} {part['median_ms']:9.3f} {ratio:6.2f} {plans:>14}"
        )
    print(f"drop the oldest month: {report['retention']}")
    print(json.dumps(report))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2_000_000)
    parser.add_argument("--months", type=int, default=24)
    parser.add_argument("--lookups", type=int, default=300)
    args = parser.parse_args()
    show(asyncio.run(main(args.rows, args.months, args.lookups)))
