"""The persisted outbox: outbound messages are written first, then sent, retried, never twice."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from tortoise.exceptions import IntegrityError

from bot.messages import OutboundMessage
from models import OutboxMessage, OutboxStatus


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
    """Write one outbound message to the outbox; the same key twice returns the first row."""
    existing = await OutboxMessage.get_or_none(idempotency_key=idempotency_key)
    if existing is not None:
        return existing
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
