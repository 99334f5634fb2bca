"""Vendor send limits shared by processes: two WhatsApp workers, one budget per sender number."""

from __future__ import annotations

import asyncio
import time
import uuid

import pytest

from bot import outbox
from bot.messages import OutboundMessage
from bot.outbox import OutboxWorker
from bot.ratelimit import Rate, build_rate_limiter
from channels.whatsapp import WhatsAppSender
from models import ChannelAccount, OutboxMessage, OutboxStatus
from tests.bot.test_ratelimit import REDIS_URL, redis_or_skip
from tests.channels.harness import running

pytestmark = pytest.mark.filterwarnings("ignore:BasicAuth is deprecated:DeprecationWarning")
USER = "+15550001"


async def test_two_workers_share_one_whatsapp_budget_per_sender(db: str) -> None:
    await redis_or_skip()
    async with running("whatsapp") as wa:
        assert await wa.post_text(USER, "hello", wa.new_id()) == 200
        await wa.settle()
        account = await ChannelAccount.get(external_id=USER)
        for n in range(6):
            await outbox.enqueue(
                bot_id=wa.bot.id, channel_account_id=account.id, channel="whatsapp",
                outbound=OutboundMessage(text=f"note {n}"), idempotency_key=f"note-{n}",
                now=wa.clock.now(),
            )  # fmt: skip
        clients = wa.worker.senders["whatsapp"].clients  # type: ignore[attr-defined]
        prefix = f"test-{uuid.uuid4().hex}"  # this run's own budget in the shared Redis
        workers = []
        for _ in range(2):  # two processes: their own sender and limiter, one Redis
            sender = WhatsAppSender(clients, limiter=build_rate_limiter(REDIS_URL, prefix=prefix))
            sender.per_sender = Rate(2, 1)
            workers.append(OutboxWorker({"whatsapp": sender}, clock=wa.clock, batch_size=3))
        started = time.monotonic()
        assert sum(await asyncio.gather(*(w.run_once() for w in workers))) == 6
        elapsed = time.monotonic() - started
        assert await OutboxMessage.filter(status=OutboxStatus.SENT).count() == 7
        notes = [t for t in wa.replies(USER) if t.startswith("note")]
        assert sorted(notes) == [f"note {n}" for n in range(6)]
        assert elapsed >= 2.0  # 6 sends at 2/s shared: windows at 0 s, 1 s and 2 s
        await wa.settle()  # the fake's status callbacks reach the app before it closes
