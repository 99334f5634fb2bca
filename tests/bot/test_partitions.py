"""Monthly partitions of the event log on a database migrated like production (PostgreSQL), and
the no-op everywhere else: months created ahead, stray rows moved out of the default partition,
old months detached with their rows kept, one maintainer at a time."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import asyncpg
import pytest
from aerich.utils import import_py_file
from tortoise import connections

from bot.clock import FakeClock
from bot.partitions import PARTITION_LOCK_KEY, maintain_partitions, month_start
from bot.scheduler import Scheduler
from models import EndUser, UserInteraction
from models.db import dialect
from models.migrate import history_files, migration_dir
from tests import factories

# Partitioning exists on PostgreSQL only: these tests take only the PostgreSQL session database
# (the SQLite no-op is tested below).
ON_POSTGRES = pytest.mark.parametrize("orm", ["postgres"], indirect=True)
PARTITIONING = migration_dir("postgres") / next(
    name
    for name in history_files(migration_dir("postgres"))
    if "partition_user_interaction" in name
)


async def migration_sql(direction: str) -> str:
    module = import_py_file(PARTITIONING)
    sql: str = await getattr(module, direction)(connections.get("default"))
    return sql


@pytest.fixture
async def partitioned(db: str) -> AsyncIterator[str]:
    """The session's PostgreSQL schema with the production migration's partitioning applied."""
    conn = connections.get("default")
    await conn.execute_script(await migration_sql("upgrade"))
    try:
        yield db
    finally:
        await conn.execute_script(await migration_sql("downgrade"))
        _, rows = await conn.execute_query(
            "SELECT relname FROM pg_class "
            "WHERE relname LIKE 'user_interaction_p%' AND relkind = 'r'"
        )
        for row in rows:  # partitions a test detached are standalone tables now
            await conn.execute_script(f'DROP TABLE "{row["relname"]}"')


async def attached(url: str) -> dict[str, int]:
    """Partition name -> rows it holds, for every partition attached to the event log."""
    conn = await asyncpg.connect(url)
    try:
        names = await conn.fetch(
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
            "WHERE i.inhparent = 'user_interaction'::regclass"
        )
        return {
            r["relname"]: await conn.fetchval(f'SELECT count(*) FROM "{r["relname"]}"')
            for r in names
        }
    finally:
        await conn.close()


async def learner() -> EndUser:
    owner = await factories.creator()
    return await factories.end_user(await factories.bot(owner))


@ON_POSTGRES
async def test_months_ahead_are_created_and_default_rows_move_in(partitioned: str) -> None:
    user = await learner()
    now = datetime.now(UTC)
    far = datetime(month_start(now, 7).year, month_start(now, 7).month, 9, 12, tzinfo=UTC)
    stray = await UserInteraction.create(
        user=user, bot_id=user.bot_id, interaction_type="message_sent", channel="web"
    )
    await UserInteraction.filter(id=stray.id).update(created_at=far)
    before = await attached(partitioned)

    later = datetime(far.year, far.month, 2, tzinfo=UTC)
    report = await maintain_partitions(later, ahead=2)
    again = await maintain_partitions(later, ahead=2)
    after = await attached(partitioned)

    names = [f"user_interaction_p{month_start(later, n):%Y_%m}" for n in range(3)]
    assert before["user_interaction_default"] == 1  # no month covered it yet
    assert report.created == names and report.moved == 1 and report.detached == []
    assert after["user_interaction_default"] == 0
    assert after[names[0]] == 1
    assert (again.created, again.moved, again.skipped) == ([], 0, "")
    # The ORM's queries are unchanged: the row keeps its id and reads back through the parent.
    found = await UserInteraction.get(id=stray.id)
    assert found.created_at == far and found.user_id == user.id  # type: ignore[attr-defined]


@ON_POSTGRES
async def test_old_months_are_detached_with_their_rows_kept(partitioned: str) -> None:
    user = await learner()
    now = datetime.now(UTC)
    this_month = datetime(now.year, now.month, 3, tzinfo=UTC)
    await UserInteraction.bulk_create([factories.interaction(user, "message_sent", this_month)])
    in_a_year = month_start(now, 12)

    report = await maintain_partitions(
        datetime(in_a_year.year, in_a_year.month, 1, tzinfo=UTC), ahead=0, retain_months=6
    )

    kept = await attached(partitioned)
    gone = f"user_interaction_p{now:%Y_%m}"
    assert gone in report.detached and gone not in kept
    assert f"user_interaction_p{in_a_year:%Y_%m}" in kept
    assert all(
        name >= f"user_interaction_p{month_start(in_a_year, -6):%Y_%m}"
        for name in kept
        if name != "user_interaction_default"
    )
    assert await UserInteraction.filter(user_id=user.id).count() == 0
    conn = await asyncpg.connect(partitioned)
    try:
        assert await conn.fetchval(f'SELECT count(*) FROM "{gone}"') == 1
    finally:
        await conn.close()


@ON_POSTGRES
async def test_a_second_maintainer_steps_aside(partitioned: str) -> None:
    holder = await asyncpg.connect(partitioned)
    try:
        await holder.execute("SELECT pg_advisory_lock($1)", PARTITION_LOCK_KEY)
        report = await maintain_partitions(datetime(2031, 1, 1, tzinfo=UTC))
    finally:
        await holder.close()

    assert report.skipped == "another process holds the maintenance lock"
    assert report.created == []
    assert "user_interaction_p2031_01" not in await attached(partitioned)


@ON_POSTGRES
async def test_a_long_query_postpones_the_upkeep_without_a_change(partitioned: str) -> None:
    reader = await asyncpg.connect(partitioned)
    try:
        async with reader.transaction():
            await reader.execute("LOCK TABLE user_interaction IN ACCESS SHARE MODE")
            await reader.execute("LOCK TABLE user_interaction_default IN SHARE MODE")
            report = await maintain_partitions(datetime(2031, 1, 1, tzinfo=UTC), lock_timeout_s=0.2)
    finally:
        await reader.close()

    assert report.skipped == "lock timeout" and report.created == []
    assert "user_interaction_p2031_01" not in await attached(partitioned)
    assert (await maintain_partitions(datetime(2031, 1, 1, tzinfo=UTC))).created[0] == (
        "user_interaction_p2031_01"
    )


async def test_nothing_to_do_without_partitioning(db: str) -> None:
    report = await maintain_partitions(datetime(2031, 1, 1, tzinfo=UTC))

    expected = (
        "not PostgreSQL" if dialect(db) == "sqlite" else "user_interaction is not partitioned"
    )
    assert report.skipped == expected and report.created == []


@ON_POSTGRES
async def test_the_running_scheduler_keeps_months_ahead(partitioned: str) -> None:
    later = month_start(datetime.now(UTC), 9)
    scheduler = Scheduler(clock=FakeClock(datetime(later.year, later.month, 5, tzinfo=UTC)))
    scheduler.start()  # the upkeep job runs at once, then every 6 hours
    try:
        for _ in range(100):
            if f"user_interaction_p{later:%Y_%m}" in await attached(partitioned):
                break
            await asyncio.sleep(0.05)
    finally:
        scheduler.shutdown()

    months = await attached(partitioned)
    assert {f"user_interaction_p{month_start(later, n):%Y_%m}" for n in range(4)} <= set(months)


@pytest.mark.parametrize("bad", [{"ahead": -1}, {"retain_months": 0}])
async def test_bad_arguments_are_refused(bad: dict[str, int]) -> None:
    with pytest.raises(ValueError, match="ahead must be"):
        await maintain_partitions(datetime(2031, 1, 1, tzinfo=UTC), **bad)


def test_month_arithmetic_crosses_years() -> None:
    assert month_start(datetime(2026, 11, 30, 23, tzinfo=UTC), 3).isoformat() == "2027-02-01"
    assert month_start(datetime(2026, 1, 15, tzinfo=UTC), -13).isoformat() == "2024-12-01"
