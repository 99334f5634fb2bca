"""Conversations on the creator API: search, transcript, takeover, replies, /human, scoping."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from bot import privacy
from bot.auth import issue_api_key
from bot.webhooks.events import SUBSCRIBERS
from models import AuditLog, Conversation, EndUser, Message, SenderType, Webhook, WebhookDelivery
from tests import factories
from tests.channels.inbox_app import InboxApp, inbox_app

ANN, BOB = "5550101", "5550102"
HANDOFF_TEXT = "A person will answer you here soon"


@pytest.fixture
async def tg(db: str, tmp_path: Path) -> AsyncIterator[InboxApp]:
    async with inbox_app(db, tmp_path) as running:
        yield running


async def get(tg: InboxApp, path: str, headers: dict[str, str] | None = None) -> Any:
    response = await tg.client.get(path, headers=headers or tg.read)
    assert response.status == 200, await response.text()
    return await response.json()


async def post(tg: InboxApp, path: str, body: Any = None, status: int = 200) -> Any:
    response = await tg.client.post(path, json=body, headers=tg.write)
    assert response.status == status, await response.text()
    return await response.json()


async def conversation_of(user: str) -> Conversation:
    learner = await EndUser.get(external_id=user)
    return await Conversation.get(user_id=learner.id)


async def test_search_finds_words_filters_and_pages(tg: InboxApp) -> None:
    await tg.say(ANN, "When are the quiet hours?")
    await tg.say(BOB, "How do I connect Telegram?")
    ann, bob = await conversation_of(ANN), await conversation_of(BOB)
    found = await get(tg, "/api/v1/conversations?q=quiet")
    assert [c["id"] for c in found["items"]] == [str(ann.id)]
    assert any("quiet hours?" in m["text"] for m in found["items"][0]["matches"])
    both = await get(tg, "/api/v1/conversations?q=Telegram&channel=telegram&bot=coach")
    assert [c["id"] for c in both["items"]] == [str(bob.id)]  # "telegram" is in Bob's only
    assert (await get(tg, "/api/v1/conversations?q=quiet&bot=other"))["items"] == []
    mine = await get(tg, f"/api/v1/conversations?learner={bob.user_id}")
    assert [c["id"] for c in mine["items"]] == [str(bob.id)]
    first = await get(tg, "/api/v1/conversations?per_page=1")
    assert len(first["items"]) == 1 and first["has_more"] is True
    second = await get(tg, "/api/v1/conversations?per_page=1&page=2")
    assert {first["items"][0]["id"], second["items"][0]["id"]} == {str(ann.id), str(bob.id)}
    assert (await get(tg, "/api/v1/conversations?q=xylophone"))["items"] == []


async def test_the_index_follows_new_and_erased_messages(tg: InboxApp) -> None:
    await tg.say(ANN, "Tell me about quiet hours")
    assert len((await get(tg, "/api/v1/conversations?q=quiet"))["items"]) == 1
    await tg.say(ANN, "And what about marmalade?")
    hits = (await get(tg, "/api/v1/conversations?q=marmalade"))["items"]
    assert [m["text"] for m in hits[0]["matches"]] == ["And what about marmalade?"]
    learner = await EndUser.get(external_id=ANN)
    await privacy.erase_learner(learner, now=tg.clock.now())
    assert (await get(tg, "/api/v1/conversations?q=marmalade"))["items"] == []
    assert (await get(tg, "/api/v1/conversations?q=quiet"))["items"] == []


async def test_filters_refused_rating_and_dates(tg: InboxApp) -> None:
    await tg.say(ANN, "When are the quiet hours?")  # answered from the guide
    await tg.say(BOB, "What is the capital of Mongolia?")  # nothing in the guide
    ann, bob = await conversation_of(ANN), await conversation_of(BOB)
    refused = await get(tg, "/api/v1/conversations?refused=true")
    assert [c["id"] for c in refused["items"]] == [str(bob.id)]
    await Conversation.filter(id=ann.id).update(rating=1)
    await Conversation.filter(id=bob.id).update(rating=-1)
    up = await get(tg, "/api/v1/conversations?rating=up")
    assert [c["id"] for c in up["items"]] == [str(ann.id)]
    today = tg.clock.now().date()
    assert len((await get(tg, f"/api/v1/conversations?from={today}&to={today}"))["items"]) == 2
    later = today + timedelta(days=1)
    assert (await get(tg, f"/api/v1/conversations?from={later}"))["items"] == []
    bad = await tg.client.get("/api/v1/conversations?rating=meh", headers=tg.read)
    assert bad.status == 400 and "rating" in (await bad.json())["error"]["message"]


async def test_transcript_has_citations_and_delivery(tg: InboxApp) -> None:
    await tg.say(ANN, "When are the quiet hours?")
    ann = await conversation_of(ANN)
    body = await get(tg, f"/api/v1/conversations/{ann.id}")
    assert body["bot"] == "coach" and body["channel"] == "telegram"
    first, reply = body["messages"]
    assert (first["sender"], first["direction"], first["delivery"]) == ("user", "in", None)
    assert first["text"] == "When are the quiet hours?"
    assert reply["sender"] == "ai" and reply["reply_to"] == first["id"]
    assert reply["citations"] and reply["citations"][0]["title"]
    assert reply["delivery"] == {"status": "sent", "outbox": "sent", "error": None}
    assert tg.sent_to(ANN)[-1].startswith(reply["text"])


async def test_takeover_silences_the_bot_the_creator_replies_then_releases(tg: InboxApp) -> None:
    await tg.say(ANN, "When are the quiet hours?")
    ann = await conversation_of(ANN)
    sent = len(tg.sent_to(ANN))
    state = await post(tg, f"/api/v1/conversations/{ann.id}/takeover")
    assert state["taken_over"] is True
    await tg.say(ANN, "Are you still there?")
    assert len(tg.sent_to(ANN)) == sent  # the bot said nothing
    assert await Message.filter(content="Are you still there?").exists()  # but it is stored
    assert (await conversation_of(ANN)).unread_count == 1
    queued = await post(
        tg, f"/api/v1/conversations/{ann.id}/messages", {"text": "Hi Ann, Sam here."}, 202
    )
    assert queued["status"] == "queued" and queued["channel"] == "telegram"
    await tg.settle()
    assert tg.sent_to(ANN)[-1] == "Hi Ann, Sam here."
    stored = await Message.get(id=queued["message_id"])
    assert stored.sender_type == SenderType.CREATOR
    assert (await conversation_of(ANN)).unread_count == 0
    await post(tg, f"/api/v1/conversations/{ann.id}/release")
    await tg.say(ANN, "When are the quiet hours?")
    assert len(tg.sent_to(ANN)) == sent + 2  # Sam's message, then the bot again
    operations = await AuditLog.filter(table_name="conversation").values_list(
        "operation", flat=True
    )
    assert sorted(operations) == ["release", "takeover"]


async def test_human_command_hands_off_until_the_timeout(tg: InboxApp) -> None:
    hook = await Webhook.create(
        creator_id=tg.creator.id,
        url="https://hooks.example/x",
        events=["handoff_requested"],
        secret="s",
    )
    SUBSCRIBERS.forget()
    await tg.say(ANN, "/human")
    assert HANDOFF_TEXT in tg.sent_to(ANN)[-1]
    ann = await conversation_of(ANN)
    assert ann.escalated_to_human and ann.unread_count == 1
    (event,) = await WebhookDelivery.filter(webhook_id=hook.id)
    body = json.loads(event.body)
    assert (event.event, body["data"]["conversation_id"]) == ("handoff_requested", str(ann.id))
    inbox = await get(tg, "/api/v1/conversations?attention=true")
    assert [(c["id"], c["handoff_requested"]) for c in inbox["items"]] == [(str(ann.id), True)]
    sent = len(tg.sent_to(ANN))
    await tg.say(ANN, "When are the quiet hours?")
    assert len(tg.sent_to(ANN)) == sent
    assert (await conversation_of(ANN)).unread_count == 2
    tg.clock.advance(timedelta(hours=25))  # the default timeout is 24 h
    await tg.say(ANN, "When are the quiet hours?")
    assert len(tg.sent_to(ANN)) == sent + 1


async def test_handoff_phrases_are_per_bot_and_validated(tg: InboxApp) -> None:
    path = "/api/v1/bots/coach/handoff"
    bad = await tg.client.put(path, json={"phrases": ["!"]}, headers=tg.write)
    assert bad.status == 400 and "phrase" in (await bad.json())["error"]["message"]
    saved = await tg.client.put(
        path, json={"phrases": ["Hablar con Sam"], "timeout_hours": 2}, headers=tg.write
    )
    assert (await saved.json()) == {"phrases": ["hablar con sam"], "timeout_hours": 2}
    await tg.say(BOB, "quiero hablar con Sam, por favor")
    assert "Una persona te responderá aquí pronto" in tg.sent_to(BOB)[-1]  # in their language
    bob = await conversation_of(BOB)
    assert bob.handoff_until == tg.clock.now() + timedelta(hours=2)


async def test_other_tenants_get_404_and_read_keys_403(tg: InboxApp) -> None:
    await tg.say(ANN, "When are the quiet hours?")
    ann = await conversation_of(ANN)
    stranger = await issue_api_key(await factories.creator(), ["read", "write"])
    theirs = {"Authorization": f"Bearer {stranger.token}"}
    for method, path in [
        ("GET", f"/api/v1/conversations/{ann.id}"),
        ("POST", f"/api/v1/conversations/{ann.id}/takeover"),
        ("POST", f"/api/v1/conversations/{ann.id}/release"),
        ("GET", "/api/v1/conversations/not-a-uuid"),
    ]:
        response = await tg.client.request(method, path, headers=theirs)
        assert response.status == 404, path
        assert (await response.json())["error"]["code"] == "not_found"
    sent = await tg.client.post(
        f"/api/v1/conversations/{ann.id}/messages", json={"text": "hi"}, headers=theirs
    )
    assert sent.status == 404
    assert (await get(tg, "/api/v1/conversations", theirs))["items"] == []
    refused = await tg.client.post(f"/api/v1/conversations/{ann.id}/takeover", headers=tg.read)
    assert refused.status == 403
    assert (await conversation_of(ANN)).taken_over_at is None
