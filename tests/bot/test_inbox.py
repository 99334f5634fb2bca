"""The durable inbox: accepted once, processed once, and finished after a crash mid-turn."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from uuid import UUID

import pytest

from bot.clock import FakeClock, SystemClock
from bot.engine import Engine
from bot.inbox import DurableInbox
from bot.llm import LLMChooser
from bot.messages import ChannelName, InboundMessage
from bot.rag import RetrievedChunk
from bot.settings import LLMSettings
from models import Bot, InboxMessage, InboxStatus, KnowledgeBase, Message, OutboxMessage
from tests import factories
from tests.fakes.retriever import FakeRetriever

T0 = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)


class DyingRetriever(FakeRetriever):
    """Dies like a killed process (cancellation, not an Exception) on its first call only."""

    def __init__(self) -> None:
        super().__init__()
        self.deaths = 0

    async def retrieve(
        self, knowledge_base_ids: list[UUID], query: str, *, k: int = 5
    ) -> list[RetrievedChunk]:
        if self.deaths == 0:
            self.deaths += 1
            raise asyncio.CancelledError("process killed mid-turn")
        return await super().retrieve(knowledge_base_ids, query, k=k)


async def world(retriever: FakeRetriever) -> tuple[Bot, DurableInbox, FakeClock]:
    owner = await factories.creator()
    bot = await factories.bot(owner, "inbox-bot")
    kb = await KnowledgeBase.create(creator=owner, name="kb")
    await bot.knowledge_bases.add(kb)
    text = "Stretch for five minutes after every run to stay supple."
    retriever.add(kb.id, RetrievedChunk("c1", "d1", "Stretching", text, 1.0))
    clock = FakeClock(T0)
    engine = Engine(retriever=retriever, llm_for=LLMChooser(LLMSettings()), clock=clock)
    return bot, DurableInbox(engine.handle, clock=clock), clock


def message(msg_id: str) -> InboundMessage:
    return InboundMessage(
        channel=ChannelName.TELEGRAM,
        bot="inbox-bot",
        external_user_id="42",
        external_message_id=msg_id,
        text="How long should I stretch after a run?",
        received_at=T0,
    )


async def test_redelivery_is_refused_at_the_door(db: str) -> None:
    bot, inbox, _ = await world(FakeRetriever())
    first = await inbox.accept(message("u-1"), bot_id=bot.id)
    again = await inbox.accept(message("u-1"), bot_id=bot.id)
    assert first is not None and again is None
    assert await InboxMessage.all().count() == 1
    assert await inbox.process(first) is True
    assert await inbox.process(first) is False  # done rows are never run again
    assert await Message.filter(direction="out").count() == 1


async def test_a_turn_killed_half_way_is_finished_by_recovery(db: str) -> None:
    bot, inbox, clock = await world(DyingRetriever())
    row_id = await inbox.accept(message("u-2"), bot_id=bot.id)
    assert row_id is not None
    with pytest.raises(asyncio.CancelledError):
        await inbox.process(row_id)
    # the turn's one transaction rolled back: only the inbox row holds the message
    assert await Message.all().count() == 0
    assert (await InboxMessage.get(id=row_id)).status == InboxStatus.PENDING
    assert await inbox.recover() == 0  # still leased to the (dead) first process
    clock.advance(timedelta(minutes=6))
    assert await inbox.recover() == 1
    replies = await Message.filter(direction="out")
    assert len(replies) == 1 and "Stretch for five minutes" in replies[0].content
    assert await Message.filter(direction="in").count() == 1
    assert await OutboxMessage.all().count() == 1
    row = await InboxMessage.get(id=row_id)
    assert row.status == InboxStatus.DONE and row.attempts == 2
    clock.advance(timedelta(minutes=10))
    assert await inbox.recover() == 0


async def test_recovery_does_not_touch_fresh_rows(db: str) -> None:
    bot, inbox, _ = await world(FakeRetriever())
    await inbox.accept(message("u-3"), bot_id=bot.id)
    assert await inbox.recover() == 0  # its own task is about to run it
    assert (await InboxMessage.get()).attempts == 0


async def test_a_turn_cancelled_by_a_stopping_process_is_handed_back_at_once(db: str) -> None:
    bot, inbox, clock = await world(DyingRetriever())
    row_id = await inbox.accept(message("u-4"), bot_id=bot.id)
    assert row_id is not None
    with pytest.raises(asyncio.CancelledError):  # graceful shutdown cancels the unfinished turn
        await inbox.process(row_id)
    row = await InboxMessage.get(id=row_id)
    assert row.status == InboxStatus.PENDING and row.locked_until is None  # no lease to wait out
    clock.advance(timedelta(seconds=31))  # past the recovery grace, far below the 5-min lease
    assert await inbox.recover() == 1
    assert (await InboxMessage.get(id=row_id)).status == InboxStatus.DONE


async def test_a_slow_turn_keeps_its_lease_so_recovery_never_runs_it_twice(db: str) -> None:
    bot = await factories.bot(await factories.creator(), "inbox-bot")
    runs: list[bool] = []

    async def slow_turn(inbound: InboundMessage, *, resume: bool = False, **_: object) -> None:
        runs.append(resume)
        await asyncio.sleep(2.5)

    lease = timedelta(seconds=1.5)
    busy = DurableInbox(slow_turn, clock=SystemClock(), lease=lease)
    elsewhere = DurableInbox(slow_turn, clock=SystemClock(), lease=lease)  # another process
    row_id = await busy.accept(message("u-5"), bot_id=bot.id)
    assert row_id is not None
    turn = asyncio.create_task(busy.process(row_id))
    await asyncio.sleep(2.0)  # past the first lease: only its renewal keeps the turn ours
    assert await elsewhere.recover(grace=timedelta(0)) == 0
    assert await turn is True
    assert runs == [False]
