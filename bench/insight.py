"""Studio insight analytics at scale: 20k learners, 1M interaction events, server time p95.

Usage: python bench/insight.py [--learners 20000] [--events 1000000] [--database sqlite|postgres]
       [--repeat 15]
Seeds one creator (New York time) with a bot and a published program over 90 days: learners,
their enrolments, step progress, nudges, streak rows, `--events` `message_received` events and
one transcript message pair per five events (Tortoise bulk_create in chunks). Then times, in
this process, what each analytics request runs (`bot.insight`): the whole analytics page (every
chart) for the last 28 days (its complete days rolled up first, as the scheduler does) and for
90 days (62 days without rollups), each CSV chart, and the learners behind a funnel
step and a cohort cell. Baseline in the same run: a full `COUNT(*)` of the event table.
Goal: p95 < 200 ms. The last line is JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from tortoise import Tortoise, connections
from tortoise.transactions import in_transaction

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.insight import behind, report
from bot.insight.scope import Scope, resolve
from bot.metrics import rollup_creator_day
from bot.programs import service as programs
from bot.programs.loader import load_file
from models import (
    Bot,
    BotStatus,
    Conversation,
    Creator,
    Direction,
    EndUser,
    EnrollmentStatus,
    LearnerStats,
    Message,
    Program,
    ProgramEnrollment,
    ScheduledSend,
    SenderType,
    SendStatus,
    StepProgress,
    UserInteraction,
)
from models.db import close_db, init_db
from tests.dbs import fresh_database

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "programs" / "focus-course.yaml"
NOW = datetime(2026, 3, 31, 15, tzinfo=UTC)
DAYS = 90
CHUNK = 20_000


def moment(rng: random.Random) -> datetime:
    return NOW - timedelta(seconds=rng.randint(0, DAYS * 86400))


async def setup() -> tuple[Creator, Bot, Program, Any, list[str]]:
    creator = await Creator.create(
        email="bench@example.com", password_hash="-", settings={"time_zone": "America/New_York"}
    )
    bot = await Bot.create(creator=creator, slug="bench", name="Bench", status=BotStatus.PUBLISHED)
    imported = await programs.import_program(bot, load_file(EXAMPLE))
    version = await programs.publish_program(bot, imported.code)
    program = await Program.get(id=imported.id)
    steps = [str(s["id"]) for s in program.flow_definition["steps"]]
    return creator, bot, program, version, steps


async def learners(creator: Creator, bot: Bot, n: int, rng: random.Random) -> list[EndUser]:
    users = [
        EndUser(
            creator_id=creator.id,
            bot_id=bot.id,
            channel="web",
            external_id=f"u{i}",
            display_name=f"Learner {i}",
            created_at=moment(rng),
        )
        for i in range(n)
    ]
    await EndUser.bulk_create(users, batch_size=5000)
    return users


async def journeys(
    users: list[EndUser], program: Program, version: Any, steps: list[str], rng: random.Random
) -> None:
    enrolments, progress, nudges, stats = [], [], [], []
    for user in users:
        at = user.created_at + timedelta(minutes=5)
        reached = rng.randint(1, len(steps))
        status = rng.choice([EnrollmentStatus.ACTIVE] * 6 + [EnrollmentStatus.PAUSED])
        e = ProgramEnrollment(
            program_id=program.id,
            program_version_id=version.id,
            user_id=user.id,
            status=status,
            enrolled_at=at,
            current_step=steps[reached - 1],
            current_step_at=at,
            last_activity_at=at + timedelta(days=rng.randint(0, 20)),
        )
        enrolments.append(e)
        for i, step in enumerate(steps[:reached]):
            done = at + timedelta(days=i) if i < reached - 1 else None
            correct = rng.random() < 0.7 if "quiz" in step and done else None
            progress.append(
                StepProgress(
                    enrollment_id=e.id,
                    step_id=step,
                    delivered_at=at + timedelta(days=i),
                    completed_at=done,
                    correct=correct,
                )
            )
        nudges.append(
            ScheduledSend(
                enrollment_id=e.id,
                step_id=steps[reached - 1],
                kind="nudge",
                attempt=rng.randint(1, 2),
                due_at=at + timedelta(days=reached),
                status=SendStatus.QUEUED,
                queued_at=at + timedelta(days=reached, hours=rng.randint(0, 23)),
            )
        )
        stats.append(
            LearnerStats(
                user_id=user.id,
                streak_days=rng.randint(0, 9),
                points=rng.randint(0, 200),
                last_active_day=(NOW - timedelta(days=rng.randint(0, 3))).date(),
            )
        )
    for model, rows in (
        (ProgramEnrollment, enrolments),
        (StepProgress, progress),
        (ScheduledSend, nudges),
        (LearnerStats, stats),
    ):
        for i in range(0, len(rows), CHUNK):
            await model.bulk_create(rows[i : i + CHUNK], batch_size=5000)  # type: ignore[attr-defined]


async def traffic(users: list[EndUser], events: int, rng: random.Random) -> int:
    convs = [Conversation(user_id=u.id, channel="web") for u in users]
    await Conversation.bulk_create(convs, batch_size=5000)
    messages = 0
    for start in range(0, events, CHUNK):
        batch_events, batch_messages = [], []
        for k in range(start, min(events, start + CHUNK)):
            i = rng.randrange(len(users))
            user, when = users[i], moment(rng)
            batch_events.append(
                UserInteraction(
                    user_id=user.id,
                    bot_id=user.bot_id,
                    interaction_type="message_received",
                    channel="web",
                    created_at=when,
                )
            )
            if k % 5 == 0:
                common = {"conversation_id": convs[i].id, "bot_id": user.bot_id, "channel": "web"}
                batch_messages += [
                    Message(
                        **common,
                        direction=Direction.INBOUND,
                        sender_type=SenderType.USER,
                        content="q",
                        created_at=when,
                    ),
                    Message(
                        **common,
                        direction=Direction.OUTBOUND,
                        sender_type=SenderType.AI,
                        content="a",
                        created_at=when + timedelta(seconds=1),
                        response_time_ms=rng.randint(200, 4000),
                    ),
                ]
        async with in_transaction():
            await UserInteraction.bulk_create(batch_events, batch_size=5000)
            await Message.bulk_create(batch_messages, batch_size=5000)
        messages += len(batch_messages)
    return messages


async def timed(call: Callable[[], Awaitable[Any]], repeat: int) -> list[float]:
    await call()  # warm the caches once, as a running server has them
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        await call()
        out.append((time.perf_counter() - t) * 1000)
    return out


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


async def measure(scope28: Scope, scope90: Scope, repeat: int) -> dict[str, list[float]]:
    step = behind.behind_from({"step": "lesson-3"})
    first_week = scope28.span.first - timedelta(days=scope28.span.first.weekday())
    cohort = behind.behind_from({"cohort": first_week.isoformat(), "week": "1"})
    calls: dict[str, Callable[[], Awaitable[Any]]] = {
        "page_28d": lambda: report.analytics(scope28),
        "page_90d": lambda: report.analytics(scope90),
        "learners_step": lambda: behind.learners_behind(scope28, step),
        "learners_cohort": lambda: behind.learners_behind(scope28, cohort),
    }
    for key in report.KEYS:
        calls[f"csv_{key}_28d"] = lambda key=key: report.chart(scope28, key)  # type: ignore[misc]
    return {name: await timed(call, repeat) for name, call in calls.items()}


async def baseline(repeat: int) -> list[float]:
    conn = connections.get("default")
    return await timed(lambda: conn.execute_query("SELECT COUNT(*) FROM user_interaction"), repeat)


async def run(args: argparse.Namespace) -> dict[str, Any]:
    rng = random.Random(7)
    t = time.perf_counter()
    creator, bot, program, version, steps = await setup()
    users = await learners(creator, bot, args.learners, rng)
    await journeys(users, program, version, steps, rng)
    messages = await traffic(users, args.events, rng)
    seeded = time.perf_counter() - t
    print(
        f"{args.database}: seeded {args.learners} learners, {args.events} events, "
        f"{messages} messages in {seeded:.0f}s"
    )
    scope28 = await resolve(creator.id, bot=bot.slug, program=program.code, now=NOW)
    first = (NOW - timedelta(days=DAYS - 1)).date().isoformat()
    scope90 = await resolve(
        creator.id,
        bot=bot.slug,
        program=program.code,
        first=first,
        last=NOW.date().isoformat(),
        now=NOW,
    )
    t = time.perf_counter()
    for day in scope28.span.days()[:-1]:  # what the scheduler's hourly rollup has stored
        await rollup_creator_day(creator, day)
    print(f"rolled up the 27 complete days of the 28-day range in {time.perf_counter() - t:.0f}s")
    base = p95(await baseline(args.repeat))
    print(f"baseline: COUNT(*) over the event table p95 {base:.1f} ms")
    results = await measure(scope28, scope90, args.repeat)
    figures = {}
    for name, samples in results.items():
        figures[name] = round(p95(samples), 1)
        print(
            f"{name:28s} p50 {statistics.median(samples):7.1f} ms  p95 {figures[name]:7.1f} ms"
            f"  ({figures[name] / base:.2f}x baseline)"
        )
    worst = max(figures.values())
    print(f"worst p95 {worst:.1f} ms; goal < 200 ms: {'met' if worst < 200 else 'NOT met'}")
    return {
        "bench": "insight",
        "database": args.database,
        "learners": args.learners,
        "events": args.events,
        "messages": messages,
        "seed_s": round(seeded, 1),
        "baseline_count_p95_ms": round(base, 1),
        "p95_ms": figures,
        "worst_p95_ms": worst,
    }


async def main(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        async with fresh_database(args.database, Path(tmp)) as url:
            await init_db(url, secret_keys=["bench-secret"])
            try:
                await Tortoise.generate_schemas()
                result = await run(args)
            finally:
                await close_db()
    print(json.dumps(result))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--learners", type=int, default=20_000)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--repeat", type=int, default=15)
    asyncio.run(main(parser.parse_args()))
