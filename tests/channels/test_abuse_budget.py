"""Abuse and budgets on a running app with the fake OpenAI server: a learner's message rate,
a creator's monthly LLM token budget (warning at 80%, stop at 100%)."""

from __future__ import annotations

import math
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.abuse import RATE_REPLY
from bot.auth import issue_api_key
from bot.budget import BUDGET_REPLY
from bot.clock import FakeClock
from bot.rag.service import KnowledgeService
from bot.settings import LimitsSettings, LLMSettings
from channels.app import Services, create_app
from models import Bot
from tests import factories
from tests.channels.conftest import GUIDE, app_settings
from tests.fakes.openai_server import FakeOpenAI

T0 = datetime(2026, 5, 4, 9, tzinfo=UTC)


@dataclass
class App:
    client: Any
    clock: FakeClock
    bot: Bot
    llm: FakeOpenAI
    api: dict[str, str]

    async def say(self, text: str, msg_id: str, session: str = "session-0001") -> str:
        response = await self.client.post(
            f"/widget/{self.bot.slug}/messages",
            json={"session": session, "id": msg_id, "text": text},
            headers={"X-Parley-Key": self.bot.public_key},
        )
        assert response.status == 200, await response.text()
        return str((await response.json())["replies"][0]["text"])

    async def usage(self) -> dict[str, Any]:
        return dict(await (await self.client.get("/api/v1/usage", headers=self.api)).json())


@pytest.fixture
async def app(db: str, tmp_path: Path) -> AsyncIterator[App]:
    llm = FakeOpenAI(answer="Quiet hours run from 21:00 to 08:00 [1].")
    await llm.start()
    settings = app_settings(db, tmp_path).model_copy(
        update={
            "llm": LLMSettings(provider="openai", base_url=llm.base_url, api_key="sk-test-key"),
            "limits": LimitsSettings(learner_messages_per_minute=3),
        }
    )
    clock = FakeClock(T0)
    services = Services.build(
        settings, clock=clock, knowledge=KnowledgeService(settings, clock=clock)
    )
    owner = await factories.creator()
    bot = await factories.bot(owner, "guide")
    (tmp_path / "guide.md").write_text(GUIDE)
    await services.knowledge.add(owner.id, bot.slug, tmp_path / "guide.md")
    key = await issue_api_key(owner, ["read", "write"])
    web_app = create_app(settings, manage_db=False, services=services)
    async with TestClient(TestServer(web_app)) as client:
        yield App(client, clock, bot, llm, {"Authorization": f"Bearer {key.token}"})
    await llm.close()


async def test_a_learner_over_the_rate_gets_a_polite_reply_and_no_llm_call(app: App) -> None:
    replies = [await app.say(f"When are quiet hours? ({n})", f"m{n}") for n in range(5)]
    assert replies[:3] == ["Quiet hours run from 21:00 to 08:00 [1]."] * 3
    assert replies[3:] == [RATE_REPLY, RATE_REPLY]
    assert len(app.llm.requests) == 3
    other = await app.say("When are quiet hours?", "x1", session="session-0002")
    assert other != RATE_REPLY  # the limit is per learner
    app.clock.advance(timedelta(minutes=2))
    assert await app.say("And now?", "m9") != RATE_REPLY
    assert len(app.llm.requests) == 5


async def test_monthly_token_budget_warns_at_80_and_stops_at_100(app: App) -> None:
    await app.say("When are quiet hours?", "b1")
    first = await app.usage()
    assert first["llm_tokens"] > 0 and first["budget"] is None and first["warning"] is None
    budget = math.ceil(first["llm_tokens"] / 0.85)
    put = await app.client.put(
        "/api/v1/settings/llm-budget", json={"monthly_tokens": budget}, headers=app.api
    )
    warned = await put.json()
    assert put.status == 200 and warned["warning"] == "85% of the monthly LLM token budget is used"
    assert not warned["stopped"]
    app.clock.advance(timedelta(minutes=5))
    await app.say("And on weekends?", "b2")  # still under budget: answered, now over it
    assert (await app.usage())["stopped"] is True
    calls = len(app.llm.requests)
    app.clock.advance(timedelta(minutes=5))
    assert await app.say("One more question", "b3") == BUDGET_REPLY
    assert len(app.llm.requests) == calls == 2
    app.clock.advance(timedelta(days=31))  # a new month, a new allowance
    assert await app.say("New month question", "b4") != BUDGET_REPLY
    assert len(app.llm.requests) == 3
