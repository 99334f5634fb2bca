"""Monthly partitions of the PostgreSQL event log: months created ahead, old months detached.

Migration 1 makes `user_interaction` a table partitioned by UTC month on `created_at`
(`user_interaction_pYYYY_MM`) with a DEFAULT partition for rows no month covers. The scheduler
calls `maintain_partitions()` a few times a day: it creates this month and `ahead` months, moving
any rows the default partition holds for a new month into it, and detaches months older than
`retain_months` (the detached tables stay in the database with their rows: archive them with
`pg_dump -t` and drop them, or attach them again). It does nothing on SQLite or on a database
whose table is not partitioned (one built by `generate_schemas`), and one process at a time.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from asyncpg.exceptions import LockNotAvailableError
from tortoise import connections
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

log = logging.getLogger(__name__)

TABLE = "user_interaction"
DEFAULT_PARTITION = f"{TABLE}_default"
MONTH_NAME = re.compile(rf"{TABLE}_p(\d{{4}})_(\d{{2}})")
PARTITION_LOCK_KEY = 0x5061727469  # "Parti": one maintainer at a time
LOCK_TIMEOUT_S = 5.0  # ATTACH/DETACH wait behind long queries at most this long; next run retries


@dataclass
class PartitionReport:
    """What one maintenance run did; `skipped` says why it did nothing."""

    created: list[str] = field(default_factory=list)
    detached: list[str] = field(default_factory=list)
    moved: int = 0
    skipped: str = ""


def month_start(value: datetime | date, shift: int = 0) -> date:
    """The first day of the (UTC) month `shift` months after `value`'s month."""
    if isinstance(value, datetime):
        value = value.astimezone(UTC).date()
    index = value.year * 12 + value.month - 1 + shift
    return date(index // 12, index % 12 + 1, 1)


def partition_name(month: date) -> str:
    return f"{TABLE}_p{month:%Y_%m}"


def bound(month: date) -> str:
    return f"{month.isoformat()} 00:00:00+00"


async def maintain_partitions(
    now: datetime,
    *,
    ahead: int = 3,
    retain_months: int | None = None,
    lock_timeout_s: float = LOCK_TIMEOUT_S,
) -> PartitionReport:
    """Create the months from `now`'s to `ahead` later; detach months older than retain_months."""
    if ahead < 0 or (retain_months is not None and retain_months < 1):
        raise ValueError("ahead must be >= 0 and retain_months >= 1 (or None to keep every month)")
    if connections.get("default").capabilities.dialect != "postgres":
        return PartitionReport(skipped="not PostgreSQL")
    try:
        report = await _maintain(now, ahead, retain_months, lock_timeout_s)
    except LockNotAvailableError:
        # Rolled back whole; the table stays as it was and the next run tries again.
        log.warning("partitions of %s: lock timeout behind another query, retrying later", TABLE)
        return PartitionReport(skipped="lock timeout")
    if report.created or report.detached:
        log.info(
            "partitions of %s: created %s, detached %s, %d rows moved out of the default",
            TABLE,
            report.created,
            report.detached,
            report.moved,
        )
    return report


async def _maintain(
    now: datetime, ahead: int, retain_months: int | None, lock_timeout_s: float
) -> PartitionReport:
    async with in_transaction() as conn:
        if not await _is_partitioned(conn):
            return PartitionReport(skipped=f"{TABLE} is not partitioned")
        if not await _try_lock(conn):
            return PartitionReport(skipped="another process holds the maintenance lock")
        await conn.execute_script(f"SET LOCAL lock_timeout = '{int(lock_timeout_s * 1000)}ms'")
        report = PartitionReport()
        existing = await attached_months(conn)
        for shift in range(ahead + 1):
            month = month_start(now, shift)
            if month not in existing:
                report.moved += await _create(conn, month)
                report.created.append(partition_name(month))
        if retain_months is not None:
            oldest_kept = month_start(now, -retain_months)
            for month in sorted(m for m in existing if m < oldest_kept):
                await conn.execute_script(
                    f'ALTER TABLE "{TABLE}" DETACH PARTITION "{partition_name(month)}"'
                )
                report.detached.append(partition_name(month))
        return report


async def attached_months(conn: BaseDBAsyncClient) -> set[date]:
    """The months that have a partition attached to the event log."""
    _, rows = await conn.execute_query(
        "SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
        "WHERE i.inhparent = $1::regclass",
        [TABLE],
    )
    found = (MONTH_NAME.fullmatch(row["name"]) for row in rows)
    return {date(int(m[1]), int(m[2]), 1) for m in found if m}


async def _is_partitioned(conn: BaseDBAsyncClient) -> bool:
    _, rows = await conn.execute_query(
        "SELECT count(*) AS n FROM pg_partitioned_table WHERE partrelid = to_regclass($1)", [TABLE]
    )
    return bool(rows[0]["n"])


async def _try_lock(conn: BaseDBAsyncClient) -> bool:
    _, rows = await conn.execute_query(
        "SELECT pg_try_advisory_xact_lock($1) AS locked", [PARTITION_LOCK_KEY]
    )
    return bool(rows[0]["locked"])


async def _create(conn: BaseDBAsyncClient, month: date) -> int:
    """Build the month as a plain table, move its rows out of the default partition, attach it.

    `CREATE TABLE ... PARTITION OF` would fail if the default partition held rows of that month;
    building the table first and attaching it keeps those rows (same transaction: none is lost).
    """
    name, low, high = partition_name(month), bound(month), bound(month_start(month, 1))
    await conn.execute_script(
        f'CREATE TABLE "{name}" (LIKE "{TABLE}" INCLUDING DEFAULTS INCLUDING CONSTRAINTS);'
        f'ALTER TABLE "{name}" ADD CONSTRAINT "{name}_bounds" '
        f"CHECK (created_at >= '{low}' AND created_at < '{high}')"
    )
    _, moved = await conn.execute_query(
        f'WITH moved AS (DELETE FROM "{DEFAULT_PARTITION}" '
        f"WHERE created_at >= '{low}' AND created_at < '{high}' RETURNING *), "
        f'kept AS (INSERT INTO "{name}" SELECT * FROM moved RETURNING 1) '
        "SELECT count(*) AS n FROM kept"
    )
    # The CHECK constraint lets ATTACH skip its validation scan; it is redundant afterwards.
    await conn.execute_script(
        f'ALTER TABLE "{TABLE}" ATTACH PARTITION "{name}" '
        f"FOR VALUES FROM ('{low}') TO ('{high}');"
        f'ALTER TABLE "{name}" DROP CONSTRAINT "{name}_bounds"'
    )
    return int(moved[0]["n"])
