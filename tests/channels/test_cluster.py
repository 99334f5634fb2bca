"""The cluster pieces of one process: the shared-database warning and outbox hand-back."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime

import pytest

from bot.broadcast import PostgresBroadcast
from bot.handover import release_outbox_claims
from bot.messages import OutboundMessage
from bot.outbox import enqueue
from bot.settings import Settings
from channels.cluster import Cluster
from models import ChannelAccount, EndUser, OutboxMessage, OutboxStatus
from models.db import dialect
from tests import factories


async def test_several_processes_without_redis_warn_once(
    db: str, caplog: pytest.LogCaptureFixture
) -> None:
    if dialect(db) != "postgres":
        pytest.skip("SQLite serves one process; there is nobody to share limits with")
    this = Cluster.build(Settings(database_url=db, cluster={"node_name": "node-one"}))
    other = PostgresBroadcast(db, node="node-two")
    stop = asyncio.Event()
    listening = asyncio.create_task(other.run(stop))
    try:
        await asyncio.wait_for(other.listening.wait(), 10)
        assert await this.peers() == 1
        with caplog.at_level(logging.WARNING, logger="channels.cluster"):
            await this.check_shared_limits()
            await this.check_shared_limits()
        warnings = [r for r in caplog.records if "PARLEY_REDIS_URL" in r.getMessage()]
        assert len(warnings) == 1
        shared = Cluster.build(
            Settings(
                database_url=db, redis_url="redis://127.0.0.1:6379/0", cluster={"node_name": "n3"}
            )
        )
        caplog.clear()
        await shared.check_shared_limits()
        assert not caplog.records  # Redis shares the limits: nothing to warn about
    finally:
        stop.set()
        await asyncio.wait_for(listening, 10)


async def test_stopping_worker_hands_back_only_its_own_claims(db: str) -> None:
    owner = await factories.creator()
    bot = await factories.bot(owner, "handover")
    user = await EndUser.create(creator_id=owner.id, bot=bot, external_id="u", channel="web")
    account = await ChannelAccount.create(
        creator_id=owner.id, bot=bot, end_user=user, channel="web", external_id="s-1"
    )
    now = datetime.now(UTC)
    for n, claim in enumerate(["node-one/batch1", "node-one/batch2", "node-two/batch1"]):
        row = await enqueue(
            bot_id=bot.id, channel_account_id=account.id, channel="web",
            outbound=OutboundMessage(text=f"m{n}"), idempotency_key=f"k{n}", now=now,
        )  # fmt: skip
        await OutboxMessage.filter(id=row.id).update(
            status=OutboxStatus.SENDING, claimed_by=claim, claimed_at=now
        )
    assert await release_outbox_claims("node-one") == 2
    left = await OutboxMessage.filter(status=OutboxStatus.SENDING).values_list(
        "claimed_by", flat=True
    )
    assert left == ["node-two/batch1"]
    assert await OutboxMessage.filter(status=OutboxStatus.PENDING, claimed_by=None).count() == 2
