"""Outbox rows changed from outside the worker: enqueue, vendor status reports, blocks, windows."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from tortoise.exceptions import IntegrityError

from bot.messages import OutboundMessage
from models import ChannelAccount, DeliveryStatus, Lane, Message, OutboxMessage, OutboxStatus


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
    lane: Lane = Lane.INTERACTIVE,
) -> OutboxMessage:
    """Write one outbound message to the outbox; the same key twice returns the first row.

    Insert first (a key is nearly always new); the unique key turns a repeat into an
    IntegrityError and only then is the first row read. Inside a PostgreSQL transaction a
    repeated key aborts that transaction: callers there pass fresh keys. Messages that also
    get a Message row go through `bot.delivery.write_outbound` instead.
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
            lane=lane,
            next_attempt_at=now,
            sent_at=now if status == OutboxStatus.SENT else None,
        )
    except IntegrityError:
        return await OutboxMessage.get(idempotency_key=idempotency_key)


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
