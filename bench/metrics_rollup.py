"""Metrics rollup speed: one UTC day with ~100k interaction events (+ 100k messages).

Usage: python bench/metrics_rollup.py [--users 5000] [--db sqlite|postgres]
Prints the seeding size, the time of one creator-day rollup (first run, then an idempotent
re-run), and as a baseline in the same run the time to merely load that day's events as rows.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from tortoise import Tortoise

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.metrics import rollup
from models import (
    Bot,
    BotStatus,
    Conversation,
    Creator,
    Direction,
    EndUser,
    Message,
    Program,
    SenderType,
    UserInteraction,
)
from models.db import close_db, init_db
from tests.dbs import fresh_database
from tests.factories import interaction

DAY = date(2026, 3, 2)
START = datetime(2026, 3, 2, tzinfo=UTC)


async def seed(users: int) -> int:
    rng = random.Random(1)
    creator = await Creator.create(email="bench@example.com", password_hash="-")
    bots = [
        await Bot.create(creator=creator, slug=f"bench-{i}", name="B", status=BotStatus.PUBLISHED)
        for i in range(2)
    ]
    steps = [{"id": f"s{i}"} for i in range(1, 6)]
    program = await Program.create(
        creator=creator, bot=bots[0], code="p", name="p", flow_definition={"steps": steps}
    )
    people = [
        EndUser(
            creator_id=creator.id,
            bot_id=bots[i % 2].id,
            channel="web",
            created_at=START - timedelta(days=rng.choice([0, 1, 7, 30, 60])),
        )
        for i in range(users)
    ]
    await EndUser.bulk_create(people, batch_size=2000)
    convs = [Conversation(user_id=u.id, channel="web") for u in people]
    await Conversation.bulk_create(convs, batch_size=2000)
    events: list[UserInteraction] = []
    messages: list[Message] = []
    for user, conv in zip(people, convs, strict=True):
        for _ in range(10):
            when = START + timedelta(seconds=rng.randint(0, 86000))
            ms = rng.randint(100, 5000)
            common = {
                "conversation_id": conv.id,
                "bot_id": user.bot_id,
                "channel": "web",
                "content": "x",
            }
            messages.append(
                Message(
                    **common,
                    direction=Direction.INBOUND,
                    sender_type=SenderType.USER,
                    created_at=when,
                )
            )
            messages.append(
                Message(
                    **common,
                    direction=Direction.OUTBOUND,
                    sender_type=SenderType.AI,
                    created_at=when,
                    response_time_ms=ms,
                )
            )
            events.append(interaction(user, "message_received", when))
            events.append(interaction(user, "reply_sent", when, response_time_ms=ms))
        if user.bot_id == bots[0].id:
            events.append(interaction(user, "program_enrolled", START - timedelta(days=3), program))
            for s in steps[: rng.randint(0, 5)]:
                events.append(
                    interaction(
                        user, "step_completed", START - timedelta(days=2), program, step=s["id"]
                    )
                )
            events.append(
                interaction(user, "nudge_sent", START + timedelta(hours=5), program, step="s1")
            )
    await Message.bulk_create(messages, batch_size=2000)
    await UserInteraction.bulk_create(events, batch_size=2000)
    return len(events)


async def main(users: int, kind: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        async with fresh_database(kind, Path(tmp)) as url:
            await init_db(url, secret_keys=["bench-secret"])
            try:
                await Tortoise.generate_schemas()
                t = time.perf_counter()
                n = await seed(users)
                took = time.perf_counter() - t
                print(f"{kind}: seeded {n} events, {users * 20} messages in {took:.1f}s")
                t = time.perf_counter()
                rows = await UserInteraction.filter(
                    created_at__gte=START, created_at__lt=START + timedelta(days=1)
                ).values_list("user_id", "interaction_type", "created_at")
                baseline = time.perf_counter() - t
                print(f"baseline: loading the day's {len(rows)} events as rows: {baseline:.2f}s")
                for label in ("rollup", "re-run"):
                    t = time.perf_counter()
                    [report] = await rollup([DAY])
                    took = time.perf_counter() - t
                    print(
                        f"{label}: {took:.2f}s ({took / baseline:.2f}x baseline) {report.changes}"
                    )
            finally:
                await close_db()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=5000)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    args = parser.parse_args()
    asyncio.run(main(args.users, args.db))
