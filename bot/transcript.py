"""The transcript: the turn's transaction; each inbound message stored once, redeliveries
dropped, replies, outbox rows, counters and events written in batches."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID, uuid4

from tortoise import connections
from tortoise.exceptions import IntegrityError

from bot.clock import Clock
from bot.delivery import (
    Batch,
    EventRecord,
    OutboundMeta,
    OutboundRecord,
    meta_of,
    reply_order,
    write_outbound,
)
from bot.delivery.bulk import Insert, db_value
from bot.delivery.transaction import finish, transaction
from bot.inbox import queue_done
from bot.messages import InboundMessage, OutboundMessage
from bot.pipeline import Next, Turn
from models import Direction, Lane, Message, SenderType, UserInteraction

# The inbound message's own columns (the rest take the model's defaults), written raw: the
# first statement of every turn, without the ORM's insert machinery.
INBOUND_COLUMNS = (
    "id", "conversation_id", "bot_id", "channel", "direction", "sender_type", "sender_id",
    "content", "message_type", "metadata", "external_message_id", "created_at",
)  # fmt: skip
INBOUND = Insert(Message, INBOUND_COLUMNS)


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
            async with transaction():
                await store_inbound(turn, self._clock.now())
                await self._inner(turn, call_next)
            turn.inbox_done = turn.deferred is None and turn.inbox_id is not None
        except Redelivered:
            first = await first_delivery(turn)
            if not (turn.resume and await unanswered(first)):
                await replay(turn, first)
                return
            turn.inbound_row = first  # a turn that died before its replies: finish it now
            turn.inbound_saved = turn.inbound_uncounted = True
            async with transaction():
                await self._inner(turn, call_next)
            turn.inbox_done = turn.deferred is None and turn.inbox_id is not None
        turn.committed = True
        if turn.deferred is not None:
            await self._answer_after_commit(turn)

    async def _inner(self, turn: Turn, call_next: Next) -> None:
        turn.writes = Batch(connections.get("default"))  # steps queue writes for the end
        await call_next(turn)
        if turn.deferred is None:
            await self._write_answered(turn)
        else:  # replies wait for the answer; the events so far are written now
            replies, turn.replies = turn.replies, []
            writes, turn.writes = turn.writes, None  # this transaction's: sent in it
            await write_turn(turn, self._clock.now(), writes)
            await writes.run()
            turn.replies = replies

    async def _answer_after_commit(self, turn: Turn) -> None:
        """A remote model's answer, outside any transaction; then its write (a crash before it
        leaves the inbound message unanswered, and the durable inbox runs the turn again)."""
        deferred, turn.deferred = turn.deferred, None
        assert deferred is not None
        turn.replies.insert(turn.deferred_at, await deferred())
        async with transaction():
            await self._write_answered(turn)
        turn.inbox_done = turn.inbox_id is not None

    async def _write_answered(self, turn: Turn) -> None:
        """The turn's writes, and its durable inbox row marked done (answered once the replies
        are: same transaction), sent as one batch: the last thing the transaction does."""
        now = self._clock.now()
        batch, turn.writes = turn.writes or Batch(connections.get("default")), None
        await write_turn(turn, now, batch)
        if turn.inbox_id is not None:
            queue_done(batch, turn.inbox_id, now)
        await finish(batch)  # with the COMMIT: nothing follows it in the transaction


async def store_inbound(turn: Turn, now: datetime) -> None:
    """Insert the inbound message (first statement of the turn's transaction); a redelivery
    (the unique (bot, channel, external_message_id) key) raises `Redelivered`, which rolls the
    aborted transaction back before the first delivery is read."""
    external_id = turn.inbound.external_message_id or None
    row = Message(**inbound_fields(turn), external_message_id=external_id, created_at=now)
    try:
        await INBOUND.run(connections.get("default"), [inbound_values(row)])
    except IntegrityError:
        if external_id is None:
            raise
        raise Redelivered(external_id) from None
    row._saved_in_db = True
    turn.inbound_row = row
    turn.inbound_uncounted = True


def inbound_values(row: Message) -> tuple[Any, ...]:
    """The row's columns as the ORM writes them (encoded and validated by each field)."""
    return tuple(db_value(Message, name, getattr(row, name)) for name in INBOUND_COLUMNS)


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
    rows = await (
        Message.for_creator(turn.bot.creator_id)
        .filter(reply_to_id=first.id, direction=Direction.OUTBOUND)
        .order_by("created_at")
    )
    rows.sort(key=reply_order)  # same-instant rows
    turn.reply_ids = [row.id for row in rows]
    turn.replies = [meta.outbound for row in rows if (meta := meta_of(row)) is not None]


async def write_turn(turn: Turn, now: datetime, batch: Batch | None = None) -> None:
    """Everything a turn writes after its steps, through the one outbound write path: the
    replies not stored yet (Message, outbox row and reply_sent event each), the turn's
    other events (message_received once, the steps' events) and the conversation's counters
    (`batch`: queued there for the caller to run)."""
    if turn.duplicate or turn.inbound_row is None:
        return
    records = reply_records(turn)
    events = [received_event(turn)] if not turn.recorded else []
    events += [event_record(row) for row in turn.events]
    counted = inbound_count(turn)
    await write_outbound(records, now=now, events=events, counted=counted, batch=batch)
    turn.reply_ids += [UUID(str(r.message_id)) for r in records]
    turn.recorded, turn.events = True, []


def reply_records(turn: Turn) -> list[OutboundRecord]:
    """The replies not stored yet, numbered after those that were."""
    done = len(turn.reply_ids)
    return [reply_record(turn, r, i) for i, r in enumerate(turn.replies[done:], start=done)]


def reply_record(turn: Turn, reply: OutboundMessage, index: int) -> OutboundRecord:
    elapsed, message_id = turn.elapsed_ms(), uuid4()
    grounding = turn.grounding if turn.grounding and turn.grounding.grounds(reply) else None
    return OutboundRecord(
        bot_id=turn.bot.id,
        user_id=turn.end_user.id,
        conversation_id=turn.conversation.id,
        channel_account_id=turn.account.id,
        channel=str(turn.account.channel),
        meta=OutboundMeta(outbound=reply, index=index),
        idempotency_key=f"reply:{message_id}",
        lane=Lane.INTERACTIVE,
        event_kind="reply_sent",
        event_data={
            "response_time_ms": elapsed,
            "citations": len(reply.citations),
            "fallback": turn.failed or turn.timed_out,
        },
        reply_to_id=turn.inbound_message.id,
        response_time_ms=elapsed,
        sent_inline=turn.deliver_inline,
        message_id=message_id,
        retrieval_score=grounding.score if grounding else None,
        refused=grounding.refused if grounding else None,
    )


def received_event(turn: Turn) -> EventRecord:
    inbound = turn.inbound_message
    return EventRecord(
        user_id=turn.end_user.id,
        bot_id=turn.bot.id,
        channel=str(turn.account.channel),
        kind="message_received",
        data={"message_type": inbound.message_type, "command": turn.command},
        session_id=turn.conversation.id,
        message_id=inbound.id,
    )


def event_record(row: UserInteraction) -> EventRecord:
    """A step's event row (built unsaved by the programs or gamification step)."""
    return EventRecord(
        user_id=row.user_id,
        bot_id=row.bot_id,
        channel=row.channel,
        kind=row.interaction_type,
        data=row.interaction_data,
        session_id=row.session_id,
        message_id=row.message_id,
        program_id=row.program_id,
    )


def inbound_count(turn: Turn) -> dict[UUID | str, int]:
    """The inbound message, once, for its conversation's counters (after /reset that is the
    conversation it arrived in, not the fresh one the replies go to)."""
    if not turn.inbound_uncounted:
        return {}
    turn.inbound_uncounted = False
    return {turn.inbound_message.conversation_id: 1}
