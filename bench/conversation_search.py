"""Conversation search speed: the full-text index (models/fts.py) against a LIKE scan.

Usage: python bench/conversation_search.py [--conversations 10000] [--db sqlite|postgres]
Seeds conversations of 10 messages each (words drawn from a 2,000-word vocabulary, one rare
word per 1,000 messages), then times `bot.conversations.search` for a rare word, a common word
and two words with a filter, each as the median of 7 runs; the same-run baseline is the same
page found by `content LIKE '%word%'` (what search would cost without the index). Last line:
JSON with the figures.
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
from pathlib import Path

from tortoise import Tortoise, connections

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.conversations import ConversationQuery, search
from models import (
    Bot,
    BotStatus,
    Conversation,
    Creator,
    Direction,
    EndUser,
    Message,
    SenderType,
    fts,
)
from models.db import close_db, dialect, init_db
from tests.dbs import fresh_database

VOCABULARY = [f"w{i:04d}" for i in range(2000)]
RUNS = 7


async def seed(conversations: int) -> Creator:
    rng = random.Random(7)
    creator = await Creator.create(email="bench@example.com", password_hash="-")
    bot = await Bot.create(creator=creator, slug="bench", name="B", status=BotStatus.PUBLISHED)
    people = [
        EndUser(creator_id=creator.id, bot_id=bot.id, channel="web") for _ in range(conversations)
    ]
    await EndUser.bulk_create(people, batch_size=2000)
    convs = [Conversation(user_id=u.id, channel="web") for u in people]
    await Conversation.bulk_create(convs, batch_size=2000)
    messages = []
    for conv in convs:
        for n in range(10):
            words = rng.choices(VOCABULARY[:200], k=6) + rng.choices(VOCABULARY, k=6)
            if rng.random() < 0.001:
                words.append("marmalade")
            messages.append(
                Message(
                    conversation_id=conv.id,
                    bot_id=bot.id,
                    channel="web",
                    direction=Direction.INBOUND if n % 2 == 0 else Direction.OUTBOUND,
                    sender_type=SenderType.USER if n % 2 == 0 else SenderType.AI,
                    content=" ".join(words),
                )
            )
    await Message.bulk_create(messages, batch_size=2000)
    return creator


async def median_ms(call: Callable[[], Awaitable[object]]) -> float:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        await call()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


async def like_page(creator: Creator, word: str) -> list[object]:
    """The baseline: the same first page found by scanning message text."""
    db = connections.get("default")
    mark = "$1" if db.capabilities.dialect == "postgres" else "?"
    sql = (
        "SELECT c.id FROM conversation c WHERE c.id IN (SELECT m.conversation_id FROM message m"
        f" WHERE m.content LIKE {mark}) ORDER BY c.last_message_at DESC, c.id DESC LIMIT 26"
    )
    _, rows = await db.execute_query(sql, [f"%{word}%"])
    return list(rows)


async def measure(creator: Creator) -> dict[str, float]:
    figures: dict[str, float] = {}
    for label, query in [
        ("rare", ConversationQuery(q="marmalade")),
        ("common", ConversationQuery(q="w0001")),
        ("two_words_filtered", ConversationQuery(q="w0001 w0002", channel="web")),
    ]:
        indexed = await median_ms(lambda q=query: search(creator.id, q))
        word = query.q.split()[0]
        scanned = await median_ms(lambda w=word: like_page(creator, w))
        figures[f"{label}_ms"] = round(indexed, 2)
        figures[f"{label}_like_ms"] = round(scanned, 2)
        print(f"{label:>20}: search {indexed:8.2f} ms   LIKE scan {scanned:8.2f} ms"
              f"   ratio {indexed / scanned:.2f}x")  # fmt: skip
    return figures


async def main(conversations: int, kind: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        async with fresh_database(kind, Path(tmp)) as url:
            await init_db(url, secret_keys=["bench-secret"])
            try:
                await Tortoise.generate_schemas()
                await fts.install(connections.get("default"), dialect(url))
                started = time.perf_counter()
                creator = await seed(conversations)
                seeded = time.perf_counter() - started
                print(f"{kind}: {conversations} conversations, {conversations * 10} messages"
                      f" seeded (index kept by the triggers) in {seeded:.1f}s")  # fmt: skip
                if kind == "postgres":
                    await connections.get("default").execute_script("ANALYZE")
                figures = await measure(creator)
                print(json.dumps({"db": kind, "messages": conversations * 10, **figures}))
            finally:
                await close_db()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--conversations", type=int, default=10_000)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    args = parser.parse_args()
    asyncio.run(main(args.conversations, args.db))
