"""The persisted outbox: outbound messages are written first, then sent, retried, never twice.

`enqueue()` writes a row; an `OutboxWorker` claims due rows atomically (one worker per row, on
SQLite and PostgreSQL), hands each to the `Sender` of its channel, and records the outcome:
sent, retried later with exponential backoff and jitter, held outside WhatsApp's window,
cancelled for a blocked account, or failed for good after `max_attempts`. The worker is a
system process, so its queries span every creator; everything it touches is keyed by row id.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import groupby
from typing import Any, Protocol
from uuid import UUID, uuid4

from tortoise import connections
from tortoise.exceptions import IntegrityError
from tortoise.expressions import Subquery

from bot import window
from bot.clock import Clock
from bot.errors import ParleyError
from bot.messages import OutboundMessage
from models import ChannelAccount, DeliveryStatus, Message, OutboxMessage, OutboxStatus

log = logging.getLogger(__name__)
PARTS_DONE = "parts_done"  # payload key: parts of a split message already delivered
# PostgreSQL: racing workers skip each other's locked rows. The CTE is MATERIALIZED because an
# `IN (SELECT ... LIMIT n FOR UPDATE SKIP LOCKED)` subquery may be rescanned by the planner and
# then claim more than n rows (measured: one worker took 30 rows with a batch of 10).
PG_CLAIM = """
WITH due AS MATERIALIZED (
    SELECT id FROM outbox_message
    WHERE status = 'pending' AND next_attempt_at <= $1 AND channel = ANY($2::text[])
    ORDER BY next_attempt_at, created_at
    LIMIT $3
    FOR UPDATE SKIP LOCKED
)
UPDATE outbox_message AS o SET status = 'sending', claimed_by = $4, claimed_at = $1
FROM due WHERE o.id = due.id AND o.status = 'pending'
"""


async def enqueue(
    *,
    bot_id: UUID,
    channel_account_id: UUID,
    channel: str,
    outbound: OutboundMessage,
    idempotency_key: str,
    now: datetime,
    message_id: UUID | None = None,
    status: OutboxStatus = OutboxStatus.PENDING,
) -> OutboxMessage:
    """Write one outbound message to the outbox; the same key twice returns the first row.

    Insert first (a key is nearly always new: `reply:<message id>`); the unique key turns a
    repeat into an IntegrityError and only then is the first row read. Inside a PostgreSQL
    transaction a repeated key aborts that transaction: callers there pass fresh keys.
    """
    try:
        return await OutboxMessage.create(
            bot_id=bot_id,
            channel_account_id=channel_account_id,
            channel=channel,
            message_id=message_id,
            idempotency_key=idempotency_key,
            payload=outbound.to_json(),
            template=outbound.to_json()["template"],
            status=status,
            next_attempt_at=now,
            sent_at=now if status == OutboxStatus.SENT else None,
        )
    except IntegrityError:
        return await OutboxMessage.get(idempotency_key=idempotency_key)


# --- the sender contract ---------------------------------------------------------------------


@dataclass(frozen=True)
class Delivery:
    """One outbox row as a sender sees it: who, what, and how far an earlier attempt got."""

    outbox_id: UUID
    bot_id: UUID
    channel: str
    to: str  # ChannelAccount.external_id
    outbound: OutboundMessage
    use_template: bool = False
    parts_done: int = 0
    attempt: int = 1


@dataclass(frozen=True)
class SendResult:
    """What the vendor accepted: its id for the (last) message sent."""

    external_message_id: str
    parts_sent: int = 1


class SendFailed(ParleyError):
    """A send did not go through; `retryable` says whether trying again can help."""

    def __init__(
        self,
        reason: str,
        *,
        retryable: bool,
        retry_after: float | None = None,
        code: str | None = None,
        blocked: bool = False,
        parts_sent: int = 0,
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retryable = retryable
        self.retry_after = retry_after
        self.code = code
        self.blocked = blocked
        self.parts_sent = parts_sent


class Sender(Protocol):
    """Sends one delivery on one channel; vendor errors come out as `SendFailed`."""

    @property
    def window(self) -> timedelta | None:
        """The customer-care window free-form messages need (None: the channel has none)."""
        ...

    async def send(self, delivery: Delivery) -> SendResult: ...


# --- retry policy ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Backoff:
    """Exponential backoff with equal jitter; a vendor's retry_after is always honoured."""

    base_s: float = 2.0
    cap_s: float = 900.0

    def delay(self, attempt: int, rng: random.Random, retry_after: float | None = None) -> float:
        if retry_after is not None:
            return retry_after + rng.uniform(0, min(1.0, retry_after / 10 + 0.1))
        ceiling = min(self.cap_s, self.base_s * 2 ** max(attempt - 1, 0))
        return ceiling / 2 + rng.uniform(0, ceiling / 2)


