"""The outbox: atomic claims on both dialects, backoff, permanent failure, restart, windows."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from tortoise import connections
from tortoise.transactions import in_transaction

from bot import claims, outbox
from bot.clock import FakeClock
from bot.messages import Button, OutboundMessage, Template
from bot.outbox import Backoff, Delivery, OutboxWorker, SendFailed, SendResult
from bot.outbox.claim import OUTBOX
from bot.rawsql import Params
from models import (
    Bot,
    ChannelAccount,
    ChannelType,
    DeliveryStatus,
    Direction,
    EndUser,
    Lane,
    Message,
    OutboxMessage,
    OutboxStatus,
    SenderType,
)
from tests import factories

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
Script = Callable[[Delivery], SendResult]


@dataclass
class FakeSender:
    """Records every delivery; `script` may raise SendFailed to simulate the vendor."""

    window: timedelta | None = None
    script: Script | None = None
    deliveries: list[Delivery] = field(default_factory=list)
    pause_s: float = 0.0

    async def send(self, delivery: Delivery) -> SendResult:
        self.deliveries.append(delivery)
        if self.pause_s:
            await asyncio.sleep(self.pause_s)
        if self.script is not None:
            return self.script(delivery)
        return SendResult(external_message_id=f"ext-{delivery.outbox_id}")

    def sent_ids(self) -> list[str]:
        return [str(d.outbox_id) for d in self.deliveries]


def fail_times(n: int, **kwargs: object) -> Script:
    calls = {"n": 0}

    def script(delivery: Delivery) -> SendResult:
        calls["n"] += 1
        if calls["n"] <= n:
            raise SendFailed(f"boom {calls['n']}", **kwargs)  # type: ignore[arg-type]
        return SendResult(external_message_id=f"ext-{delivery.outbox_id}")

    return script


@pytest.fixture
async def bot_row(db: str) -> Bot:
    return await factories.bot(await factories.creator())


async def account(bot: Bot, external_id: str = "u1", **fields: Any) -> ChannelAccount:
    user = await EndUser.create(
        creator_id=bot.creator_id, bot=bot, external_id=external_id, channel="telegram"
    )
    return await ChannelAccount.create(
        bot=bot, end_user=user, channel=ChannelType.TELEGRAM, external_id=external_id, **fields
    )


async def put(
    acc: ChannelAccount,
    key: str,
    *,
    text: str = "hello",
    template: Template | None = None,
    message: Message | None = None,
) -> OutboxMessage:
    return await outbox.enqueue(
        bot_id=acc.bot_id,
        channel_account_id=acc.id,
        channel="telegram",
        outbound=OutboundMessage(text=text, template=template),
        idempotency_key=key,
        now=T0,
        message_id=message.id if message else None,
    )


async def outbound_message(bot: Bot, acc: ChannelAccount) -> Message:
    conv = await factories.conversation(await EndUser.get(id=acc.end_user_id))
    return await Message.create(
        conversation=conv,
        bot=bot,
        channel="telegram",
        direction=Direction.OUTBOUND,
        sender_type=SenderType.AI,
        content="hello",
    )


def worker(sender: FakeSender, clock: FakeClock, **kwargs: object) -> OutboxWorker:
    return OutboxWorker(
        {"telegram": sender},
        clock=clock,
        rng=random.Random(7),
        **kwargs,  # type: ignore[arg-type]
    )


async def drain(w: OutboxWorker) -> None:
    while await w.run_once():
        pass


async def test_enqueue_same_key_twice_keeps_one_row(bot_row: Bot) -> None:
    acc = await account(bot_row)
    first = await put(acc, "reply:1")
    again = await put(acc, "reply:1", text="other")
    assert again.id == first.id
    assert await OutboxMessage.all().count() == 1


async def test_racing_workers_never_send_a_row_twice(bot_row: Bot) -> None:
    accounts = [await account(bot_row, f"u{i}") for i in range(10)]
    for i in range(80):
        await put(accounts[i % 10], f"k{i}")
    clock = FakeClock(T0)
    sender = FakeSender(pause_s=0.001)
    workers = [worker(sender, clock, batch_size=7, worker_id=f"w{i}") for i in range(4)]
    for _ in range(40):
        await asyncio.gather(*(w.run_once() for w in workers))
    ids = sender.sent_ids()
    assert len(ids) == 80
    assert len(set(ids)) == 80
    assert await OutboxMessage.filter(status=OutboxStatus.SENT).count() == 80


async def test_concurrent_claims_are_disjoint(bot_row: Bot) -> None:
    acc = await account(bot_row)
    for i in range(30):
        await put(acc, f"k{i}")
    clock = FakeClock(T0)
    workers = [worker(FakeSender(), clock, batch_size=10, worker_id=f"w{i}") for i in range(5)]
    claims = await asyncio.gather(*(w.claim() for w in workers))
    claimed = [row.id for _, rows in claims for row in rows]
    assert len(claimed) == len(set(claimed)) == 30
    # SKIP LOCKED lets a worker take a partial batch while another holds rows: what holds is
    # that no batch is over its size and every row has exactly one claimer
    assert all(len(rows) <= 10 for _, rows in claims)
    tokens = {row.claimed_by for _, rows in claims for row in rows}
    assert 3 <= len(tokens) <= 5


def test_backoff_doubles_with_jitter_and_caps() -> None:
    rng = random.Random(1)
    policy = Backoff(base_s=2.0, cap_s=60.0)
    for attempt, ceiling in [(1, 2), (2, 4), (3, 8), (4, 16), (5, 32), (6, 60), (12, 60)]:
        delays = [policy.delay(attempt, rng) for _ in range(50)]
        assert all(ceiling / 2 <= d <= ceiling for d in delays)
        assert len({round(d, 6) for d in delays}) > 1  # jittered, not lock-step


def test_backoff_honours_retry_after() -> None:
    delay = Backoff(base_s=2.0).delay(1, random.Random(1), retry_after=17)
    assert 17 <= delay <= 18


async def test_retryable_failure_is_retried_after_backoff_and_sent_once(bot_row: Bot) -> None:
    acc = await account(bot_row)
    row = (
        await put(acc, "k1", message=msg) if (msg := await outbound_message(bot_row, acc)) else None
    )
    assert row is not None
    clock = FakeClock(T0)
    sender = FakeSender(script=fail_times(2, retryable=True, retry_after=30))
    w = worker(sender, clock)
    await drain(w)
    await row.refresh_from_db()
    assert (row.status, row.attempts, row.last_error) == (OutboxStatus.PENDING, 1, "boom 1")
    assert timedelta(seconds=30) <= row.next_attempt_at - T0 <= timedelta(seconds=31)
    clock.advance(timedelta(seconds=10))
    await drain(w)
    assert len(sender.deliveries) == 1  # not due yet
    clock.advance(timedelta(minutes=5))
    await drain(w)
    clock.advance(timedelta(minutes=5))
    await drain(w)
    await row.refresh_from_db()
    assert (row.status, row.attempts, len(sender.deliveries)) == (OutboxStatus.SENT, 3, 3)
    await msg.refresh_from_db()
    assert msg.delivery_status == DeliveryStatus.SENT
    assert msg.external_message_id == f"ext-{row.id}"


async def test_permanent_failure_after_max_attempts(bot_row: Bot) -> None:
    acc = await account(bot_row)
    msg = await outbound_message(bot_row, acc)
    row = await put(acc, "k1", message=msg)
    await OutboxMessage.filter(id=row.id).update(max_attempts=3)
    clock = FakeClock(T0)
    sender = FakeSender(script=fail_times(99, retryable=True, code="500"))
    w = worker(sender, clock)
    for _ in range(6):
        await drain(w)
        clock.advance(timedelta(hours=1))
    await row.refresh_from_db()
    assert len(sender.deliveries) == 3
    assert row.status == OutboxStatus.FAILED
    assert row.last_error == "gave up: boom 3"
    await msg.refresh_from_db()
    assert (msg.delivery_status, msg.error_code) == (DeliveryStatus.FAILED, "500")


async def test_non_retryable_failure_stops_at_once(bot_row: Bot) -> None:
    acc = await account(bot_row)
    row = await put(acc, "k1")
    sender = FakeSender(script=fail_times(99, retryable=False))
    await drain(worker(sender, FakeClock(T0)))
    await row.refresh_from_db()
    assert (row.status, row.attempts, row.last_error) == (OutboxStatus.FAILED, 1, "boom 1")


async def test_restart_reclaims_rows_stuck_in_sending_after_the_lease(bot_row: Bot) -> None:
    acc = await account(bot_row)
    row = await put(acc, "k1")
    clock = FakeClock(T0)
    crashed = worker(FakeSender(), clock, worker_id="dead")
    _, claimed = await crashed.claim()  # the process dies here, before sending
    assert [r.id for r in claimed] == [row.id]
    sender = FakeSender()
    fresh = worker(sender, clock, lease=timedelta(minutes=5), worker_id="new")
    await drain(fresh)
    assert sender.deliveries == []  # the lease still holds
    clock.advance(timedelta(minutes=6))
    await drain(fresh)
    await drain(fresh)
    assert sender.sent_ids() == [str(row.id)]
    await row.refresh_from_db()
    assert row.status == OutboxStatus.SENT


async def test_blocked_account_is_never_sent_to(bot_row: Bot) -> None:
    acc = await account(bot_row, blocked=True)
    row = await put(acc, "k1")
    sender = FakeSender()
    await drain(worker(sender, FakeClock(T0)))
    await row.refresh_from_db()
    assert sender.deliveries == []
    assert (row.status, row.last_error) == (OutboxStatus.CANCELLED, "the user blocked the bot")


async def test_blocked_by_user_error_blocks_account_and_cancels_the_rest(bot_row: Bot) -> None:
    acc = await account(bot_row)
    first = await put(acc, "k1")
    second = await put(acc, "k2")
    sender = FakeSender(script=fail_times(99, retryable=False, blocked=True))
    await drain(worker(sender, FakeClock(T0)))
    await acc.refresh_from_db()
    assert acc.blocked and acc.blocked_at == T0
    statuses = {r.id: r.status for r in await OutboxMessage.all()}
    assert statuses == {first.id: OutboxStatus.FAILED, second.id: OutboxStatus.CANCELLED}
    assert len(sender.deliveries) == 1


async def test_one_accounts_messages_go_out_in_order(bot_row: Bot) -> None:
    acc = await account(bot_row)
    for i in range(5):
        await put(acc, f"k{i}", text=f"part {i}")
    sender = FakeSender()
    await drain(worker(sender, FakeClock(T0)))
    assert [d.outbound.text for d in sender.deliveries] == [f"part {i}" for i in range(5)]


async def test_partial_split_send_resumes_after_the_delivered_parts(bot_row: Bot) -> None:
    acc = await account(bot_row)
    await put(acc, "k1", text="long")
    clock = FakeClock(T0)
    sender = FakeSender(script=fail_times(1, retryable=True, parts_sent=2))
    w = worker(sender, clock)
    await drain(w)
    clock.advance(timedelta(minutes=1))
    await drain(w)
    assert [d.parts_done for d in sender.deliveries] == [0, 2]


async def test_window_holds_free_form_and_uses_templates(bot_row: Bot) -> None:
    sender = FakeSender(window=timedelta(hours=24))
    clock = FakeClock(T0)
    stale = await account(bot_row, "old", last_inbound_at=T0 - timedelta(hours=30))
    fresh = await account(bot_row, "new", last_inbound_at=T0 - timedelta(hours=1))
    held = await put(stale, "held")
    templated = await put(stale, "tpl", template=Template("HX123", {"1": "Ann"}))
    free = await put(fresh, "free")
    await drain(worker(sender, clock))
    await held.refresh_from_db()
    assert held.status == OutboxStatus.BLOCKED_BY_WINDOW
    assert "outside the 24-hour window" in (held.last_error or "")
    modes = {str(d.outbox_id): d.use_template for d in sender.deliveries}
    assert modes == {str(templated.id): True, str(free.id): False}
    await ChannelAccount.filter(id=stale.id).update(last_inbound_at=T0)
    assert await outbox.release_held(stale, now=T0) == 1
    await drain(worker(sender, clock))
    await held.refresh_from_db()
    assert held.status == OutboxStatus.SENT


async def test_delivery_reports_update_the_message_and_never_go_backwards(bot_row: Bot) -> None:
    acc = await account(bot_row)
    msg = await outbound_message(bot_row, acc)
    await put(acc, "k1", message=msg)
    await drain(worker(FakeSender(), FakeClock(T0)))
    row = await OutboxMessage.get(idempotency_key="k1")
    ext = row.external_message_id or ""
    t1, t2 = T0 + timedelta(seconds=5), T0 + timedelta(seconds=9)
    await outbox.record_delivery(
        bot_id=bot_row.id, external_message_id=ext, status=DeliveryStatus.READ, at=t2
    )
    late = await outbox.record_delivery(
        bot_id=bot_row.id, external_message_id=ext, status=DeliveryStatus.DELIVERED, at=t1
    )
    assert late is not None
    assert (late.delivery_status, late.delivered_at, late.read_at) == (DeliveryStatus.READ, t2, t2)
    unknown = await outbox.record_delivery(
        bot_id=bot_row.id, external_message_id="nope", status=DeliveryStatus.READ, at=t2
    )
    assert unknown is None


async def test_failed_report_carries_the_error_code(bot_row: Bot) -> None:
    acc = await account(bot_row)
    msg = await outbound_message(bot_row, acc)
    await put(acc, "k1", message=msg)
    await drain(worker(FakeSender(), FakeClock(T0)))
    row = await OutboxMessage.get(idempotency_key="k1")
    failed = await outbox.record_delivery(
        bot_id=bot_row.id,
        external_message_id=row.external_message_id or "",
        status=DeliveryStatus.FAILED,
        at=T0,
        error_code="63016",
        error_message="outside the window",
    )
    assert failed is not None
    assert (failed.delivery_status, failed.error_code) == (DeliveryStatus.FAILED, "63016")


def test_buttons_survive_the_payload_round_trip() -> None:
    out = OutboundMessage(text="pick", buttons=(Button("Yes", "y"),))
    assert OutboundMessage.from_json({**out.to_json(), "parts_done": 1}) == out


async def test_a_claim_takes_due_rows_in_index_order_without_sorting_the_backlog(db: str) -> None:
    """Sorting every queued row costs a poll 50-100 ms once 100k nudges wait (measured), and
    replies queue behind it: the claim's order is an index's, and SQLite finds the claimed rows
    by key, not by walking every pending row."""
    conn = connections.get("default")
    p = Params(conn)
    only = claims.Only(among={"lane": [int(Lane.SCHEDULED)], "channel": ["telegram"]})
    sql = claims.claim_sql(OUTBOX, p, "w/1", T0, 10, only)
    if p.postgres:
        async with in_transaction() as tx:  # an empty table: make the planner show its index
            await tx.execute_query("SET LOCAL enable_seqscan = off")
            _, rows = await tx.execute_query(f"EXPLAIN {sql}", p.values)
        plan = [str(row[0]) for row in rows]
        assert not [step for step in plan if "Sort" in step], plan
    else:
        _, rows = await conn.execute_query(f"EXPLAIN QUERY PLAN {sql}", p.values)
        plan = [str(row[3]) for row in rows]
        assert not [step for step in plan if "TEMP B-TREE" in step], plan
        assert any("(id=?)" in step for step in plan), plan
