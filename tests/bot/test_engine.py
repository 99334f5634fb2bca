"""The engine end to end on a real database: answers, redeliveries, commands, errors, identity."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from uuid import UUID

import pytest

from bot.engine import Engine
from bot.i18n.catalogue import Texts
from bot.identity import BotUnavailable
from bot.llm import LLMChooser
from bot.messages import ChannelName, InboundMessage
from bot.pipeline import Next, Step, Turn
from bot.rag import RetrievedChunk
from bot.settings import LLMSettings
from models import (
    Bot,
    BotStatus,
    ChannelAccount,
    Conversation,
    ConversationStatus,
    Creator,
    DeliveryStatus,
    Direction,
    Document,
    EndUser,
    KnowledgeBase,
    Message,
    OutboxMessage,
    OutboxStatus,
    UserInteraction,
)
from tests.fakes.retriever import FakeRetriever

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
COACH_DOCS = {
    "Warm-up routine": (
        "Always warm up for ten minutes before a run. A good warm-up includes brisk walking "
        "and leg swings. Warming up lowers the risk of injury."
    ),
    "Hydration": (
        "Drink about half a litre of water two hours before a long run. During runs longer "
        "than an hour, drink every fifteen to twenty minutes."
    ),
    "Rest days": (
        "Take at least one rest day each week. Rest lets muscles repair and grow stronger."
    ),
}

FALLBACK_REPLY = Texts().get("fallback")


class FixedClock:
    def __init__(self) -> None:
        self.at = START

    def now(self) -> datetime:
        return self.at


@dataclass
class World:
    creator: Creator
    bot: Bot
    kb: KnowledgeBase
    documents: dict[str, Document]
    retriever: FakeRetriever
    clock: FixedClock

    def engine(self, *, before_answer: list[Step] | None = None) -> Engine:
        return Engine(
            retriever=self.retriever,
            llm_for=LLMChooser(LLMSettings()),
            clock=self.clock,
            before_answer=before_answer or [],
        )


async def make_bot(
    slug: str, docs: dict[str, str], retriever: FakeRetriever, *, email: str = ""
) -> tuple[Creator, Bot, KnowledgeBase, dict[str, Document]]:
    creator = await Creator.create(email=email or f"{slug}@example.com", password_hash="x")
    bot = await Bot.create(
        creator=creator,
        slug=slug,
        name=slug.title(),
        status=BotStatus.PUBLISHED,
        persona_name=f"Coach {slug.title()}",
        greeting=f"Welcome to {slug.title()}'s running club!",
        sign_off="Happy running!",
    )
    kb = await KnowledgeBase.create(creator=creator, name=f"{slug} notes")
    await bot.knowledge_bases.add(kb)
    documents = {}
    for title, text in docs.items():
        doc = await Document.create(
            knowledge_base=kb, title=title, content=text, content_hash=f"{slug}-{title}"
        )
        documents[title] = doc
        retriever.add(kb.id, RetrievedChunk(f"{doc.id}:0", str(doc.id), title, text, 0.0))
    return creator, bot, kb, documents


@pytest.fixture
async def world(db: str) -> World:
    retriever = FakeRetriever()
    creator, bot, kb, documents = await make_bot("ada", COACH_DOCS, retriever)
    return World(creator, bot, kb, documents, retriever, FixedClock())


def message(
    text: str,
    *,
    msg_id: str = "m1",
    user: str = "u1",
    channel: ChannelName = ChannelName.TELEGRAM,
    bot: str = "ada",
    payload: str | None = None,
    name: str = "",
) -> InboundMessage:
    return InboundMessage(channel, bot, user, msg_id, text=text, payload=payload, display_name=name)


async def outbound_rows(creator_id: UUID) -> list[Message]:
    return await Message.for_creator(creator_id).filter(direction=Direction.OUTBOUND)


async def test_a_question_gets_a_grounded_cited_reply_that_is_stored_and_queued(
    world: World,
) -> None:
    result = await world.engine().handle(message("How many minutes should I warm up before a run?"))

    (reply,) = result.replies
    assert "warm up for ten minutes" in reply.text
    assert reply.text.endswith("Happy running!")
    assert "litre" not in reply.text
    warmup = world.documents["Warm-up routine"]
    assert reply.citations[0].document == str(warmup.id)
    assert reply.citations[0].title == "Warm-up routine"
    assert "ten minutes" in reply.citations[0].snippet
    assert world.retriever.calls == [
        ([world.kb.id], "How many minutes should I warm up before a run?", 5)
    ]

    (row,) = await outbound_rows(world.creator.id)
    assert row.id == result.outbound_message_ids[0]
    assert row.reply_to_id == result.inbound_message_id
    assert row.content == reply.text
    assert row.metadata["outbound"]["citations"][0]["document"] == str(warmup.id)
    assert row.response_time_ms is not None and row.response_time_ms >= 0
    assert row.delivery_status == DeliveryStatus.QUEUED
    outbox = await OutboxMessage.get(idempotency_key=f"reply:{row.id}")
    assert outbox.status == OutboxStatus.PENDING
    assert outbox.message_id == row.id
    assert outbox.payload["text"] == reply.text

    conversation = await Conversation.get(id=result.conversation_id)
    assert conversation.message_count == 2
    assert conversation.last_message_at == START
    events = await UserInteraction.for_creator(world.creator.id).order_by("interaction_type")
    assert [e.interaction_type for e in events] == ["message_received", "reply_sent"]
    assert events[1].interaction_data["response_time_ms"] == row.response_time_ms
    assert events[1].interaction_data["citations"] == 1


async def test_an_unrelated_question_gets_an_honest_i_dont_know(world: World) -> None:
    result = await world.engine().handle(message("What is the capital of France?"))

    (reply,) = result.replies
    assert "I don't know" in reply.text
    assert reply.citations == ()
    assert len(world.retriever.calls) == 1  # it looked before saying so


async def test_a_redelivered_message_gets_the_same_replies_and_is_stored_once(
    world: World,
) -> None:
    engine = world.engine()
    first = await engine.handle(message("How long should I warm up?", msg_id="upd-7"))
    again = await engine.handle(message("How long should I warm up?", msg_id="upd-7"))

    assert again.duplicate and not first.duplicate
    assert again.replies == first.replies
    assert again.outbound_message_ids == first.outbound_message_ids
    assert again.inbound_message_id == first.inbound_message_id
    assert await Message.filter(direction=Direction.INBOUND).count() == 1
    assert await Message.filter(direction=Direction.OUTBOUND).count() == 1
    assert await OutboxMessage.all().count() == 1
    assert await UserInteraction.all().count() == 2
    assert (await Conversation.get(id=first.conversation_id)).message_count == 2
    assert len(world.retriever.calls) == 1


async def test_concurrent_first_deliveries_store_one_user_one_message_one_reply(
    world: World,
) -> None:
    engine = world.engine()
    results = await asyncio.gather(
        *(engine.handle(message("How long should I warm up?", msg_id="race")) for _ in range(3))
    )

    assert sorted(r.duplicate for r in results) == [False, True, True]
    assert await EndUser.all().count() == 1
    assert await ChannelAccount.all().count() == 1
    assert await Message.filter(direction=Direction.INBOUND).count() == 1
    assert await OutboxMessage.all().count() == 1


async def test_start_greets_in_the_bots_voice_and_keeps_the_payload(world: World) -> None:
    seen: list[str | None] = []

    async def programs(turn: Turn, call_next: Next) -> None:
        seen.append(turn.start_payload)
        await call_next(turn)

    engine = world.engine(before_answer=[programs])
    result = await engine.handle(message("/start ref_abc123"))

    assert [r.text for r in result.replies] == ["Welcome to Ada's running club!"]
    assert seen == ["ref_abc123"]
    assert world.retriever.calls == []  # a command is not a question


async def test_help_lists_the_commands_typed_or_from_a_button(world: World) -> None:
    engine = world.engine()
    typed = await engine.handle(message("/help", msg_id="h1"))
    button = await engine.handle(message("", msg_id="h2", payload="/help"))

    assert "Coach Ada" in typed.replies[0].text
    assert "/reset" in typed.replies[0].text
    assert button.replies == typed.replies
    inbound = await Message.get(id=button.inbound_message_id)
    assert inbound.message_type == "button"
    assert inbound.metadata["payload"] == "/help"


async def test_reset_closes_the_conversation_and_starts_a_fresh_one(world: World) -> None:
    engine = world.engine()
    before = await engine.handle(message("How long should I warm up?", msg_id="r1"))
    reset = await engine.handle(message("/reset", msg_id="r2"))
    after = await engine.handle(message("How much water should I drink?", msg_id="r3"))

    assert "Fresh start" in reset.replies[0].text
    assert reset.conversation_id != before.conversation_id
    assert after.conversation_id == reset.conversation_id
    old = await Conversation.get(id=before.conversation_id)
    assert old.status == ConversationStatus.CLOSED
    assert old.message_count == 3  # question, answer, /reset
    new = await Conversation.get(id=after.conversation_id)
    assert new.status == ConversationStatus.ACTIVE
    assert new.message_count == 3  # the /reset reply, question, answer
    assert "litre" in after.replies[0].text


async def test_unknown_commands_point_to_help(world: World) -> None:
    result = await world.engine().handle(message("/dance"))
    assert result.replies[0].text.startswith("I don't know the command /dance")


async def test_a_failing_step_gives_the_fallback_reply_stored_and_logged(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    async def broken(turn: Turn, call_next: Next) -> None:
        raise RuntimeError("gamification exploded")

    engine = world.engine(before_answer=[broken])
    with caplog.at_level(logging.INFO):
        result = await engine.handle(message("my secret question", msg_id="x1"))

    assert [r.text for r in result.replies] == [FALLBACK_REPLY]
    assert result.failed
    assert engine.error_count == 1
    (record,) = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert record.exc_info is not None and "gamification exploded" in str(record.exc_info[1])
    assert "x1" in record.getMessage()
    assert "my secret question" not in caplog.text
    (row,) = await outbound_rows(world.creator.id)
    assert row.content == FALLBACK_REPLY
    assert row.response_time_ms is not None
    assert await OutboxMessage.filter(message_id=row.id).count() == 1
    sent = await UserInteraction.get(interaction_type="reply_sent")
    assert sent.interaction_data["fallback"] is True


async def test_deliver_inline_marks_the_reply_sent(world: World) -> None:
    result = await world.engine().handle(
        message("How long should I warm up?", channel=ChannelName.WEB), deliver_inline=True
    )

    outbox = await OutboxMessage.get(message_id=result.outbound_message_ids[0])
    assert outbox.status == OutboxStatus.SENT
    assert outbox.sent_at == START
    row = await Message.get(id=result.outbound_message_ids[0])
    assert row.delivery_status == DeliveryStatus.SENT


async def test_one_person_on_two_channels_has_two_accounts(world: World) -> None:
    engine = world.engine()
    await engine.handle(message("hi", msg_id="t1", user="42", channel=ChannelName.TELEGRAM))
    await engine.handle(message("hi", msg_id="w1", user="42", channel=ChannelName.WHATSAPP))
    world.clock.at = START + timedelta(hours=1)
    await engine.handle(
        message("hi again", msg_id="t2", user="42", channel=ChannelName.TELEGRAM, name="Sam")
    )

    accounts = await ChannelAccount.for_creator(world.creator.id).order_by("channel")
    assert [(a.channel, a.external_id) for a in accounts] == [
        ("telegram", "42"),
        ("whatsapp", "42"),
    ]
    assert accounts[0].display_name == "Sam"
    assert accounts[0].last_inbound_at == START + timedelta(hours=1)
    assert accounts[1].last_inbound_at == START
    assert await EndUser.for_creator(world.creator.id).count() == 2
    telegram_user = await EndUser.get(id=accounts[0].end_user_id)
    assert telegram_user.display_name == "Sam"
    assert telegram_user.last_active_at == START + timedelta(hours=1)
    assert await Conversation.all().count() == 2
    # the same message id on another channel is another message, not a redelivery
    assert await Message.filter(direction=Direction.INBOUND).count() == 3


async def test_each_creator_sees_only_their_rows_and_their_knowledge(world: World) -> None:
    other_creator, other_bot, _, _ = await make_bot(
        "bo", {"Bo's secret": "Bo's secret warm up is twenty minutes of skipping."}, world.retriever
    )
    # a mislinked knowledge base of another creator must never be searched
    await other_bot.knowledge_bases.add(world.kb)
    engine = world.engine()
    await engine.handle(message("How long should I warm up?", msg_id="a1"))
    result = await engine.handle(message("How long should I warm up?", msg_id="b1", bot="bo"))

    assert "twenty minutes of skipping" in result.replies[0].text
    assert world.retriever.calls[-1][0] == [(await KnowledgeBase.get(creator=other_creator)).id]
    for creator in (world.creator, other_creator):
        assert await EndUser.for_creator(creator.id).count() == 1
        assert await Message.for_creator(creator.id).count() == 2
        assert await Conversation.for_creator(creator.id).count() == 1
        assert await OutboxMessage.for_creator(creator.id).count() == 1
        assert await UserInteraction.for_creator(creator.id).count() == 2


@pytest.mark.parametrize("status", [BotStatus.ARCHIVED, BotStatus.DELETED])
async def test_archived_or_deleted_bots_get_no_answer(world: World, status: BotStatus) -> None:
    world.bot.status = status
    await world.bot.save()
    with pytest.raises(BotUnavailable, match="ada"):
        await world.engine().handle(message("hello"))
    with pytest.raises(BotUnavailable, match="nobody"):
        await world.engine().handle(message("hello", bot="nobody"))
    assert await Message.all().count() == 0
    assert await EndUser.all().count() == 0


async def test_draft_bots_answer_for_testing(world: World) -> None:
    world.bot.status = BotStatus.DRAFT
    await world.bot.save()
    result = await world.engine().handle(message("How long should I warm up?"))
    assert "ten minutes" in result.replies[0].text
