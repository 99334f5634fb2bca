"""Knowledge gaps over real HTTP with the real retriever (hashing embedder, Chroma): refused and
rated-down answers grouped, citations per document, "add an answer" re-tested (both dialects)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.auth import issue_api_key
from bot.messages import ChannelName, InboundMessage
from models import Direction, Message
from tests import factories
from tests.channels.conftest import Running, start

PASSWORD = (
    "How do I reset my password?",
    "how do i reset my password",
    "How do I reset my password",
)


@pytest.fixture
async def live(db: str, tmp_path: Path) -> AsyncIterator[Running]:
    async for value in start(db, tmp_path):
        yield value


async def ask(live: Running, text: str, n: int) -> Message:
    inbound = InboundMessage(ChannelName.WEB, live.bot.slug, f"learner-{n % 2}", f"q{n}", text=text)
    await live.services.engine.handle(inbound)
    question = await Message.get(external_message_id=f"q{n}")
    return await Message.get(reply_to_id=question.id, direction=Direction.OUTBOUND)


async def call(live: Running, method: str, path: str, key: str, **kw: Any) -> tuple[int, Any]:
    headers = {"Authorization": f"Bearer {key}"}
    async with live.client.request(method, path, headers=headers, **kw) as resp:
        return resp.status, await resp.json()


async def test_gaps_group_weak_answers_and_an_added_answer_is_cited(live: Running) -> None:
    key = (await issue_api_key(live.creator, ["read", "write"])).token
    replies = [await ask(live, q, n) for n, q in enumerate(PASSWORD)]
    refund = await ask(live, "What is your refund policy for annual plans?", 3)
    answered = await ask(live, "When are the quiet hours?", 4)
    assert all(r.refused for r in [*replies, refund]) and answered.refused is False
    assert answered.retrieval_score is not None and answered.retrieval_score > 0
    await Message.filter(id=answered.id).update(rating="down")  # the learner's thumbs down

    status, report = await call(live, "GET", f"/api/v1/bots/{live.bot.slug}/gaps", key)
    assert status == 200
    by_question = {g["question"]: g for g in report["groups"]}
    password = report["groups"][0]
    assert password["count"] == 3 and password["reasons"]["refused"] == 3
    assert set(password["examples"]) == set(PASSWORD)
    assert by_question["What is your refund policy for annual plans?"]["count"] == 1
    assert by_question["When are the quiet hours?"]["reasons"]["rated_down"] == 1
    assert "refused" not in by_question["When are the quiet hours?"]["reasons"]
    (guide,) = report["documents"]
    assert guide["citations"] == 1 and report["never_cited"] == []

    status, added = await call(
        live,
        "POST",
        f"/api/v1/bots/{live.bot.slug}/gaps/answers",
        key,
        json={
            "question": PASSWORD[0],
            "answer": "Open Settings, choose Security, then Reset password.",
        },
    )
    assert status == 201 and added["cites_new_document"] is True
    assert "Reset password" in added["reply"]["text"]
    assert added["reply"]["citations"][0]["document"] == added["document"]
    status, report = await call(live, "GET", f"/api/v1/bots/{live.bot.slug}/gaps", key)
    assert [d["id"] for d in report["never_cited"]] == [added["document"]]
    (fixed,) = report["answered"]  # the password group, no longer open
    assert fixed["question"] == password["question"] and fixed["answered_at"]
    assert password["question"] not in [g["question"] for g in report["groups"]]
    again = await ask(live, "How do I reset my password?", 5)  # now answered from the Q&A
    assert again.refused is False
    status, report = await call(live, "GET", f"/api/v1/bots/{live.bot.slug}/gaps", key)
    assert [g["question"] for g in report["answered"]] == [password["question"]]


async def test_another_creators_bot_is_404_and_bad_filters_400(live: Running) -> None:
    other = await factories.creator()
    await factories.bot(other, "elsewhere")
    key = (await issue_api_key(live.creator, ["read", "write"])).token
    status, error = await call(live, "GET", "/api/v1/bots/elsewhere/gaps", key)
    assert status == 404 and error["error"]["code"] == "not_found"
    body = {"question": "q", "answer": "a"}
    status, _ = await call(live, "POST", "/api/v1/bots/elsewhere/gaps/answers", key, json=body)
    assert status == 404
    status, error = await call(live, "GET", f"/api/v1/bots/{live.bot.slug}/gaps?low_score=x", key)
    assert status == 400 and "low_score" in error["error"]["message"]
    read_only = (await issue_api_key(live.creator, ["read"])).token
    path = f"/api/v1/bots/{live.bot.slug}/gaps/answers"
    assert (await call(live, "POST", path, read_only, json=body))[0] == 403