# --- delivery status flowing back to the Message row -----------------------------------------

_RANK = {
    DeliveryStatus.QUEUED: 0,
    DeliveryStatus.SENT: 1,
    DeliveryStatus.DELIVERED: 2,
    DeliveryStatus.READ: 3,
    DeliveryStatus.FAILED: 4,
}


async def record_delivery(
    *,
    bot_id: UUID,
    external_message_id: str,
    status: DeliveryStatus,
    at: datetime,
    error_code: str | None = None,
    error_message: str | None = None,
) -> Message | None:
    """Apply a vendor status report to the outbound Message; reports never move it backwards."""
    row = await OutboxMessage.get_or_none(bot_id=bot_id, external_message_id=external_message_id)
    if row is None or row.message_id is None:
        return None
    message = await Message.get(id=row.message_id)
    current = message.delivery_status
    if current is not None and _RANK[DeliveryStatus(current)] > _RANK[status]:
        return message
    changes: dict[str, Any] = {"delivery_status": status}
    if status in (DeliveryStatus.DELIVERED, DeliveryStatus.READ) and message.delivered_at is None:
        changes["delivered_at"] = at
    if status is DeliveryStatus.READ:
        changes["read_at"] = at
    if status is DeliveryStatus.FAILED:
        changes |= {"error_code": error_code, "error_message": error_message}
    await Message.filter(id=message.id).update(**changes)
    await message.refresh_from_db()
    return message


async def outbox_for_external_id(bot_id: UUID, external_message_id: str) -> OutboxMessage | None:
    return await OutboxMessage.get_or_none(bot_id=bot_id, external_message_id=external_message_id)


async def mark_blocked(account: ChannelAccount, *, now: datetime, reason: str) -> int:
    """The user blocked the bot: flag the account and cancel what still waits for it."""
    await ChannelAccount.filter(id=account.id).update(blocked=True, blocked_at=now)
    account.blocked, account.blocked_at = True, now
    return await OutboxMessage.filter(
        channel_account_id=account.id,
        status__in=[OutboxStatus.PENDING, OutboxStatus.BLOCKED_BY_WINDOW],
    ).update(status=OutboxStatus.CANCELLED, last_error=reason)


async def mark_unblocked(account: ChannelAccount) -> None:
    await ChannelAccount.filter(id=account.id).update(blocked=False, blocked_at=None)


async def release_held(account: ChannelAccount, *, now: datetime) -> int:
    """The user wrote again (the window reopened): rows held for the window become due."""
    return await OutboxMessage.filter(
        channel_account_id=account.id, status=OutboxStatus.BLOCKED_BY_WINDOW
    ).update(status=OutboxStatus.PENDING, next_attempt_at=now, last_error=None)


