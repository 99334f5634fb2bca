"""Studio insight analytics at scale: 20k learners, 1M interaction events, server time p95.

Usage: python bench/insight.py [--learners 20000] [--events 1000000] [--database sqlite|postgres]
       [--repeat 15] [--keep NAME]
Seeds one creator (New York time) with a bot and a published program over 90 days: learners,
their enrolments, step progress, nudges, streak rows, badges, `--events` `message_received`
events and one transcript message pair per five events (the two big tables by COPY on
PostgreSQL, executemany on SQLite). `--keep NAME` seeds a kept database once and reuses it.
Runs the scheduler's hourly rollup as it would have run by then (its first run backfills),
then times real HTTP requests to the app in this process (a signed-in viewer; aiohttp's test
client), per request kind, for the last 28 days and for 90 days: the studio analytics page's
shell, each chart's section (the htmx fragment the shell loads), one whole page view (the
shell and every section, summed per view), the API's whole report (`/api/v1/insight/
analytics`, every chart in one request), and the learners behind a funnel step, a cohort cell
and the streaks at risk. CPU is this process's (server and client) plus PostgreSQL's backends.
Baseline in the same run: a full `COUNT(*)` of the event table.
Goal: each request p95 < 200 ms CPU. The last line is JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import uuid4

import asyncpg
from tortoise import Tortoise, connections
from tortoise.transactions import in_transaction

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from aiohttp.test_utils import TestClient, TestServer

from bot import people
from bot.auth import issue_api_key
from bot.clock import FakeClock
from bot.insight import report
from bot.insight.rollup import roll_creator
from bot.insight.sql import bind
from bot.metrics import DailyRollup
from bot.programs import service as programs
from bot.programs.loader import load_file
from channels.app import Services, create_app, settle_heap
from models import (
    Badge,
    Bot,
    BotStatus,
    Conversation,
    Creator,
    EndUser,
    EnrollmentStatus,
    LearnerStats,
    Membership,
    Message,
    Person,
    Program,
    ProgramEnrollment,
    Role,
    ScheduledSend,
    SendStatus,
    StepProgress,
    UserInteraction,
)
from models.db import close_db, init_db
from tests.channels.studio.world import PASSWORD, StudioClient, studio_settings
from tests.dbs import PG_ADMIN_DB, PG_SERVER, fresh_database

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "programs" / "focus-course.yaml"
NOW = datetime(2026, 3, 31, 15, tzinfo=UTC)
DAYS = 90
CHUNK = 20_000
KEPT = Path(tempfile.gettempdir()) / "parley-bench-insight"


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
        reached = rng.randint(1, max(1, min(len(steps), (NOW - at).days + 1)))  # a step a day
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
                    created_at=at + timedelta(days=i),
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


async def insert_rows(table: str, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    """Rows straight into a table: COPY on PostgreSQL, one executemany on SQLite."""
    conn = connections.get("default")
    if conn.capabilities.dialect == "postgres":
        async with conn.acquire_connection() as raw:  # type: ignore[attr-defined]
            await raw.copy_records_to_table(table, records=rows, columns=columns)
        return
    marks = ", ".join("?" for _ in columns)
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"
    await conn.execute_many(
        sql, [[bind(int(v) if v is True or v is False else v, False) for v in row] for row in rows]
    )


EVENT_COLUMNS = ["id", "user_id", "bot_id", "interaction_type", "interaction_data", "channel"]
EVENT_COLUMNS += ["created_at"]
MESSAGE_COLUMNS = ["id", "conversation_id", "bot_id", "channel", "direction", "sender_type"]
MESSAGE_COLUMNS += ["content", "message_type", "metadata", "created_at", "response_time_ms"]


def message_rows(conv: Any, bot_id: Any, when: datetime, reply_ms: int) -> list[tuple[Any, ...]]:
    common = (conv, bot_id, "web")
    return [
        (uuid4(), *common, "in", "user", "q", "text", "{}", when, None),
        (uuid4(), *common, "out", "ai", "a", "text", "{}", when + timedelta(seconds=1), reply_ms),
    ]


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
                (uuid4(), user.id, user.bot_id, "message_received", "{}", "web", when)
            )
            if k % 5 == 0:
                batch_messages += message_rows(
                    convs[i].id, user.bot_id, when, rng.randint(200, 4000)
                )
        async with in_transaction():
            await insert_rows("user_interaction", EVENT_COLUMNS, batch_events)
            await insert_rows("message", MESSAGE_COLUMNS, batch_messages)
        messages += len(batch_messages)
    return messages


async def badges(creator: Creator, bot: Bot, users: list[EndUser], rng: random.Random) -> None:
    """Three badges; about one award per learner, earned over the 90 days."""
    kinds = [
        await Badge.create(creator=creator, bot=bot, code=c, name=c, criteria={})
        for c in ("first-step", "streak-7", "quiz-ace")
    ]
    rows = [
        (uuid4(), u.id, b.id, moment(rng), "{}", False)
        for u in users
        for b in kinds
        if rng.random() < 0.34
    ]
    columns = ["id", "user_id", "badge_id", "earned_at", "criteria_met", "notified"]
    await insert_rows("user_badge", columns, rows)


BACKENDS: list[int] = []  # PostgreSQL server processes serving this bench's connections


def backend_cpu() -> float:
    """CPU seconds used so far by the database server processes of this bench (PostgreSQL)."""
    total = 0.0
    for pid in BACKENDS:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


async def find_backends() -> None:
    conn = connections.get("default")
    if conn.capabilities.dialect == "postgres":
        _, rows = await conn.execute_query(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
        )
        BACKENDS[:] = [int(r["pid"]) for r in rows if Path(f"/proc/{r['pid']}").exists()]


def cpu_now() -> float:
    return time.process_time() + backend_cpu()


async def timed(call: Callable[[], Awaitable[Any]], repeat: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds (this process + the database's) of each call."""
    await call()  # warm the caches once, as a running server has them
    wall, cpu = [], []
    for _ in range(repeat):
        t, c = time.perf_counter(), cpu_now()
        await call()
        wall.append((time.perf_counter() - t) * 1000)
        cpu.append((cpu_now() - c) * 1000)
    return wall, cpu


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


