"""The one write path for outbound messages: `write_outbound` stores a batch of records.

A turn (one to three replies) and the scheduler's sweep (hundreds of steps and nudges) both
call it inside their own transaction. It writes, for the whole batch, one INSERT per table:
the Message rows, the outbox rows, the interaction events, then moves each conversation's
counters on in one UPDATE per distinct count. Nothing is read back; callers keep the records.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from tortoise import connections

from bot.delivery.bulk import Batch, Insert, Params, db_value
from bot.delivery.records import EventRecord, Id, OutboundRecord, new_id
from bot.webhooks.events import emit_interactions
from models import (
    Conversation,
    DeliveryStatus,
    Direction,
    Message,
    OutboxMessage,
    OutboxStatus,
    SenderType,
    UserInteraction,
)

MESSAGES = Insert(
    Message,
    (
        "id",
        "conversation_id",
        "bot_id",
        "channel",
        "direction",
        "sender_type",
        "content",
        "message_type",
        "metadata",
        "reply_to_id",
        "response_time_ms",
        "delivery_status",
        "created_at",
        "retrieval_score",
        "refused",
    ),
)
OUTBOX = Insert(
    OutboxMessage,
    (
        "id",
        "bot_id",
        "channel_account_id",
        "message_id",
        "channel",
        "idempotency_key",
        "payload",
        "template",
        "status",
        "lane",
        "next_attempt_at",
        "sent_at",
        "created_at",
    ),
)
EVENTS = Insert(
    UserInteraction,
    (
        "id",
        "user_id",
        "bot_id",
        "channel",
        "session_id",
        "message_id",
        "program_id",
        "interaction_type",
        "interaction_data",
        "created_at",
    ),
)


async def write_outbound(
    records: Sequence[OutboundRecord],
    *,
    now: datetime,
    events: Sequence[EventRecord] = (),
    counted: Mapping[Id, int] | None = None,
    precounted: Collection[Id] = (),
    batch: Batch | None = None,
) -> None:
    """Store `records` (and `events` not about one of them, such as a turn's
    message_received); `counted`: more messages per conversation to add to its counters
    with the records' own (a turn's inbound message); `precounted`: conversations the caller
    created in this batch already counting its records (no UPDATE for them). Call inside the
    caller's transaction. `batch`: the writes are queued there for the caller to run (with its
    own), else they are sent before this returns.
    """
    own = batch is None
    batch = Batch(connections.get("default")) if batch is None else batch
    encoded = Encoded()
    MESSAGES.queue(batch, [message_row(r, now, encoded) for r in records])
    OUTBOX.queue(batch, [outbox_row(r, now, n, encoded) for n, r in enumerate(records)])
    every_event = [*events, *(r.event() for r in records)]
    EVENTS.queue(batch, [event_row(e, now) for e in every_event])
    await emit_interactions(every_event, now=now)
    skip = {str(c) for c in precounted}
    added = Counter(str(r.conversation_id) for r in records if str(r.conversation_id) not in skip)
    for conversation_id, count in (counted or {}).items():
        added[str(conversation_id)] += count
    count_messages(batch, added, now)
    if own:
        await batch.run()


class Encoded:
    """Column values of each outbound message, encoded once per batch (a sweep's hundreds of
    records share a handful of rendered messages)."""

    def __init__(self) -> None:
        self._by_message: dict[int, tuple[dict[str, Any], Any, Any]] = {}

    def of(self, record: OutboundRecord) -> tuple[dict[str, Any], Any, Any]:
        """The message's JSON, the outbox payload column, the outbox template column."""
        key = id(record.outbound)
        if key not in self._by_message:
            payload = record.outbound.to_json()
            self._by_message[key] = (
                payload,
                db_value(OutboxMessage, "payload", payload),
                db_value(OutboxMessage, "template", payload["template"]),
            )
        return self._by_message[key]


def text(value: Id | None) -> str | None:
    return None if value is None else str(value)


def message_row(record: OutboundRecord, now: datetime, encoded: Encoded) -> tuple[Any, ...]:
    outbound = record.outbound
    metadata = record.meta.to_json(encoded.of(record)[0])
    status = DeliveryStatus.SENT if record.sent_inline else DeliveryStatus.QUEUED
    return (
        str(record.message_id),
        str(record.conversation_id),
        str(record.bot_id),
        record.channel,
        Direction.OUTBOUND.value,
        SenderType.AI.value,
        outbound.text,
        outbound.kind,
        db_value(Message, "metadata", metadata),
        text(record.reply_to_id),
        record.response_time_ms,
        status.value,
        now,
        record.retrieval_score,
        record.refused,
    )


def outbox_row(
    record: OutboundRecord, now: datetime, position: int, encoded: Encoded
) -> tuple[Any, ...]:
    """`position` orders the batch's rows by created_at (a microsecond apart): the worker sends
    one account's rows in that order, so a turn's replies arrive as the turn wrote them."""
    _, payload, template = encoded.of(record)
    status = OutboxStatus.SENT if record.sent_inline else OutboxStatus.PENDING
    return (
        str(record.outbox_id),
        str(record.bot_id),
        str(record.channel_account_id),
        str(record.message_id),
        record.channel,
        record.idempotency_key,
        payload,
        template,
        status.value,
        int(record.lane),
        now,
        now if record.sent_inline else None,
        now + timedelta(microseconds=position),
    )


def event_row(event: EventRecord, now: datetime) -> tuple[Any, ...]:
    return (
        new_id(),
        str(event.user_id),
        str(event.bot_id),
        event.channel,
        text(event.session_id),
        text(event.message_id),
        text(event.program_id),
        event.kind,
        db_value(UserInteraction, "interaction_data", dict(event.data)),
        now,
    )


def count_messages(batch: Batch, added: Mapping[str, int], now: datetime) -> None:
    """Move each conversation's message_count and last_message_at on, in SQL (concurrent
    turns never lose a count): one UPDATE per distinct count, queued in `batch`."""
    by_count: dict[int, list[str]] = {}
    for conversation_id, count in added.items():
        if count:
            by_count.setdefault(count, []).append(conversation_id)
    for count, ids in by_count.items():
        params = Params(batch.db)
        sql = (
            f'UPDATE "{Conversation._meta.db_table}" SET message_count = message_count + '
            f"{params(count)}, last_message_at = {params(now)} WHERE id {params.among(ids)}"
        )
        batch.add(sql, params.values)
