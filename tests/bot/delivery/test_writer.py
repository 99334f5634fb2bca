"""The one write path: a turn-sized batch and a sweep-sized batch store the same shape, on
SQLite and PostgreSQL, and a stored message's metadata is read back through `meta_of`."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from tortoise.transactions import in_transaction

from bot.delivery import EventRecord, OutboundMeta, OutboundRecord, meta_of, write_outbound
from bot.messages import Button, Citation, OutboundMessage
from bot.programs import service
from models import (
    ChannelAccount,
    Conversation,
    DeliveryStatus,
    Direction,
    Lane,
    Message,
    OutboxMessage,
    OutboxStatus,
    SenderType,
    UserInteraction,
)
from tests.bot.programs.program_world import World, make_world, publish

START = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
LEARNERS = 120  # a sweep-sized batch: the scheduler writes up to 500 rows per batch
PROGRAM: dict[str, Any] = {
    "code": "shape",
    "title": "Shape",
    "steps": [{"id": "hello", "kind": "lesson", "text": "Hello!", "buttons": ["Go"]}],
}


async def sweep_sized_batch(world: World) -> None:
    await publish(world, PROGRAM)
    for n in range(LEARNERS):
        user = await world.learner(f"learner-{n}")
        await service.enroll(user, "shape", source="api", now=START)
    assert (await world.scheduler.sweep_once(START)).steps == LEARNERS


async def turn_sized_batch(world: World, *, sent_inline: bool = False) -> list[OutboundRecord]:
    """Two replies to one inbound message, as a turn stores them."""
    user = await world.learner("chatty")
    account = await ChannelAccount.get(end_user_id=user.id)
    conversation = await Conversation.create(user=user, channel="telegram")
    inbound = await Message.create(
        conversation=conversation,
        bot=world.bot,
        channel="telegram",
        direction=Direction.INBOUND,
        sender_type=SenderType.USER,
        content="what is a habit?",
        external_message_id="tg-1",
    )
    replies = [
        OutboundMessage(
            text="A habit is a routine.",
            citations=(Citation(document="doc-1", title="Habits", snippet="routine"),),
        ),
        OutboundMessage(text="Want a plan?", buttons=(Button("Yes", "plan"),)),
    ]
    records = [
        OutboundRecord(
            bot_id=world.bot.id,
            user_id=user.id,
            conversation_id=conversation.id,
            channel_account_id=account.id,
            channel="telegram",
            meta=OutboundMeta(outbound=reply, index=index),
            idempotency_key=f"reply:{inbound.id}:{index}",
            lane=Lane.INTERACTIVE,
            event_kind="reply_sent",
            event_data={"response_time_ms": 12, "citations": len(reply.citations)},
            reply_to_id=inbound.id,
            response_time_ms=12,
            sent_inline=sent_inline,
        )
        for index, reply in enumerate(replies)
    ]
    received = EventRecord(
        user_id=user.id,
        bot_id=world.bot.id,
        channel="telegram",
        kind="message_received",
        data={"message_type": "text"},
        session_id=conversation.id,
        message_id=inbound.id,
    )
    async with in_transaction():
        await write_outbound(records, now=START, events=[received], counted={conversation.id: 1})
    return records


def shape(message: Message, outbox: OutboxMessage, event: UserInteraction) -> dict[str, Any]:
    """What must be alike in every stored outbound message, whoever wrote it."""
    return {
        "metadata_keys": sorted(message.metadata),
        "outbound_keys": sorted(message.metadata["outbound"]),
        "message": (message.direction, message.sender_type, message.delivery_status),
        "outbox": (outbox.status, outbox.attempts, outbox.message_id == message.id),
        "outbox_payload": outbox.payload == message.metadata["outbound"],
        "event_links": (event.message_id == message.id, event.session_id is not None),
        "event_user": event.user_id is not None and event.channel == message.channel,
    }


async def stored(message: Message) -> dict[str, Any]:
    outbox = await OutboxMessage.get(message_id=message.id)
    event = await UserInteraction.get(message_id=message.id)
    return shape(message, outbox, event)


async def test_a_turn_and_a_sweep_store_the_same_shape(db: str) -> None:
    world = await make_world(START)
    await sweep_sized_batch(world)
    records = await turn_sized_batch(world)

    swept = await Message.filter(direction="out").exclude(
        id__in=[str(r.message_id) for r in records]
    )
    assert len(swept) == LEARNERS
    replies = [await Message.get(id=r.message_id) for r in records]
    expected = await stored(replies[0])
    for message in [*swept, *replies[1:]]:
        assert await stored(message) == expected

    lanes = await OutboxMessage.all().values_list("idempotency_key", "lane")
    assert {key.split(":")[0]: Lane(lane) for key, lane in lanes} == {
        "sched": Lane.SCHEDULED,
        "reply": Lane.INTERACTIVE,
    }
    conversation = await Conversation.get(id=records[0].conversation_id)
    assert conversation.message_count == 3  # the inbound message and two replies
    swept_conversations = await Conversation.exclude(id=conversation.id)
    assert [c.message_count for c in swept_conversations] == [1] * LEARNERS


async def test_stored_metadata_reads_back_through_meta_of(db: str) -> None:
    world = await make_world(START)
    await sweep_sized_batch(world)
    records = await turn_sized_batch(world)

    reply = meta_of(await Message.get(id=records[1].message_id))
    assert reply == records[1].meta
    assert reply is not None and reply.outbound.buttons == (Button("Yes", "plan"),)
    first = meta_of(await Message.get(id=records[0].message_id))
    assert first is not None and first.outbound.citations[0].document == "doc-1"

    scheduled = await Message.filter(direction="out", content="Hello!").first()
    assert scheduled is not None
    meta = meta_of(scheduled)
    outbox = await OutboxMessage.get(message_id=scheduled.id)
    assert meta is not None and (meta.program, meta.step, meta.index) == ("shape", "hello", 0)
    assert meta.scheduled_send == str(outbox.id) and meta.outbound.kind == "step"
    assert meta.outbound.buttons[0].title == "Go"

    inbound = await Message.get(direction="in")
    assert meta_of(inbound) is None
    received = await UserInteraction.get(interaction_type="message_received")
    assert received.message_id == inbound.id


async def test_a_reply_sent_inline_is_stored_as_sent(db: str) -> None:
    world = await make_world(START)
    records = await turn_sized_batch(world, sent_inline=True)
    rows = await OutboxMessage.filter(message_id__in=[r.message_id for r in records])
    assert [(r.status, r.sent_at) for r in rows] == [(OutboxStatus.SENT, START)] * 2
    messages = await Message.filter(direction="out")
    assert {m.delivery_status for m in messages} == {DeliveryStatus.SENT}
    assert {m.response_time_ms for m in messages} == {12}
