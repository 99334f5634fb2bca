"""Scheduler throughput: 100k enrollments with a due step -> ledger rows queued + outbox rows.

Usage: python bench/scheduler.py [--enrollments 100000] [--db sqlite|postgres]
Prints sends/s and total time of the sweep, and, as a baseline measured in the same run, how
fast Tortoise bulk-inserts plain rows here (the sweep writes ~5 rows per send).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

from tortoise import Tortoise

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
    Creator,
    EndUser,
    ProgramEnrollment,
    ProgramVersion,
    ScheduledSend,
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


async def baseline(count: int, bot_id: uuid.UUID, user_id: uuid.UUID) -> float:
    rows = [
        UserInteraction(user_id=user_id, bot_id=bot_id, interaction_type="bench", channel="web")
        for _ in range(count)
    ]
    started = time.perf_counter()
    await UserInteraction.bulk_create(rows, batch_size=500)
    return count / (time.perf_counter() - started)


async def main(count: int, kind: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        async with fresh_database(kind, Path(tmp)) as url:
            await init_db(url, secret_keys=["bench-secret"])
            await Tortoise.generate_schemas()
            try:
                await measure(count, kind)
            finally:
                await close_db()


async def measure(count: int, kind: str) -> None:
    started = time.perf_counter()
    await seed(count)
    print(f"{kind}: seeded {count} enrollments in {time.perf_counter() - started:.1f} s")
    scheduler = Scheduler(clock=FakeClock(NOW), batch_size=500)
    started = time.perf_counter()
    report = await scheduler.sweep_once(NOW)
    elapsed = time.perf_counter() - started
    queued = await ScheduledSend.filter(status="queued").count()
    rate = report.steps / elapsed
    print(f"sweep: {report.steps} steps queued ({queued} ledger rows queued) in {report.batches}"
          f" batches, {elapsed:.1f} s, {rate:,.0f} sends/s")  # fmt: skip
    bot = await Bot.get(slug="bench")
    user = await EndUser.filter(bot_id=bot.id).first()
    assert user is not None
    rows_per_s = await baseline(50_000, bot.id, user.id)
    print(f"baseline: bulk_create {rows_per_s:,.0f} rows/s -> sweep = {rate * 5 / rows_per_s:.2f}"
          " x of the bulk-insert ceiling (5 rows written per send)")  # fmt: skip
    verdict = "OK" if elapsed < 30 and rate >= 5000 else "BELOW GOAL"
    print(f"goal: all {count} in < 30 s and >= 5,000 sends/s: {verdict}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--enrollments", type=int, default=100_000)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    args = parser.parse_args()
    asyncio.run(main(args.enrollments, args.db))
