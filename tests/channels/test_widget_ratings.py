"""Ratings on widget replies and the widget's theme config, over real HTTP, both databases."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest

from bot import configuration
from bot.configuration import FieldInvalid
from models import Conversation, Message, Webhook, WebhookDelivery
from tests import factories
from tests.channels.conftest import Running

SESSION = "session-rate-1"


async def ask(running: Running, text: str, session: str = SESSION) -> dict[str, Any]:
    body = {"session": session, "id": uuid.uuid4().hex, "text": text}
    headers = {"X-Parley-Key": running.bot.public_key}
    response = await running.client.post(
        f"/widget/{running.bot.slug}/messages", json=body, headers=headers
    )
    assert response.status == 200, await response.text()
    (reply,) = (await response.json())["replies"]
    return dict(reply)


async def rate(
    running: Running, message_id: str, body: dict[str, Any], *, slug: str = "", key: str = ""
) -> Any:
    return await running.client.post(
        f"/widget/{slug or running.bot.slug}/messages/{message_id}/rating",
        json={"session": SESSION} | body,
        headers={"X-Parley-Key": key or running.bot.public_key},
    )


async def test_a_rating_is_stored_on_the_reply_and_its_conversation(running: Running) -> None:
    hook = await Webhook.create(
        creator_id=running.creator.id,
        url="https://hooks.example/x",
        events=["rating_received"],
        secret="s",
    )
    reply = await ask(running, "When are the quiet hours?")
    stored = await Message.get(id=reply["id"])
    assert stored.direction.value == "out" and stored.content == reply["text"]

    first = await rate(running, reply["id"], {"value": "up", "comment": " clear, thanks "})
    assert first.status == 200
    assert (await first.json()) == {
        "message_id": reply["id"],
        "value": "up",
        "comment": "clear, thanks",
        "changed": True,
    }
    again = await rate(running, reply["id"], {"value": "up", "comment": "clear, thanks"})
    assert (await again.json())["changed"] is False  # idempotent: nothing written twice
    row = await Message.get(id=reply["id"])
    assert (row.rating, row.rating_comment) == ("up", "clear, thanks") and row.rated_at
    conversation = await Conversation.get(id=row.conversation_id)
    assert (conversation.rating, conversation.feedback) == (1, "clear, thanks")

    changed = await rate(running, reply["id"], {"value": "down"})
    assert changed.status == 200 and (await changed.json())["changed"] is True
    row = await Message.get(id=reply["id"])
    assert (row.rating, row.rating_comment) == ("down", None)
    assert (await Conversation.get(id=row.conversation_id)).rating == -1
    events = await WebhookDelivery.filter(webhook_id=hook.id).order_by("created_at")
    ratings = [json.loads(e.body)["data"] for e in events]
    assert [(r["message_id"], r["value"]) for r in ratings] == [
        (reply["id"], "up"),
        (reply["id"], "down"),
    ]  # one event per new or changed rating, none for the repeated one

    history = await running.client.get(
        f"/widget/{running.bot.slug}/history",
        params={"session": SESSION},
        headers={"X-Parley-Key": running.bot.public_key},
    )
    last = (await history.json())["messages"][-1]
    assert (last["id"], last["rating"]) == (reply["id"], "down")


async def test_only_the_learners_own_bot_replies_can_be_rated(running: Running) -> None:
    reply = await ask(running, "When are the quiet hours?")
    await ask(running, "hello", session="session-rate-2")  # another learner of the same bot
    other_session = await running.client.post(
        f"/widget/{running.bot.slug}/messages/{reply['id']}/rating",
        json={"session": "session-rate-2", "value": "up"},
        headers={"X-Parley-Key": running.bot.public_key},
    )
    assert other_session.status == 404
    assert (await other_session.json())["error"]["code"] == "not_found"
    own_question = await Message.get(bot=running.bot, direction="in", content__contains="quiet")
    assert (await rate(running, str(own_question.id), {"value": "up"})).status == 404
    assert (await rate(running, str(uuid.uuid4()), {"value": "up"})).status == 404
    assert (await rate(running, "not-a-uuid", {"value": "up"})).status == 404
    other = await factories.bot(running.creator, "other-bot")
    via_other_bot = await rate(
        running, reply["id"], {"value": "up"}, slug=other.slug, key=other.public_key
    )
    assert via_other_bot.status == 404
    assert await Message.filter(rating__isnull=False).count() == 0


async def test_a_bad_rating_is_refused_with_a_reason(running: Running) -> None:
    reply = await ask(running, "When are the quiet hours?")
    bad_value = await rate(running, reply["id"], {"value": "meh"})
    assert bad_value.status == 400
    assert "value" in (await bad_value.json())["error"]["message"]
    too_long = await rate(running, reply["id"], {"value": "up", "comment": "x" * 1001})
    assert too_long.status == 400 and "comment" in (await too_long.json())["error"]["message"]
    no_key = await running.client.post(
        f"/widget/{running.bot.slug}/messages/{reply['id']}/rating",
        json={"session": SESSION, "value": "up"},
    )
    assert no_key.status == 401
    assert (await Message.get(id=reply["id"])).rating is None


async def test_widget_theme_is_validated_published_and_served(running: Running) -> None:
    bot = running.bot
    with pytest.raises(FieldInvalid) as bad:
        await configuration.edit(bot, {"widget_color": "red; background:url(x)"})
    assert bad.value.field == "widget_color"
    with pytest.raises(FieldInvalid):
        await configuration.edit(bot, {"widget_avatar": "javascript:alert(1)"})
    with pytest.raises(FieldInvalid):
        await configuration.edit(bot, {"widget_position": "middle"})
    theme = {
        "widget_color": "#0F766E",
        "widget_title": "Ask Pip",
        "widget_avatar": "https://cdn.example/pip.png",
        "widget_position": "left",
        "widget_starters": ["What are quiet hours?", " ", "How do I connect Telegram?"],
    }
    await configuration.edit(bot, theme | {"languages": ["ar"]})
    config = running.client.get(
        f"/widget/{bot.slug}/config", headers={"X-Parley-Key": bot.public_key}
    )
    before = await (await config).json()
    assert before["color"] == "#4f46e5" and before["title"] == "Pip"  # the draft is not live
    await configuration.publish(bot)
    response = await running.client.get(
        f"/widget/{bot.slug}/config",
        headers={"X-Parley-Key": bot.public_key, "Origin": "http://parley.test"},
    )
    assert response.headers["Access-Control-Allow-Origin"] == "http://parley.test"
    assert await response.json() == {
        "title": "Ask Pip",
        "color": "#0f766e",
        "avatar": "https://cdn.example/pip.png",
        "position": "left",
        "greeting": "Hi!",
        "starters": ["What are quiet hours?", "How do I connect Telegram?"],
        "language": "ar",
        "dir": "rtl",
    }
    draft = configuration.draft_values(await type(bot).get(id=bot.id))
    assert draft["widget_title"] == "Ask Pip"
