"""Outbox leases: a live worker keeps the rows it holds in flight, a dead one's come back once.

Rows may wait in flight longer than a lease (the vendor's rate is shared); another worker's
`reclaim_stale` must then find nothing to reclaim, or a learner gets the message twice. The
clock is a `FakeClock` and the lease 0.6 s of it, so the worker looks for due renewals every
0.1 s of real time; each step waits for the renewal it expects, never for a fixed time.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from uuid import UUID

import pytest

from bot import claims
from bot.clock import FakeClock
from bot.outbox import Delivery, OutboxWorker, SendResult
from bot.outbox.claim import OUTBOX
from models import Bot, DeliveryStatus, Message, OutboxMessage, OutboxStatus
from tests import factories
from tests.bot.test_outbox import T0, FakeSender, account, fail_times, outbound_message, put, worker
from tests.sqlcount import counting

LEASE = timedelta(seconds=0.6)


@pytest.fixture
async def bot_row(db: str) -> Bot:
    return await factories.bot(await factories.creator())


@dataclass
class HeldSender(FakeSender):
    """A sender whose deliveries to the chats in `held` wait until `release` is set, as rows
    wait for a vendor's rate; `entered` is set once such a delivery started."""

    held: set[str] = field(default_factory=set)
    entered: asyncio.Event = field(default_factory=asyncio.Event)
    release: asyncio.Event = field(default_factory=asyncio.Event)

    async def send(self, delivery: Delivery) -> SendResult:
        if delivery.to not in self.held:
            return await super().send(delivery)
        self.deliveries.append(delivery)
        self.entered.set()
        await self.release.wait()
        return SendResult(external_message_id=f"ext-{delivery.outbox_id}")


def live_worker(sender: FakeSender, clock: FakeClock, worker_id: str) -> OutboxWorker:
    """Lanes that poll rarely (a landed send or `stop` wakes them); leases looked after every
    0.1 s of real time."""
    return worker(sender, clock, lease=LEASE, worker_id=worker_id, poll_interval_s=30)


async def kill(task: asyncio.Task[None]) -> None:
    """What SIGKILL leaves of a worker: its tasks end where they are, nothing lands or renews.
    (A cancelled worker lands its rows in flight first; cancelling again cancels them.)"""
    while not task.done():
        task.cancel()
        await asyncio.wait([task], timeout=0.05)


@asynccontextmanager
async def running(w: OutboxWorker) -> AsyncIterator[asyncio.Task[None]]:
    """`w.run()` for the block, stopped after it (unless the block killed it)."""
    stop = asyncio.Event()
    task = asyncio.create_task(w.run(stop))
    try:
        yield task
    except BaseException:
        await kill(task)  # a held send would keep a graceful stop waiting forever
        raise
    if not task.done():
        stop.set()
        await task


async def until(check: Callable[[], Awaitable[bool]], what: str) -> None:
    for _ in range(100):  # 2 s at most: a renewal is due within 0.1 s
        if await check():
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"timed out waiting until {what}")


async def renewed(row_id: UUID, at: datetime) -> None:
    async def check() -> bool:
        return (await OutboxMessage.get(id=row_id)).claimed_at == at

    await until(check, f"the lease of {row_id} was renewed at {at}")


async def test_a_row_held_longer_than_the_lease_by_a_live_worker_is_sent_once(
    bot_row: Bot,
) -> None:
    row = await put(await account(bot_row, "slow"), "k1")
    clock = FakeClock(T0)
    sender, elsewhere = HeldSender(held={"slow"}), FakeSender()
    other = worker(elsewhere, clock, lease=LEASE, worker_id="other")
    async with running(live_worker(sender, clock, "live")):
        await sender.entered.wait()
        with counting() as sql:
            for _ in range(4):  # two leases in all, each step past a renewal's due time
                await renewed(row.id, clock.advance(LEASE / 2))
                assert await other.run_once() == 0  # its reclaim finds nothing stale
        renewals = [s for s in sql.sent if "SET claimed_at" in s]
        assert len(renewals) == 4, sql.report()  # once per due time, however often it looked
        sender.release.set()
    await row.refresh_from_db()
    assert sender.sent_ids() == [str(row.id)] and elsewhere.deliveries == []
    assert (row.status, row.attempts) == (OutboxStatus.SENT, 1)
    assert (row.claimed_by or "").startswith("live/")


