"""Learners' data rights: `/delete` + `yes` in a chat, export and erase through the creator API."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest

from bot.auth import issue_api_key
from bot.privacy import ASK_REPLY, CANCELLED_REPLY, DONE_REPLY, finish_erasures
from models import ChannelAccount, EndUser, InboxMessage, Message, UserInteraction
from tests import factories
from tests.channels.conftest import Running
from tests.channels.harness import Harness, running

SECRET_QUESTION = "My name is Ada Lovelace and I feel anxious about the exam"
NOW = datetime(2030, 1, 1, tzinfo=UTC)


async def widget_say(site: Running, text: str, msg_id: str, session: str) -> list[str]:
    response = await site.client.post(
        f"/widget/{site.bot.slug}/messages",
        json={"session": session, "id": msg_id, "text": text},
        headers={"X-Parley-Key": site.bot.public_key},
    )
    assert response.status == 200, await response.text()
    return [r["text"] for r in (await response.json())["replies"]]


async def contents() -> list[str]:
    return list(await Message.all().values_list("content", flat=True))


async def test_delete_then_yes_erases_the_learner_in_the_widget(running: Running) -> None:
    session = "session-ada-0001"
    await widget_say(running, SECRET_QUESTION, "m1", session)
    interactions = await UserInteraction.all().count()
    assert await widget_say(running, "/delete", "m2", session) == [ASK_REPLY]
    assert await widget_say(running, "yes", "m3", session) == [DONE_REPLY]
    assert not any(SECRET_QUESTION in text for text in await contents())
    assert [t for t in await contents() if t] == [DONE_REPLY]
    user = await EndUser.get()
    assert (user.external_id, user.display_name, user.is_active) == (None, "", False)
    assert await UserInteraction.all().count() > interactions  # aggregates stay and count on
    assert all("Ada" not in str(row.payload) for row in await InboxMessage.all())
    assert await finish_erasures(NOW) == 1  # the confirmation was delivered inline
    account = await ChannelAccount.get()
    assert account.external_id.startswith("erased:") and session not in account.external_id
    history = await running.client.get(
        f"/widget/{running.bot.slug}/history",
        params={"session": session},
        headers={"X-Parley-Key": running.bot.public_key},
    )
    assert (await history.json())["messages"] == []


async def test_anything_but_yes_cancels(running: Running) -> None:
    session = "session-bob-0001"
    await widget_say(running, SECRET_QUESTION, "m1", session)
    await widget_say(running, "/delete", "m2", session)
    replies = await widget_say(running, "no, keep it", "m3", session)
    assert replies[0] == CANCELLED_REPLY
    assert SECRET_QUESTION in await contents()
    assert (await EndUser.get()).is_active


@pytest.fixture
async def tg(db: str) -> AsyncIterator[Harness]:
    async with running("telegram") as built:
        yield built


async def test_telegram_learner_gets_the_confirmation_then_the_chat_id_goes(tg: Harness) -> None:
    user = tg.users[0]
    for text in [SECRET_QUESTION, "/delete", "yes"]:
        await tg.post_text(user, text, tg.new_id())
        await tg.settle()
    assert tg.replies(user)[-2:] == [ASK_REPLY, DONE_REPLY]
    assert not any(SECRET_QUESTION in text for text in await contents())
    assert await finish_erasures(NOW) == 1
    assert user not in await ChannelAccount.all().values_list("external_id", flat=True)


async def test_creator_api_exports_and_erases_only_their_learners(running: Running) -> None:
    await widget_say(running, SECRET_QUESTION, "m1", "session-ada-0001")
    learner = await EndUser.get()
    mine = await issue_api_key(running.creator, ["read", "write"])
    other = await issue_api_key(await factories.creator(), ["read", "write"])

    def call(method: str, path: str, key: Any) -> Any:
        headers = {"Authorization": f"Bearer {key.token}"}
        return running.client.request(method, f"/api/v1/learners/{path}", headers=headers)

    for method, path in [("GET", f"{learner.id}/export"), ("DELETE", str(learner.id))]:
        assert (await call(method, path, other)).status == 404
    assert (await call("GET", "not-a-uuid/export", mine)).status == 404
    exported = await (await call("GET", f"{learner.id}/export", mine)).json()
    texts = [m["text"] for c in exported["conversations"] for m in c["messages"]]
    assert texts[0] == SECRET_QUESTION
    assert exported["channels"] == [{"channel": "web", "id": "session-ada-0001", "name": ""}]
    erased = await call("DELETE", str(learner.id), mine)
    assert erased.status == 200 and (await erased.json())["messages"] == len(texts)
    after = await (await call("GET", f"{learner.id}/export", mine)).json()
    assert all(m["text"] == "" for c in after["conversations"] for m in c["messages"])
    assert after["channels"][0]["id"].startswith("erased:")
