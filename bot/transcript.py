"""The transcript: store each inbound message once, drop redeliveries, store and enqueue replies."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F
from tortoise.transactions import in_transaction

from bot.clock import Clock
from bot.messages import InboundMessage, OutboundMessage
from bot.outbox import enqueue
from bot.pipeline import Next, Turn
from models import (
    Conversation,
    DeliveryStatus,
    Direction,
    Message,
    OutboxStatus,
    SenderType,
)


class TranscriptStep:
    """Pipeline step: inbound row before the inner steps, reply rows and outbox rows after.

    A repeated external_message_id is a redelivery: the inner steps do not run and the turn
    carries the replies stored for the first delivery, with `duplicate=True`.
    """

    def __init__(self, clock: Clock) -> None:
        self._clock = clock

    async def __call__(self, turn: Turn, call_next: Next) -> None:
        first = await store_inbound(turn, self._clock.now())
        if first is not None:
            if not (turn.resume and await unanswered(first)):
                await replay(turn, first)
                return
            turn.inbound_row = first  # a turn that died before its replies: finish it now
            turn.inbound_uncounted = True  # and before counting its inbound message
        await call_next(turn)
        await store_replies(turn, self._clock.now())


async def store_inbound(turn: Turn, now: datetime) -> Message | None:
    """Persist the inbound message; on a redelivery return the first delivery's row instead.

    Insert first: a redelivery is rare, so the unique (bot, channel, external_message_id)
    constraint detects it and only then is the first delivery read. The conversation's count
    is bumped with the replies', in one statement (`store_replies`).
    """
    external_id = turn.inbound.external_message_id or None
    try:
        turn.inbound_row = await Message.create(
            **inbound_fields(turn), external_message_id=external_id, created_at=now
        )
    except IntegrityError:  # a redelivery, or a concurrent delivery won the insert
        first = await first_delivery(turn, external_id) if external_id else None
        if first is None:
            raise
        return first
    turn.inbound_uncounted = True
    return None


async def unanswered(inbound: Message) -> bool:
    return not await Message.filter(reply_to_id=inbound.id).exists()


async def first_delivery(turn: Turn, external_id: str) -> Message | None:
    return await Message.for_creator(turn.bot.creator_id).get_or_none(
        bot_id=turn.bot.id, channel=turn.account.channel, external_message_id=external_id
    )


def inbound_fields(turn: Turn) -> dict[str, Any]:
    inbound = turn.inbound
    return {
        "conversation": turn.conversation,
        "bot": turn.bot,
        "channel": turn.account.channel,
        "direction": Direction.INBOUND,
        "sender_type": SenderType.USER,
        "sender_id": turn.end_user.id,
        "content": inbound.text,
        "message_type": message_type(inbound),
        "metadata": {
            "payload": inbound.payload,
            "attachments": [vars(a) for a in inbound.attachments],
        },
    }


def message_type(inbound: InboundMessage) -> str:
    if inbound.payload is not None and not inbound.text:
        return "button"
    if inbound.attachments and not inbound.text:
        return inbound.attachments[0].kind
    return "text"


async def replay(turn: Turn, first: Message) -> None:
    """Fill the turn with what was answered the first time, in order."""
    turn.duplicate = True
    turn.inbound_row = first
    turn.reply_rows = await (
        Message.for_creator(turn.bot.creator_id)
        .filter(reply_to_id=first.id, direction=Direction.OUTBOUND)
        .order_by("created_at")
    )
    turn.reply_rows.sort(key=lambda row: row.metadata.get("index", 0))  # same-instant rows
    turn.replies = [OutboundMessage.from_json(row.metadata["outbound"]) for row in turn.reply_rows]


async def store_replies(turn: Turn, now: datetime) -> None:
    """Persist each reply (with its response time) and put it in the outbox, atomically; then
    count the turn's new messages (inbound and replies) in one statement."""
    stored = 0
    if not turn.reply_rows and turn.inbound_row is not None:
        for index, reply in enumerate(turn.replies):
            async with in_transaction():
                turn.reply_rows.append(await store_reply(turn, reply, index, now))
            stored += 1
    await count_turn(turn, stored, now)


async def count_turn(turn: Turn, replies: int, now: datetime) -> None:
    """Add the inbound message (once) and `replies` to the conversation's counters."""
    inbound, turn.inbound_uncounted = int(turn.inbound_uncounted), False
    if inbound and turn.inbound_message.conversation_id != turn.conversation.id:  # /reset
        await count_messages(turn.inbound_message.conversation_id, inbound, now)
        inbound = 0
    if inbound + replies:
        await count_messages(turn.conversation.id, inbound + replies, now)


async def store_reply(turn: Turn, reply: OutboundMessage, index: int, now: datetime) -> Message:
    row = await Message.create(
        conversation=turn.conversation,
        bot=turn.bot,
        channel=turn.account.channel,
        direction=Direction.OUTBOUND,
        sender_type=SenderType.AI,
        content=reply.text,
        message_type=reply.kind,
        metadata={"index": index, "outbound": reply.to_json()},
        reply_to=turn.inbound_message,
        created_at=now,
        response_time_ms=turn.elapsed_ms(),
        delivery_status=DeliveryStatus.SENT if turn.deliver_inline else DeliveryStatus.QUEUED,
    )
    await enqueue(
        bot_id=turn.bot.id,
        channel_account_id=turn.account.id,
        channel=str(turn.account.channel),
        outbound=reply,
        idempotency_key=f"reply:{row.id}",
        now=now,
        message_id=row.id,
        status=OutboxStatus.SENT if turn.deliver_inline else OutboxStatus.PENDING,
    )
    return row


async def count_messages(conversation_id: UUID, added: int, now: datetime) -> None:
    """Bump the conversation's counters in SQL, so concurrent turns never lose a count."""
    if added:
        await Conversation.filter(id=conversation_id).update(
            message_count=F("message_count") + added, last_message_at=now
        )
