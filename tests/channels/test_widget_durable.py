"""Widget turns go through the durable inbox: stored before answered, answered once after a
crash, and the widget sees the reply; a turn past its deadline gets the fallback at once and
the model's late answer is never sent."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import aiohttp
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.broadcast import LocalBroadcast
from bot.clock import FakeClock
from bot.engine import Engine
from bot.i18n.catalogue import Texts
from bot.inbox import DurableInbox
from bot.llm import LLMChooser
from bot.rag import RetrievedChunk
from bot.ratelimit import build_rate_limiter
from bot.settings import LLMSettings, WidgetSettings
from channels.http_errors import json_errors
from channels.web import widget
from channels.web.hub import WidgetHub
from channels.web.live import WidgetLive
from channels.web.ratelimit import WidgetLimits
from models import Bot, InboxMessage, InboxStatus, KnowledgeBase, Message, OutboxMessage
from tests import factories
from tests.bot.test_inbox import DyingRetriever
from tests.fakes.openai_server import FakeOpenAI, Fault
from tests.fakes.retriever import FakeRetriever

T0 = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)
SESSION = "session-durable-1"
TEXT = "Stretch for five minutes after every run to stay supple."
QUESTION = "How long should I stretch after a run?"


@dataclass
class Widget:
    client: TestClient
    bot: Bot
    inbox: DurableInbox
    clock: FakeClock

    async def post(self, text: str, msg_id: str) -> aiohttp.ClientResponse:
        body = {"session": SESSION, "id": msg_id, "text": text}
        headers = {"X-Parley-Key": self.bot.public_key}
        url = f"/widget/{self.bot.slug}/messages"
        return await self.client.post(url, json=body, headers=headers)

    async def history(self) -> list[tuple[str, str]]:
        response = await self.client.get(
            f"/widget/{self.bot.slug}/history",
            params={"session": SESSION},
            headers={"X-Parley-Key": self.bot.public_key},
        )
        assert response.status == 200
        return [(m["direction"], m["text"]) for m in (await response.json())["messages"]]


@asynccontextmanager
async def serving(
    retriever: FakeRetriever, llm: LLMSettings, deadline_s: float
) -> AsyncIterator[Widget]:
    owner = await factories.creator()
    bot = await factories.bot(owner, "durable-bot")
    kb = await KnowledgeBase.create(creator=owner, name="kb")
    await bot.knowledge_bases.add(kb)
    retriever.add(kb.id, RetrievedChunk("c1", "d1", "Stretching", TEXT, 1.0))
    clock = FakeClock(T0)
    chooser = LLMChooser(llm)
    engine = Engine(retriever=retriever, llm_for=chooser, clock=clock, deadline_s=deadline_s)
    inbox = DurableInbox(engine.handle, clock=clock)
    endpoints = widget.WidgetEndpoints(
        engine=engine,
        inbox=inbox,
        live=WidgetLive(WidgetHub(), LocalBroadcast(), node="test"),
        limits=WidgetSettings(),
        public_url="http://parley.test",
        rate_limits=WidgetLimits(build_rate_limiter(""), WidgetSettings()),
    )
    app = web.Application(middlewares=[json_errors])
    widget.add_routes(app, endpoints)
    try:
        async with TestClient(TestServer(app)) as client:
            yield Widget(client, bot, inbox, clock)
    finally:
        await chooser.aclose()


async def test_a_widget_turn_killed_mid_way_is_answered_once_by_recovery(db: str) -> None:
    async with serving(DyingRetriever(), LLMSettings(), 20.0) as w:
        try:
            response = await w.post(QUESTION, "m-1")
            assert response.status >= 500  # the process "died": no answer in the response
        except aiohttp.ClientError:
            pass  # or the connection was dropped
        row = await InboxMessage.get()
        assert row.status == InboxStatus.PENDING  # stored before it was answered
        assert await Message.all().count() == 0  # the turn's transaction rolled back
        assert await w.inbox.recover() == 0  # leased to the process that died
        w.clock.advance(timedelta(minutes=6))
        assert await w.inbox.recover() == 1
        assert await w.inbox.recover() == 0
        assert await w.history() == [("in", QUESTION), ("out", TEXT)]
        (outbox,) = await OutboxMessage.all()
        assert outbox.channel == "web"  # the outbox pushes it to the open widget
        assert (await InboxMessage.get()).status == InboxStatus.DONE
        again = await w.post(QUESTION, "m-1")  # the widget retries the same message id
        assert [r["text"] for r in (await again.json())["replies"]] == [TEXT]
        assert await Message.filter(direction="out").count() == 1


async def test_a_model_that_never_answers_gets_the_fallback_within_the_deadline(db: str) -> None:
    fake = FakeOpenAI()
    fake.faults.extend([Fault(delay_s=3600)] * 10)  # every request stalls
    llm = LLMSettings(provider="openai", base_url=await fake.start(), timeout_s=60, max_retries=3)
    try:
        async with serving(FakeRetriever(), llm, 1.0) as w:
            started = time.perf_counter()
            response = await w.post(QUESTION, "m-2")
            took = time.perf_counter() - started
            assert response.status == 200
            (reply,) = (await response.json())["replies"]
            assert reply["text"].startswith(Texts().get("llm_unavailable"))
            assert [c["title"] for c in reply["citations"]] == ["Stretching"]
            assert 0.9 <= took < 5.0
            assert len(fake.requests) == 1  # the stalled call was cancelled, not retried on
            await asyncio.sleep(1.5)  # a late answer would be stored and sent by now
            fake.faults.clear()
            assert await Message.filter(direction="out").count() == 1
            assert await OutboxMessage.all().count() == 1
            assert await w.history() == [("in", QUESTION), ("out", reply["text"])]
    finally:
        await fake.close()
