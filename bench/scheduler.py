"""Scheduler throughput: N enrollments with a due step -> ledger rows queued + outbox rows.

Usage: python bench/scheduler.py [--enrollments 100000] [--db sqlite|postgres] [--runs 3]
                                 [--account-index]

Each run seeds a fresh database (`--db postgres` creates a throwaway database on
$PARLEY_TEST_PG_SERVER, default postgres@127.0.0.1:5432, and drops it afterwards), runs ANALYZE
as autovacuum would on a live database, then times one `sweep_once` over every due row. As a
baseline measured in the same run it times Tortoise `bulk_create` of plain event rows into the
same database, and prints the sweep's rows written per second as a ratio of that. The machine
is shared, so compare ratios, and read the median of several runs.

`--account-index` adds the index on channel_account(end_user_id) that the sweep's account lookup
needs (proposed for models/channels.py; without it SQLite scans the table once per batch).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from tortoise import Tortoise, connections

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.clock import FakeClock
from bot.programs import service
from bot.programs.schema import validate_definition
from bot.scheduler import Scheduler
from models import (
    Bot,
    BotStatus,
    ChannelAccount,
    ChannelType,
    Conversation,
    Creator,
    EndUser,
    Message,
    OutboxMessage,
    ProgramEnrollment,
    ProgramVersion,
    ScheduledSend,
    StepProgress,
    UserInteraction,
)
from models.db import close_db, init_db
from tests.dbs import fresh_database

NOW = datetime(2026, 3, 2, 17, 0, tzinfo=UTC)
PROGRAM = {
    "code": "bench",
    "title": "Bench",
    "steps": [
        {
            "id": "day-1",
            "kind": "checkpoint",
            "text": "Do the thing.",
            "nudges": [{"after_hours": 8, "text": "Reminder."}],
        }
    ],
}
GOAL_SECONDS, GOAL_RATE = 30.0, 5000.0
BASELINE_ROWS = 50_000


@dataclass(frozen=True)
class Figures:
    sends: int
    seconds: float
    rows_written: int
    baseline_rows_per_s: float

    @property
    def rate(self) -> float:
        return self.sends / self.seconds

    @property
    def ratio(self) -> float:
        """Rows the sweep wrote per second, as a multiple of plain bulk_create's rows/s."""
        return self.rows_written / self.seconds / self.baseline_rows_per_s


async def seed(count: int) -> None:
    creator = await Creator.create(email="bench@example.com", password_hash="-")
    bot = await Bot.create(creator=creator, slug="bench", name="B", status=BotStatus.PUBLISHED)
    await service.import_program(bot, validate_definition(PROGRAM))
    version = await service.publish_program(bot, "bench", now=NOW)
    users = [
        EndUser(id=uuid.uuid4(), creator_id=creator.id, bot_id=bot.id, external_id=f"u{n}",
                channel="telegram")
        for n in range(count)
    ]  # fmt: skip
    await EndUser.bulk_create(users, batch_size=5000)
    await ChannelAccount.bulk_create(
        [ChannelAccount(bot_id=bot.id, end_user_id=u.id, channel=ChannelType.TELEGRAM,
                        external_id=u.external_id) for u in users],
        batch_size=5000,
    )  # fmt: skip
    enrollments = [enrollment(version, u) for u in users]
    await ProgramEnrollment.bulk_create(enrollments, batch_size=5000)
    await ScheduledSend.bulk_create(
        [ScheduledSend(enrollment_id=e.id, step_id="day-1", kind="step", attempt=0, due_at=NOW,
                       created_at=NOW) for e in enrollments],
        batch_size=5000,
    )  # fmt: skip


def enrollment(version: ProgramVersion, user: EndUser) -> ProgramEnrollment:
    return ProgramEnrollment(
        id=uuid.uuid4(),
        program_id=version.program_id,
        program_version_id=version.id,
        user_id=user.id,
        current_step="day-1",
        enrolled_at=NOW,
        last_activity_at=NOW,
    )


