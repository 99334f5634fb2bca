"""The outbox worker: claims due rows, hands each to its channel's `Sender`, records the outcome.

Outcomes: sent; retried later with exponential backoff and jitter; held outside WhatsApp's
window; cancelled for a blocked account; failed for good after `max_attempts`. `run()` keeps
one loop per lane, so a reply is claimed and handed to its sender while a batch of scheduled
sends still waits for the vendor's rate (senders serve the interactive lane first); meanwhile
the worker renews the leases of the rows it holds, so no other process reclaims and resends
them. The worker is a system process, so its queries span every creator; everything it touches
is keyed by id.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable, Collection, Iterable, Mapping
from datetime import datetime, timedelta
from functools import partial
from itertools import groupby
from typing import Any
from uuid import UUID

from tortoise.transactions import in_transaction

from bot import window
from bot.claims import Leases, worker_name
from bot.clock import Clock
from bot.messages import OutboundMessage
from bot.outbox.claim import OUTBOX, claim_due, reclaim_stale
from bot.outbox.contract import Backoff, Delivery, Sender, SendFailed, SendResult
from bot.outbox.rows import mark_blocked
from models import ChannelAccount, DeliveryStatus, Lane, Message, OutboxMessage, OutboxStatus

log = logging.getLogger(__name__)
PARTS_DONE = "parts_done"  # payload key: parts of a split message already delivered
ALL_LANES: tuple[Lane, ...] = tuple(Lane)


class OutboxWorker:
    """Claims due rows in batches and sends them; several workers may run side by side."""

    def __init__(
        self,
        senders: Mapping[str, Sender],
        *,
        clock: Clock,
        worker_id: str | None = None,
        batch_size: int = 50,
        lease: timedelta = timedelta(minutes=5),
        backoff: Backoff | None = None,
        rng: random.Random | None = None,
        poll_interval_s: float = 0.5,
    ) -> None:
        self.senders = dict(senders)
        self.clock = clock
        self.worker_id = worker_name(worker_id, "worker")
        self.batch_size = batch_size
        self.lease = lease
        self.backoff = backoff or Backoff()
        self.rng = rng or random.Random()
        self.poll_interval_s = poll_interval_s
        self._wake = {lane: asyncio.Event() for lane in Lane}
        self._reclaimed_at: datetime | None = None  # when the run loop last reclaimed
        self._leases = Leases(OUTBOX, clock=clock, lease=lease)  # the batches in flight

    def wake(self, lane: Lane | None = None) -> None:
        """Something was enqueued: look for due rows now instead of at the next poll."""
        for each in ALL_LANES if lane is None else (lane,):
            self._wake[each].set()

    async def run(self, stop: asyncio.Event) -> None:
        """Send until `stop` is set; a restart resumes whatever was left (rows live in the DB).
        The leases of rows in flight are renewed until the last has landed, after `stop` too."""
        lanes = asyncio.gather(*(self._run_lane(lane, stop) for lane in Lane))
        await self._leases.kept_during(lanes, every_s=self.poll_interval_s)

    async def _run_lane(self, lane: Lane, stop: asyncio.Event) -> None:
        """Keep up to `batch_size` rows of one lane in flight, claiming more as sends finish:
        a send waiting for its chat's rate never holds back the lane's next rows."""
        flight = Flight(lane, self.batch_size, self._leases)
        try:
            while not stop.is_set():
                self._wake[lane].clear()  # before claiming: a wake during the claim is kept
                if flight.room() and await self._claim_into(flight):
                    continue
                events = (stop, self._wake[lane], flight.freed)
                waiters = [asyncio.ensure_future(e.wait()) for e in events]
                await asyncio.wait(
                    waiters, timeout=self.poll_interval_s, return_when="FIRST_COMPLETED"
                )
                for waiter in waiters:
                    waiter.cancel()
                flight.freed.clear()
        finally:
            await flight.land()

    async def _claim_into(self, flight: Flight) -> int:
        await self._reclaim_now_and_then()
        token, rows = await self.claim((flight.lane,), limit=flight.room())
        for group in by_account(rows):
            flight.start(group, token, partial(self._send_in_order, group, token))
        return len(rows)

    async def run_once(self, lanes: Collection[Lane] = ALL_LANES) -> int:
        """Reclaim expired leases, claim one batch, send it; returns how many rows were handled."""
        await self.reclaim_stale()
        token, rows = await self.claim(lanes)
        await asyncio.gather(*(self._send_in_order(group, token) for group in by_account(rows)))
        return len(rows)

    async def reclaim_stale(self) -> int:
        return await reclaim_stale(self.clock.now(), self.lease)

    async def _reclaim_now_and_then(self) -> None:
        """The run loop reclaims expired leases every tenth of a lease, not at every poll: a
        row waits out its lease (minutes) anyway, and each poll then costs one statement."""
        now = self.now()
        last = self._reclaimed_at
        if last is None or not timedelta(0) <= now - last < self.lease / 10:
            self._reclaimed_at = now
            await self.reclaim_stale()

    async def claim(
        self, lanes: Collection[Lane] = ALL_LANES, *, limit: int | None = None
    ) -> tuple[str, list[OutboxMessage]]:
        """Atomically mark up to `limit` (`batch_size`) due rows as ours; no other worker gets
        them."""
        return await claim_due(
            self.worker_id,
            now=self.now(),
            channels=self.senders,
            limit=limit or self.batch_size,
            lanes=lanes,
        )

    async def _send_in_order(self, rows: list[OutboxMessage], token: str) -> None:
        account = rows[0].channel_account  # shared, so a block seen on one row stops the rest
        for index, row in enumerate(rows):  # one account's messages go out in order
            row.channel_account = account
            retry_at = await self.deliver(row, token)
            if retry_at is not None:  # the rest wait behind it, never overtake it
                await self._put_back(rows[index + 1 :], token, retry_at)
                return

    async def _put_back(self, rows: list[OutboxMessage], token: str, due: datetime) -> None:
        if rows:
            await OutboxMessage.filter(id__in=[r.id for r in rows], claimed_by=token).update(
                status=OutboxStatus.PENDING, claimed_by=None, next_attempt_at=due
            )

    async def deliver(self, row: OutboxMessage, token: str) -> datetime | None:
        """Send one row and record the outcome; when it will be tried again, when."""
        account = row.channel_account
        if account.blocked:
            await self._finish(row, token, OutboxStatus.CANCELLED, "the user blocked the bot")
            return None
        sender = self.senders[row.channel]
        mode = self._window_mode(row, account, sender)
        if mode is window.WindowMode.HOLD:
            reason = window.hold_reason(last_inbound_at=account.last_inbound_at, now=self.now())
            await self._finish(row, token, OutboxStatus.BLOCKED_BY_WINDOW, reason)
            return None
        delivery = to_delivery(row, use_template=mode is window.WindowMode.TEMPLATE)
        try:
            result = await sender.send(delivery)
        except SendFailed as exc:
            return await self._failed(row, token, exc)
        except Exception as exc:  # a sender bug must not strand the row in SENDING
            log.exception("outbox %s: sender %s crashed", row.id, row.channel)
            return await self._failed(row, token, SendFailed(repr(exc), retryable=True))
        await self._sent(row, token, result)
        return None

    def now(self) -> datetime:
        return self.clock.now()

    def _window_mode(
        self, row: OutboxMessage, account: ChannelAccount, sender: Sender
    ) -> window.WindowMode:
        if sender.window is None:
            return window.WindowMode.FREE_FORM
        return window.decide(
            last_inbound_at=account.last_inbound_at,
            window_closed_at=account.window_closed_at,
            now=self.now(),
            has_template=bool(row.template),
            window=sender.window,
        )

    async def _sent(self, row: OutboxMessage, token: str, result: SendResult) -> None:
        async with in_transaction():  # one commit (one fsync on SQLite) for both rows
            await self._mark_sent(row, token, result)

    async def _mark_sent(self, row: OutboxMessage, token: str, result: SendResult) -> None:
        now = self.now()
        updated = await OutboxMessage.filter(id=row.id, claimed_by=token).update(
            status=OutboxStatus.SENT,
            attempts=row.attempts + 1,
            sent_at=now,
            last_error=None,
            external_message_id=result.external_message_id,
        )
        if updated and row.message_id is not None:
            await Message.filter(id=row.message_id).update(
                delivery_status=DeliveryStatus.SENT,
                external_message_id=result.external_message_id,
            )

    async def _failed(self, row: OutboxMessage, token: str, exc: SendFailed) -> datetime | None:
        attempts = row.attempts + 1
        payload = progress(row.payload, exc.parts_sent)
        if exc.blocked:
            await mark_blocked(row.channel_account, now=self.now(), reason=exc.reason)
        if exc.retryable and not exc.blocked and attempts < row.max_attempts:
            due = self.now() + timedelta(
                seconds=self.backoff.delay(attempts, self.rng, exc.retry_after)
            )
            await OutboxMessage.filter(id=row.id, claimed_by=token).update(
                status=OutboxStatus.PENDING,
                attempts=attempts,
                payload=payload,
                next_attempt_at=due,
                claimed_by=None,
                last_error=exc.reason,
            )
            return due
        reason = exc.reason if attempts < row.max_attempts else f"gave up: {exc.reason}"
        await self._finish(
            row, token, OutboxStatus.FAILED, reason, attempts=attempts, code=exc.code
        )
        return None

    async def _finish(
        self,
        row: OutboxMessage,
        token: str,
        status: OutboxStatus,
        reason: str,
        *,
        attempts: int | None = None,
        code: str | None = None,
    ) -> None:
        async with in_transaction():
            updated = await OutboxMessage.filter(id=row.id, claimed_by=token).update(
                status=status, last_error=reason, attempts=attempts or row.attempts
            )
            if not updated or row.message_id is None:
                return
            delivery = DeliveryStatus.QUEUED
            if status in (OutboxStatus.FAILED, OutboxStatus.CANCELLED):
                delivery = DeliveryStatus.FAILED
            await Message.filter(id=row.message_id).update(
                delivery_status=delivery, error_code=code or status.value, error_message=reason
            )


class Flight:
    """The rows of one lane being sent: one task per channel account, an account's next rows
    chained after its current ones (they go out in order); `freed` is set as rows land. Each
    task holds its batch's lease in `leases` until it lands, waiting its turn included."""

    def __init__(self, lane: Lane, capacity: int, leases: Leases[OutboxMessage]) -> None:
        self.lane = lane
        self.capacity = capacity
        self.leases = leases
        self.freed = asyncio.Event()
        self._rows: dict[asyncio.Task[None], int] = {}
        self._last_of: dict[UUID, asyncio.Task[None]] = {}

    def room(self) -> int:
        """Rows to claim now: none until half the capacity is free, so a long backlog is
        claimed in batches rather than one query per finished send."""
        free = self.capacity - sum(self._rows.values())
        return free if free >= max(1, self.capacity // 2) else 0

    def start(
        self, rows: list[OutboxMessage], token: str, send: Callable[[], Awaitable[None]]
    ) -> None:
        account = rows[0].channel_account_id
        previous = self._last_of.get(account)
        task = asyncio.create_task(self._after(previous, send))
        self._rows[task] = len(rows)
        self._last_of[account] = task
        self.leases.hold(token)
        task.add_done_callback(lambda done: self._landed(done, account, token))

    async def _after(
        self, previous: asyncio.Task[None] | None, send: Callable[[], Awaitable[None]]
    ) -> None:
        if previous is not None:
            await asyncio.wait([previous])
        await send()

    def _landed(self, task: asyncio.Task[None], account: UUID, token: str) -> None:
        self._rows.pop(task, None)
        self.leases.release(token)
        if self._last_of.get(account) is task:
            del self._last_of[account]
        if not task.cancelled() and task.exception() is not None:
            log.error(
                "outbox lane %s: a send task failed", self.lane.name, exc_info=task.exception()
            )
        self.freed.set()

    async def land(self) -> None:
        """Let the rows in flight finish (stopping mid-send would leave them to the lease)."""
        await asyncio.gather(*self._rows, return_exceptions=True)


def to_delivery(row: OutboxMessage, *, use_template: bool) -> Delivery:
    return Delivery(
        outbox_id=row.id,
        bot_id=row.bot_id,
        channel=row.channel,
        to=row.channel_account.external_id,
        outbound=OutboundMessage.from_json(row.payload),
        use_template=use_template,
        parts_done=int(row.payload.get(PARTS_DONE, 0)),
        attempt=row.attempts + 1,
        lane=Lane(row.lane),
    )


def progress(payload: dict[str, Any], parts_sent: int) -> dict[str, Any]:
    """The payload with the parts delivered so far, so a retry does not resend them."""
    if not parts_sent:
        return payload
    return {**payload, PARTS_DONE: int(payload.get(PARTS_DONE, 0)) + parts_sent}


def by_account(rows: Iterable[OutboxMessage]) -> list[list[OutboxMessage]]:
    """Rows grouped per channel account, each group in creation order."""
    ordered = sorted(rows, key=lambda r: (str(r.channel_account_id), r.created_at))
    return [list(g) for _, g in groupby(ordered, key=lambda r: r.channel_account_id)]