async def test_a_renewal_that_failed_is_tried_again_at_the_next_look(
    bot_row: Bot, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A database error in one renewal (a dropped connection) neither stops the renewals nor
    the worker: the next look renews, and the row is still sent once."""
    row = await put(await account(bot_row, "slow"), "k1")
    clock = FakeClock(T0)
    sender = HeldSender(held={"slow"})
    real_renew, failures = claims.renew, []

    async def flaky_renew(*args: object, **kwargs: object) -> int:
        if not failures:
            failures.append(clock.now())
            raise ConnectionError("connection to the database was lost")
        return await real_renew(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(claims, "renew", flaky_renew)
    async with running(live_worker(sender, clock, "live")) as live:
        await sender.entered.wait()
        due = clock.advance(LEASE / 2)
        await renewed(row.id, due)  # the first attempt failed, a later look renewed
        assert failures == [due] and not live.done()
        sender.release.set()
    await row.refresh_from_db()
    assert (row.status, sender.sent_ids()) == (OutboxStatus.SENT, [str(row.id)])
    assert "renewing leases failed" in caplog.text


async def test_a_dead_workers_row_comes_back_a_lease_after_its_last_renewal(bot_row: Bot) -> None:
    row = await put(await account(bot_row, "slow"), "k1")
    clock = FakeClock(T0)
    sender, elsewhere = HeldSender(held={"slow"}), FakeSender()
    other = worker(elsewhere, clock, lease=LEASE, worker_id="other")
    async with running(live_worker(sender, clock, "live")) as live:
        await sender.entered.wait()
        await renewed(row.id, clock.advance(LEASE / 2))
        await kill(live)
    clock.advance(LEASE * 0.9)  # 1.2 leases since the claim, 0.9 since the renewal
    assert await other.run_once() == 0
    clock.advance(LEASE * 0.2)
    assert await other.run_once() == 1
    await row.refresh_from_db()
    assert elsewhere.sent_ids() == [str(row.id)]
    assert len(sender.deliveries) == 1 and not sender.release.is_set()  # died mid-send
    assert row.status == OutboxStatus.SENT and (row.claimed_by or "").startswith("other/")


async def test_renewal_touches_only_this_workers_rows_still_in_flight(bot_row: Bot) -> None:
    clock = FakeClock(T0)
    theirs = await put(await account(bot_row, "theirs"), "theirs")
    stalled = worker(FakeSender(), clock, lease=LEASE, worker_id="stalled")
    their_token, _ = await stalled.claim()  # a process that stopped before sending
    later = await put(await account(bot_row, "later"), "later")
    await OutboxMessage.filter(id=later.id).update(next_attempt_at=T0 + timedelta(hours=1))
    fast = await put(await account(bot_row, "fast"), "fast")
    slow = await put(await account(bot_row, "slow"), "slow")  # claimed with fast, one batch
    sender = HeldSender(held={"slow"})

    async def fast_sent() -> bool:
        return (await OutboxMessage.get(id=fast.id)).status == OutboxStatus.SENT

    async with running(live_worker(sender, clock, "live")):
        await sender.entered.wait()
        await until(fast_sent, "the fast row was sent")
        await renewed(slow.id, clock.advance(LEASE / 2))
        rows = {r.id: r for r in await OutboxMessage.all()}
        assert (rows[fast.id].status, rows[fast.id].claimed_at) == (OutboxStatus.SENT, T0)
        assert (rows[theirs.id].claimed_by, rows[theirs.id].claimed_at) == (their_token, T0)
        assert (rows[later.id].status, rows[later.id].claimed_at) == (OutboxStatus.PENDING, None)
        sender.release.set()
    statuses = {r.id: r.status for r in await OutboxMessage.all()}
    assert statuses[slow.id] == statuses[fast.id] == OutboxStatus.SENT
    clock.advance(LEASE * 0.6)  # the stalled worker's lease ran out: nobody kept it
    assert await claims.reclaim_stale(OUTBOX, clock.now(), LEASE) == 1
    assert (await OutboxMessage.get(id=theirs.id)).status == OutboxStatus.PENDING


async def test_renew_moves_only_the_given_batches_rows_still_sending(bot_row: Bot) -> None:
    acc = await account(bot_row)
    rows = [await put(acc, f"k{i}") for i in range(3)]
    ours, _ = await claims.claim_due(OUTBOX, "w", now=T0, limit=2)
    mine_done = rows[0].id
    await OutboxMessage.filter(id=mine_done).update(status=OutboxStatus.SENT)
    theirs, _ = await claims.claim_due(OUTBOX, "v", now=T0, limit=2)
    at = T0 + timedelta(minutes=1)
    assert await claims.renew(OUTBOX, [ours, "w/gone"], at) == 1
    found = {r.id: (r.claimed_by, r.claimed_at) for r in await OutboxMessage.all()}
    assert found == {rows[0].id: (ours, T0), rows[1].id: (ours, at), rows[2].id: (theirs, T0)}


@pytest.mark.parametrize(
    "retryable", [None, True, False], ids=["sent", "retried-and-put-back", "failed-for-good"]
)
async def test_a_worker_that_lost_its_lease_never_overwrites_the_next_outcome(
    bot_row: Bot, retryable: bool | None
) -> None:
    """A process frozen past its lease wakes up and finishes the send it was in (that send
    cannot be taken back); what it records must not replace what the new holder recorded."""
    acc = await account(bot_row)
    messages = [await outbound_message(bot_row, acc) for _ in range(2)]
    rows = [await put(acc, f"k{i}", message=m) for i, m in enumerate(messages)]
    clock = FakeClock(T0)
    late = None if retryable is None else fail_times(1, retryable=retryable)
    frozen = worker(FakeSender(script=late), clock, lease=LEASE, worker_id="frozen")
    token, claimed = await frozen.claim()
    clock.advance(LEASE * 2)

    def other_result(delivery: Delivery) -> SendResult:
        return SendResult(external_message_id=f"other-{delivery.outbox_id}")

    other = worker(FakeSender(script=other_result), clock, lease=LEASE, worker_id="other")
    assert await other.run_once() == 2
    await frozen._send_in_order(claimed, token)  # its first row's outcome: `retryable`
    for row, message in zip(rows, messages, strict=True):
        await row.refresh_from_db()
        await message.refresh_from_db()
        assert (row.status, row.attempts, row.last_error) == (OutboxStatus.SENT, 1, None)
        assert row.external_message_id == message.external_message_id == f"other-{row.id}"
        assert message.delivery_status == DeliveryStatus.SENT
    assert await Message.filter(error_code__not_isnull=True).count() == 0