Samples = tuple[list[float], list[float]]  # wall ms, CPU ms


async def one(client: StudioClient, path: str, headers: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU ms of one GET that must answer 200."""
    t, c = time.perf_counter(), cpu_now()
    response = await client.http.get(path, headers=headers, allow_redirects=False)
    await response.read()
    wall, cpu = (time.perf_counter() - t) * 1000, (cpu_now() - c) * 1000
    assert response.status == 200, (path, response.status)
    return wall, cpu


async def page_views(
    client: StudioClient, base: str, query: str, keys: tuple[str, ...], repeat: int, tag: str
) -> dict[str, Samples]:
    """The shell, then each section as htmx asks for it; per view also their sum."""
    hx = {"HX-Request": "true"}
    requests: list[tuple[str, str, dict[str, str]]] = [(f"shell_{tag}", f"{base}?{query}", {})]
    requests += [(f"section_{k}_{tag}", f"{base}/charts/{k}?{query}", hx) for k in keys]
    out: dict[str, Samples] = {name: ([], []) for name, _, _ in requests}
    out[f"page_view_sum_{tag}"] = ([], [])
    for round_ in range(repeat + 1):  # the first view warms the caches, as a server has them
        total = [0.0, 0.0]
        for name, path, headers in requests:
            wall, cpu = await one(client, path, headers)
            total = [total[0] + wall, total[1] + cpu]
            if round_:
                out[name][0].append(wall)
                out[name][1].append(cpu)
        if round_:
            out[f"page_view_sum_{tag}"][0].append(total[0])
            out[f"page_view_sum_{tag}"][1].append(total[1])
    return out


async def timed_get(
    client: StudioClient, path: str, headers: dict[str, str], repeat: int
) -> Samples:
    await one(client, path, headers)
    samples = [await one(client, path, headers) for _ in range(repeat)]
    return [w for w, _ in samples], [c for _, c in samples]


async def measure(
    client: StudioClient, key: str, bot: Bot, program: Program, repeat: int
) -> dict[str, Samples]:
    first28 = (NOW - timedelta(days=27)).date()
    first90 = (NOW - timedelta(days=DAYS - 1)).date()
    last = NOW.date()
    keys = report.grouped(report.KEYS)  # the studio page's sections
    base = f"/studio/bots/{bot.slug}/analytics"
    results: dict[str, Samples] = {}
    for tag, first in (("28d", first28), ("90d", first90)):
        query = f"program={program.code}&from={first}&to={last}"
        results |= await page_views(client, base, query, keys, repeat, tag)
        api = f"/api/v1/insight/analytics?bot={bot.slug}&{query}"
        results[f"api_report_{tag}"] = await timed_get(client, api, {"Authorization": key}, repeat)
    week = first28 - timedelta(days=first28.weekday())
    query = f"program={program.code}&from={first28}&to={last}"
    for name, asked in (
        ("learners_step", "step=lesson-3"),
        ("learners_cohort", f"cohort={week}&week=1"),
        ("learners_at_risk", "at_risk=1"),
    ):
        results[name] = await timed_get(client, f"{base}/learners?{query}&{asked}", {}, repeat)
    return results


@asynccontextmanager
async def studio(creator: Creator, url: str, tmp: Path) -> AsyncIterator[tuple[StudioClient, str]]:
    """The app (studio and API) on a test server, a viewer signed in, a read-only API key."""
    settings = studio_settings(url, tmp)
    services = Services.build(settings, clock=FakeClock(NOW))
    app = create_app(settings, manage_db=False, services=services, run_background=False)
    email = "bench-viewer@example.com"
    person = await Person.get_or_none(email=email)
    if person is None:
        person = await people.create_person(email, PASSWORD)
        await Membership.create(creator=creator, person=person, role=Role.VIEWER)
    key = await issue_api_key(creator, ["read"], name="bench")
    async with TestClient(TestServer(app, host="127.0.0.1")) as http:
        await settle_heap(app)  # as `parley serve` does once started
        client = StudioClient(http)
        response = await client.sign_in(email)
        assert response.status == 302, await response.text()
        yield client, f"Bearer {key.token}"


async def baseline(repeat: int) -> tuple[list[float], list[float]]:
    conn = connections.get("default")
    return await timed(lambda: conn.execute_query("SELECT COUNT(*) FROM user_interaction"), repeat)


async def seed(args: argparse.Namespace) -> tuple[Creator, Bot, Program, int]:
    rng = random.Random(7)
    creator, bot, program, version, steps = await setup()
    users = await learners(creator, bot, args.learners, rng)
    await journeys(users, program, version, steps, rng)
    messages = await traffic(users, args.events, rng)
    await badges(creator, bot, users, rng)
    born = NOW - timedelta(days=DAYS + 1)  # the workspace existed before its first learner
    for model in (Creator, Bot, Program):
        await model.all().update(created_at=born)  # type: ignore[attr-defined]
    return await Creator.get(id=creator.id), bot, program, messages


async def seeded(args: argparse.Namespace) -> tuple[Creator, Bot, Program, int]:
    """The kept database's world, or a new one."""
    creator = await Creator.get_or_none(email="bench@example.com")
    if creator is None:
        t = time.perf_counter()
        world = await seed(args)
        print(
            f"{args.database}: seeded {args.learners} learners, {args.events} events, "
            f"{world[3]} messages in {time.perf_counter() - t:.0f}s"
        )
        return world
    bot = await Bot.get(creator_id=creator.id)
    program = await Program.get(bot_id=bot.id)
    events = await UserInteraction.all().count()
    print(f"{args.database}: reusing the kept database ({events} events)")
    return creator, bot, program, await Message.all().count()


async def rolled(creator: Creator) -> None:
    """What the scheduler's hourly rollup has stored by NOW: its first runs backfill (a month
    of days each); then one more run, as after a restart or the next local midnight."""
    for hour in range(5):
        t = time.perf_counter()
        await DailyRollup(also=roll_creator)(NOW + timedelta(hours=hour))
        print(f"scheduler rollup, run {hour + 1}: {time.perf_counter() - t:.1f}s")


async def analyze() -> None:
    """PostgreSQL's statistics and visibility map, as autovacuum keeps them after a bulk load
    (SQLite has no statistics unless asked, as in production)."""
    conn = connections.get("default")
    if conn.capabilities.dialect == "postgres":
        await conn.execute_script("VACUUM ANALYZE")


async def run(args: argparse.Namespace, url: str, tmp: Path) -> dict[str, Any]:
    creator, bot, program, messages = await seeded(args)
    await analyze()
    await rolled(creator)
    async with studio(creator, url, tmp) as (client, key):
        await find_backends()
        base_wall, base_cpu = await baseline(args.repeat)
        base = p95(base_wall)
        print(
            f"baseline: COUNT(*) of the event table p95 {base:.1f} ms, CPU {p95(base_cpu):.1f} ms"
        )
        results = await measure(client, key, bot, program, args.repeat)
    figures, medians, cpu50, cpu95 = {}, {}, {}, {}
    print(f"{'':32s} {'wall p50':>9s} {'wall p95':>9s} {'cpu p50':>9s} {'cpu p95':>9s}  (ms)")
    for name, (samples, cpu) in results.items():
        figures[name] = round(p95(samples), 1)
        medians[name] = round(statistics.median(samples), 1)
        cpu50[name] = round(statistics.median(cpu), 1)
        cpu95[name] = round(p95(cpu), 1)
        print(
            f"{name:32s} {medians[name]:9.1f} {figures[name]:9.1f} {cpu50[name]:9.1f}"
            f" {cpu95[name]:9.1f}  ({figures[name] / base:.2f}x baseline wall)"
        )
    single = {k: v for k, v in cpu95.items() if not k.startswith(("page_view_sum", "api_report"))}
    worst_cpu = max(single.values())
    worst = max(v for k, v in figures.items() if k in single)
    sums = {k: v for k, v in cpu95.items() if k.startswith("page_view_sum")}
    slowest = max(single, key=lambda k: single[k])
    print(
        f"worst single studio request p95 {worst_cpu:.1f} ms CPU ({slowest})"
        f", {worst:.1f} ms wall; goal < 200 ms: {'met' if worst_cpu < 200 else 'NOT met'}"
    )
    for name, value in {**sums, **{k: cpu95[k] for k in cpu95 if k.startswith("api_")}}.items():
        verdict = "under" if value < 200 else "over"
        print(f"{name}: p95 {value:.1f} ms CPU, {verdict} 200 ms")
    print(f"load average {os.getloadavg()} on {os.cpu_count()} cores")
    return {
        "bench": "insight",
        "database": args.database,
        "learners": args.learners,
        "events": args.events,
        "messages": messages,
        "baseline_count_p95_ms": round(base, 1),
        "p50_ms": medians,
        "p95_ms": figures,
        "cpu_p50_ms": cpu50,
        "cpu_p95_ms": cpu95,
        "worst_single_p95_ms": worst,
        "worst_single_cpu_p95_ms": worst_cpu,
        "page_view_sum_cpu_p95_ms": sums,
        "load_average": os.getloadavg(),
    }


@asynccontextmanager
async def database(args: argparse.Namespace, tmp: Path) -> AsyncIterator[str]:
    """A fresh database, or with --keep NAME one kept between runs (seeded once)."""
    if not args.keep:
        async with fresh_database(args.database, tmp) as url:
            yield url
        return
    if args.database == "sqlite":
        KEPT.mkdir(exist_ok=True)
        yield f"sqlite://{KEPT / args.keep}.sqlite3"
        return
    admin = await asyncpg.connect(f"postgres://{PG_SERVER}/{PG_ADMIN_DB}")
    try:
        if not await admin.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", args.keep):
            await admin.execute(f'CREATE DATABASE "{args.keep}"')
    finally:
        await admin.close()
    yield f"postgres://{PG_SERVER}/{args.keep}"


async def main(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        async with database(args, Path(tmp)) as url:
            await init_db(url, secret_keys=["bench-secret"])
            try:
                await Tortoise.generate_schemas(safe=True)
                result = await run(args, url, Path(tmp))
            finally:
                await close_db()
    print(json.dumps(result))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--learners", type=int, default=20_000)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument(
        "--keep", default="", help="seed once into this database name and reuse it next time"
    )
    asyncio.run(main(parser.parse_args()))
