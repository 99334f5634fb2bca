"""Chaos: 300 messages, each delivered 3 times, while the vendor fails 30% of sends.

Exactly 300 replies must arrive, none twice, on both dialects. Two outbox workers race
while the webhooks are still arriving.
"""

from __future__ import annotations

import asyncio
import random
from collections import Counter
from collections.abc import AsyncIterator

import pytest

from bot.outbox import Backoff, OutboxWorker
from models import Message, OutboxMessage, OutboxStatus
from tests.channels.harness import Harness, running
from tests.fakes.telegram_api import FakeTelegramAPI

MESSAGES = 300


@pytest.fixture
async def tg(db: str) -> AsyncIterator[Harness]:
    async with running("telegram") as built:
        yield built


async def send_until_stopped(worker: OutboxWorker, stop: asyncio.Event) -> None:
    while not stop.is_set():
        if not await worker.run_once():
            await asyncio.sleep(0.01)


async def test_each_message_is_answered_exactly_once_under_faults(tg: Harness) -> None:
    fake: FakeTelegramAPI = tg.vendor
    fake.fault_rate = 0.3
    deliveries = [(str(7_000_000 + n), str(50_000 + n)) for n in range(MESSAGES)] * 3
    random.Random(11).shuffle(deliveries)
    sender = tg.worker.senders["telegram"]
    racers = [
        OutboxWorker({"telegram": sender}, clock=tg.clock, backoff=Backoff(1, 30), worker_id=w)
        for w in ("a", "b")
    ]
    stop = asyncio.Event()
    running_workers = [asyncio.create_task(send_until_stopped(w, stop)) for w in racers]
    for start in range(0, len(deliveries), 30):
        batch = deliveries[start : start + 30]
        statuses = await asyncio.gather(*(tg.post_text(u, "warm up?", i) for u, i in batch))
        assert set(statuses) == {200}
    await tg.inbox.drain()
    stop.set()
    await asyncio.gather(*running_workers)
    await tg.settle(rounds=100)

    per_chat = Counter(m.chat_id for m in fake.sent)
    assert len(per_chat) == MESSAGES
    assert set(per_chat.values()) == {1}
    assert await Message.filter(direction="in").count() == MESSAGES
    assert await OutboxMessage.filter(status=OutboxStatus.SENT).count() == MESSAGES
    failed_calls = len(fake.calls_of("sendMessage")) - MESSAGES
    assert failed_calls > MESSAGES * 0.2  # the faults really happened, and were retried
