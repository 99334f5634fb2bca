"""The transcript: the turn's transaction; each inbound message stored once, redeliveries
dropped, replies, outbox rows, counters and events written in batches."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID, uuid4

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F
from tortoise.transactions import in_transaction

from bot.clock import Clock
from bot.messages import InboundMessage, OutboundMessage
from bot.pipeline import Next, Turn
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


class Redelivered(Exception):
    """The inbound message was stored before (raised inside the turn's transaction)."""


class TranscriptStep:
    """Pipeline step: the turn's one transaction. Inbound row, then the inner steps, then the
    replies, their outbox rows, the counters and the turn's events, committed together.

    A repeated external_message_id is a redelivery: the inner steps do not run and the turn
    carries the replies stored for the first delivery, with `duplicate=True`. A failure rolls
    back everything the turn wrote; the error boundary then stores the fallback reply.
    """

    def __init__(self, clock: Clock) -> None:
        self._clock = clock

    async def __call__(self, turn: Turn, call_next: Next) -> None:
        try:
            async with in_transaction():
                await store_inbound(turn, self._clock.now())
                await self._inner(turn, call_next)
        except Redelivered:
            first = await first_delivery(turn)
            if not (turn.resume and await unanswered(first)):
                await replay(turn, first)
                return
            turn.inbound_row = first  # a turn that died before its replies: finish it now
            turn.inbound_saved = turn.inbound_uncounted = True
            async with in_transaction():
                await self._inner(turn, call_next)
        turn.committed = True
        if turn.deferred is not None:
            await self._answer_after_commit(turn)

    async def _inner(self, turn: Turn, call_next: Next) -> None:
        await call_next(turn)
        if turn.deferred is None:
            await write_turn(turn, self._clock.now())
        else:  # replies wait for the answer; the events so far are written now
            await record_events(turn, [], self._clock.now())

    async def _answer_after_commit(self, turn: Turn) -> None:
        """A remote model's answer, outside any transaction; then its write (a crash before it
        leaves the inbound message unanswered, and the durable inbox runs the turn again)."""
        deferred, turn.deferred = turn.deferred, None
        assert deferred is not None
        turn.replies.insert(turn.deferred_at, await deferred())
        async with in_transaction():
            await write_turn(turn, self._clock.now())


async def store_inbound(turn: Turn, now: datetime) -> None:
    """Insert the inbound message (first statement of the turn's transaction); a redelivery
    (the unique (bot, channel, external_message_id) key) raises `Redelivered`, which rolls the
    aborted transaction back before the first delivery is read."""
    external_id = turn.inbound.external_message_id or None
    row = Message(**inbound_fields(turn), external_message_id=external_id, created_at=now)
    try:
        await row.save(force_create=True)
    except IntegrityError:
        if external_id is None:
            raise
        raise Redelivered(external_id) from None
    turn.inbound_row = row
    turn.inbound_uncounted = True


async def unanswered(inbound: Message) -> bool:
    return not await Message.filter(reply_to_id=inbound.id).exists()


async def first_delivery(turn: Turn) -> Message:
    return await Message.for_creator(turn.bot.creator_id).get(
        bot_id=turn.bot.id,
        channel=turn.account.channel,
        external_message_id=turn.inbound.external_message_id,
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


async def write_turn(turn: Turn, now: datetime) -> None:
    """Everything a turn writes after its steps: replies and their outbox rows (a batch each),
    the conversation's counters, and the turn's events."""
    await record_events(turn, await store_replies(turn, now), now)


async def store_replies(turn: Turn, now: datetime) -> list[Message]:
    """Persist the replies not stored yet (with their response time) and their outbox rows;
    then count the turn's new messages (inbound and replies) in one statement."""
    rows: list[Message] = []
    if turn.inbound_row is not None:
        done = len(turn.reply_rows)
        rows = [reply_row(turn, r, done + i, now) for i, r in enumerate(turn.replies[done:])]
    if rows:
        await Message.bulk_create(rows)
        await OutboxMessage.bulk_create([outbox_row(turn, row, now) for row in rows])
        turn.reply_rows += rows
    await count_turn(turn, len(rows), now)
    return rows


async def count_turn(turn: Turn, replies: int, now: datetime) -> None:
    """Add the inbound message (once) and `replies` to the conversation's counters."""
    inbound, turn.inbound_uncounted = int(turn.inbound_uncounted), False
    if inbound and turn.inbound_message.conversation_id != turn.conversation.id:  # /reset
        await count_messages(turn.inbound_message.conversation_id, inbound, now)
        inbound = 0
    if inbound + replies:
        await count_messages(turn.conversation.id, inbound + replies, now)


def reply_row(turn: Turn, reply: OutboundMessage, index: int, now: datetime) -> Message:
    return Message(
        id=uuid4(),
        conversation_id=turn.conversation.id,
        bot_id=turn.bot.id,
        channel=turn.account.channel,
        direction=Direction.OUTBOUND,
        sender_type=SenderType.AI,
        content=reply.text,
        message_type=reply.kind,
        metadata={"index": index, "outbound": reply.to_json()},
        reply_to_id=turn.inbound_message.id,
        created_at=now,
        response_time_ms=turn.elapsed_ms(),
        delivery_status=DeliveryStatus.SENT if turn.deliver_inline else DeliveryStatus.QUEUED,
    )


def outbox_row(turn: Turn, row: Message, now: datetime) -> OutboxMessage:
    """The reply's outbox row: already sent when the adapter delivers it in its response."""
    outbound = row.metadata["outbound"]
    sent = turn.deliver_inline
    return OutboxMessage(
        id=uuid4(),
        bot_id=turn.bot.id,
        channel_account_id=turn.account.id,
        channel=str(turn.account.channel),
        message_id=row.id,
        idempotency_key=f"reply:{row.id}",
        payload=outbound,
        template=outbound["template"],
        status=OutboxStatus.SENT if sent else OutboxStatus.PENDING,
        next_attempt_at=now,
        sent_at=now if sent else None,
    )


async def record_events(turn: Turn, replies: list[Message], now: datetime) -> None:
    """One message_received (once per turn), one reply_sent per reply in `replies`, then the
    steps' events not written yet: one batch insert."""
    if turn.duplicate or turn.inbound_row is None:
        return
    common = {
        "user_id": turn.end_user.id,
        "bot_id": turn.bot.id,
        "channel": str(turn.account.channel),
        "session_id": turn.conversation.id,
        "created_at": now,
    }
    received = {"message_type": turn.inbound_row.message_type, "command": turn.command}
    rows = [
        *(
            []
            if turn.recorded
            else [
                UserInteraction(
                    **common,
                    interaction_type="message_received",
                    interaction_data=received,
                    message_id=turn.inbound_row.id,
                )
            ]
        ),
        *(
            UserInteraction(
                **common,
                interaction_type="reply_sent",
                interaction_data={
                    "response_time_ms": row.response_time_ms,
                    "citations": len(row.metadata["outbound"]["citations"]),
                    "fallback": turn.failed or turn.timed_out,
                },
                message_id=row.id,
            )
            for row in replies
        ),
        *turn.events,
    ]
    turn.recorded, turn.events = True, []
    if rows:
        await UserInteraction.bulk_create(rows)


async def count_messages(conversation_id: UUID, added: int, now: datetime) -> None:
    """Bump the conversation's counters in SQL, so concurrent turns never lose a count."""
    if added:
        await Conversation.filter(id=conversation_id).update(
            message_count=F("message_count") + added, last_message_at=now
        )