async def prepare(account_index: bool) -> None:
    db = connections.get("default")
    if account_index:
        await db.execute_script(
            "CREATE INDEX IF NOT EXISTS bench_channel_account_end_user"
            " ON channel_account (end_user_id)"
        )
    await db.execute_script("ANALYZE")


async def rows_written() -> int:
    """Every row the sweep inserted (the seed wrote only the step ledger rows)."""
    tables = (Conversation, Message, OutboxMessage, StepProgress, UserInteraction)
    counts = [await model.all().count() for model in tables]
    return sum(counts) + await ScheduledSend.filter(kind="nudge").count()


async def baseline(count: int) -> float:
    bot = await Bot.get(slug="bench")
    user = await EndUser.filter(bot_id=bot.id).first()
    assert user is not None
    rows = [
        UserInteraction(user_id=user.id, bot_id=bot.id, interaction_type="bench", channel="web")
        for _ in range(count)
    ]
    started = time.perf_counter()
    await UserInteraction.bulk_create(rows, batch_size=500)
    return count / (time.perf_counter() - started)


async def measure(count: int, account_index: bool) -> Figures:
    started = time.perf_counter()
    await seed(count)
    await prepare(account_index)
    print(f"  seeded {count} enrollments in {time.perf_counter() - started:.1f} s")
    scheduler = Scheduler(clock=FakeClock(NOW), batch_size=500)
    started = time.perf_counter()
    report = await scheduler.sweep_once(NOW)
    elapsed = time.perf_counter() - started
    queued = await ScheduledSend.filter(status="queued").count()
    if report.steps != count or queued != count:
        raise SystemExit(f"sweep queued {report.steps} steps, {queued} ledger rows: want {count}")
    written = await rows_written()
    figures = Figures(report.steps, elapsed, written, await baseline(BASELINE_ROWS))
    print(
        f"  sweep: {figures.sends} sends in {report.batches} batches, {elapsed:.1f} s,"
        f" {figures.rate:,.0f} sends/s ({written / figures.sends:.0f} rows written per send);"
        f" baseline bulk_create {figures.baseline_rows_per_s:,.0f} rows/s;"
        f" sweep writes rows at {figures.ratio:.2f} x that"
    )
    return figures


async def one_run(count: int, kind: str, account_index: bool) -> Figures:
    with tempfile.TemporaryDirectory() as tmp:
        async with fresh_database(kind, Path(tmp)) as url:
            await init_db(url, secret_keys=["bench-secret"])
            await Tortoise.generate_schemas()
            try:
                return await measure(count, account_index)
            finally:
                await close_db()


async def main(count: int, kind: str, runs: int, account_index: bool) -> None:
    index = " with the channel_account(end_user_id) index" if account_index else ""
    print(f"{kind}: {runs} run(s) of {count} due sends{index}")
    results = []
    for n in range(1, runs + 1):
        print(f"run {n}:")
        results.append(await one_run(count, kind, account_index))
    seconds = statistics.median(f.seconds for f in results)
    rate = statistics.median(f.rate for f in results)
    ratio = statistics.median(f.ratio for f in results)
    base = statistics.median(f.baseline_rows_per_s for f in results)
    print(
        f"median of {runs}: sweep {seconds:.1f} s, {rate:,.0f} sends/s;"
        f" baseline bulk_create {base:,.0f} rows/s; sweep rows/s = {ratio:.2f} x baseline"
    )
    verdict = "OK" if seconds < GOAL_SECONDS and rate >= GOAL_RATE else "BELOW GOAL"
    print(
        f"goal: {count} sends in < {GOAL_SECONDS:.0f} s and >= {GOAL_RATE:,.0f} sends/s: {verdict}"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--enrollments", type=int, default=100_000)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--account-index", action="store_true")
    args = parser.parse_args()
    asyncio.run(main(args.enrollments, args.db, args.runs, args.account_index))