# --- the worker ------------------------------------------------------------------------------


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
        self.worker_id = (worker_id or f"worker-{uuid4().hex[:8]}")[:40]
        self.batch_size = batch_size
        self.lease = lease
        self.backoff = backoff or Backoff()
        self.rng = rng or random.Random()
        self.poll_interval_s = poll_interval_s
        self._wake = asyncio.Event()

    def wake(self) -> None:
        """Something was enqueued: look for due rows now instead of at the next poll."""
        self._wake.set()

    async def run(self, stop: asyncio.Event) -> None:
        """Send until `stop` is set; a restart resumes whatever was left (rows live in the DB)."""
        while not stop.is_set():
            if await self.run_once():
                continue
            self._wake.clear()
            waiters = [asyncio.ensure_future(e.wait()) for e in (stop, self._wake)]
            await asyncio.wait(waiters, timeout=self.poll_interval_s, return_when="FIRST_COMPLETED")
            for waiter in waiters:
                waiter.cancel()

    async def run_once(self) -> int:
        """Reclaim expired leases, claim one batch, send it; returns how many rows were handled."""
        await self.reclaim_stale()
        token, rows = await self.claim()
        await asyncio.gather(*(self._send_in_order(group, token) for group in by_account(rows)))
        return len(rows)

    async def reclaim_stale(self) -> int:
        """Rows left in SENDING by a dead process become due again once their lease ran out."""
        expired = self.clock.now() - self.lease
        return await OutboxMessage.filter(
            status=OutboxStatus.SENDING, claimed_at__lt=expired
        ).update(status=OutboxStatus.PENDING, claimed_by=None)

    async def claim(self) -> tuple[str, list[OutboxMessage]]:
        """Atomically mark up to `batch_size` due rows as ours; no other worker gets them."""
        now = self.clock.now()
        token = f"{self.worker_id}/{uuid4().hex[:16]}"
        conn = connections.get("default")
        if conn.capabilities.dialect == "postgres":
            await conn.execute_query(PG_CLAIM, [now, list(self.senders), self.batch_size, token])
        else:
            await self._claim_portable(token, now)
        rows = await (
            OutboxMessage.filter(claimed_by=token, status=OutboxStatus.SENDING)
            .select_related("channel_account")
            .order_by("created_at")
        )
        return token, list(rows)

    async def _claim_portable(self, token: str, now: datetime) -> None:
        due = (
            OutboxMessage.filter(
                status=OutboxStatus.PENDING, next_attempt_at__lte=now, channel__in=self.senders
            )
            .order_by("next_attempt_at", "created_at")
            .limit(self.batch_size)
        )
        # SQLite runs one writer at a time; the outer status check keeps the update honest.
        await OutboxMessage.filter(
            id__in=Subquery(due.only("id")), status=OutboxStatus.PENDING
        ).update(status=OutboxStatus.SENDING, claimed_by=token, claimed_at=now)

    async def _send_in_order(self, rows: list[OutboxMessage], token: str) -> None:
        account = rows[0].channel_account  # shared, so a block seen on one row stops the rest
        for row in rows:  # one account's messages go out one after another, in order
            row.channel_account = account
            await self.deliver(row, token)

    async def deliver(self, row: OutboxMessage, token: str) -> None:
        account = row.channel_account
        if account.blocked:
            await self._finish(row, token, OutboxStatus.CANCELLED, "the user blocked the bot")
            return
        sender = self.senders[row.channel]
        mode = self._window_mode(row, account, sender)
        if mode is window.WindowMode.HOLD:
            reason = window.hold_reason(last_inbound_at=account.last_inbound_at, now=self.now())
            await self._finish(row, token, OutboxStatus.BLOCKED_BY_WINDOW, reason)
            return
        delivery = to_delivery(row, use_template=mode is window.WindowMode.TEMPLATE)
        try:
            result = await sender.send(delivery)
        except SendFailed as exc:
            await self._failed(row, token, exc)
        except Exception as exc:  # a sender bug must not strand the row in SENDING
            log.exception("outbox %s: sender %s crashed", row.id, row.channel)
            await self._failed(row, token, SendFailed(repr(exc), retryable=True))
        else:
            await self._sent(row, token, result)

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

    async def _failed(self, row: OutboxMessage, token: str, exc: SendFailed) -> None:
        attempts = row.attempts + 1
        payload = progress(row.payload, exc.parts_sent)
        if exc.blocked:
            await mark_blocked(row.channel_account, now=self.now(), reason=exc.reason)
        if exc.retryable and not exc.blocked and attempts < row.max_attempts:
            delay = self.backoff.delay(attempts, self.rng, exc.retry_after)
            await OutboxMessage.filter(id=row.id, claimed_by=token).update(
                status=OutboxStatus.PENDING,
                attempts=attempts,
                payload=payload,
                next_attempt_at=self.now() + timedelta(seconds=delay),
                claimed_by=None,
                last_error=exc.reason,
            )
            return
        reason = exc.reason if attempts < row.max_attempts else f"gave up: {exc.reason}"
        await self._finish(
            row, token, OutboxStatus.FAILED, reason, attempts=attempts, code=exc.code
        )

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
        updated = await OutboxMessage.filter(id=row.id, claimed_by=token).update(
            status=status, last_error=reason, attempts=attempts or row.attempts
        )
        if updated and row.message_id is not None:
            delivery = DeliveryStatus.QUEUED
            if status in (OutboxStatus.FAILED, OutboxStatus.CANCELLED):
                delivery = DeliveryStatus.FAILED
            await Message.filter(id=row.message_id).update(
                delivery_status=delivery, error_code=code or status.value, error_message=reason
            )


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


__all__ = [
    "Backoff",
    "Delivery",
    "OutboxWorker",
    "SendFailed",
    "SendResult",
    "Sender",
    "enqueue",
    "mark_blocked",
    "mark_unblocked",
    "record_delivery",
    "release_held",
]
