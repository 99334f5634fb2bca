"""One error shape everywhere, with stable codes; an archived or deleted bot's webhooks and
widget requests are refused (410) before anything is stored, and a bot archived after a
message was stored fails that message once, without retries or tracebacks."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from aiohttp import ClientResponse

from bot.auth import issue_api_key
from bot.clock import FakeClock
from bot.inbox import DurableInbox
from bot.messages import ChannelName, InboundMessage
from models import Bot, BotStatus, InboxMessage, InboxStatus, Message, OutboxMessage
from tests.channels.conftest import Running
from tests.channels.harness import T0, coach_bot, engine, running

GONE = (BotStatus.ARCHIVED, BotStatus.DELETED)


async def error_of(response: ClientResponse) -> tuple[int, str]:
    """The status and code of an error answer, checking it has exactly the one shape."""
    body: Any = await response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}, body
    assert body["error"]["message"], body
    return response.status, body["error"]["code"]


async def stored_rows() -> tuple[int, int, int]:
    return (
        await InboxMessage.all().count(),
        await Message.all().count(),
        await OutboxMessage.all().count(),
    )


@pytest.mark.parametrize("name", ["telegram", "whatsapp"])
async def test_an_archived_or_deleted_bots_webhook_is_refused_before_storing(
    db: str, name: str
) -> None:
    async with running(name) as channel:
        user = channel.users[0]
        assert await channel.post_text(user, "hello", channel.new_id()) == 200
        await channel.settle()
        before, replies = await stored_rows(), channel.replies(user)
        assert before[0] == 1 and len(replies) == 1  # a live bot stores and answers

        for status in GONE:
            await Bot.filter(id=channel.bot.id).update(status=status)
            assert await channel.post_text(user, "still there?", channel.new_id()) == 410
            raw = await channel.client.post(f"/{name}/{channel.bot.slug}/webhook", data=b"{}")
            assert await error_of(raw) == (410, "bot_unavailable")
        await channel.settle()
        assert await stored_rows() == before
        assert channel.replies(user) == replies

        unknown = await channel.client.post(f"/{name}/no-such-bot/webhook", data=b"{}")
        assert await error_of(unknown) == (404, "bot_not_found")


async def test_webhook_errors_carry_stable_codes(db: str) -> None:
    async with running("telegram") as tg:
        path = f"/telegram/{tg.bot.slug}/webhook"
        forged = await tg.client.post(path, json={"update_id": 1}, headers=secret("wrong"))
        assert await error_of(forged) == (401, "bad_secret_token")
    async with running("whatsapp") as wa:
        unsigned = await wa.client.post(f"/whatsapp/{wa.bot.slug}/webhook", data={"Body": "x"})
        assert await error_of(unsigned) == (403, "bad_signature")
    assert await InboxMessage.all().count() == 0


def secret(value: str) -> dict[str, str]:
    return {"X-Telegram-Bot-Api-Secret-Token": value}


async def test_an_archived_or_deleted_bots_widget_answers_410_and_stores_nothing(
    running: Running,
) -> None:
    body = {"session": "session-0001", "id": "m-1", "text": "hello"}
    headers = {"X-Parley-Key": running.bot.public_key}
    path = f"/widget/{running.bot.slug}/messages"
    for status in GONE:
        await Bot.filter(id=running.bot.id).update(status=status)
        refused = await running.client.post(path, json=body, headers=headers)
        assert await error_of(refused) == (410, "bot_unavailable")
        history = await running.client.get(
            f"/widget/{running.bot.slug}/history?session=session-0001", headers=headers
        )
        assert await error_of(history) == (410, "bot_unavailable")
    assert await stored_rows() == (0, 0, 0)
    unknown = await running.client.post("/widget/no-such-bot/messages", json=body)
    assert await error_of(unknown) == (404, "bot_not_found")


async def test_a_bot_archived_after_storing_fails_the_message_once_quietly(
    db: str, caplog: pytest.LogCaptureFixture
) -> None:
    bot, retriever = await coach_bot("soon-archived")
    clock = FakeClock(T0)
    inbox = DurableInbox(engine(retriever, clock).handle, clock=clock)
    inbound = InboundMessage(
        channel=ChannelName.TELEGRAM,
        bot=bot.slug,
        external_user_id="5550009",
        external_message_id="77",
        text="hello?",
    )
    row_id = await inbox.accept(inbound, bot_id=bot.id)
    assert row_id is not None
    await Bot.filter(id=bot.id).update(status=BotStatus.ARCHIVED)
    with caplog.at_level(logging.INFO):
        assert await inbox.process(row_id) is False
        assert await inbox.recover() == 0
    row = await InboxMessage.get(id=row_id)
    assert (row.status, row.attempts) == (InboxStatus.FAILED, 1)
    assert "BotUnavailable" in (row.last_error or "")
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []
    assert await Message.all().count() == 0


async def test_api_and_widget_errors_carry_stable_codes(running: Running) -> None:
    client = running.client
    write = await issue_api_key(running.creator, ["read", "write"])
    read = await issue_api_key(running.creator, ["read"])
    as_writer = {"Authorization": f"Bearer {write.token}"}
    cases: list[tuple[ClientResponse, tuple[int, str]]] = [
        (await client.get("/api/v1/bots"), (401, "missing_api_key")),
        (
            await client.get("/api/v1/bots", headers={"Authorization": "Bearer pk_nope"}),
            (401, "invalid_api_key"),
        ),
        (
            await client.post(
                "/api/v1/bots",
                json={"slug": "x"},
                headers={"Authorization": f"Bearer {read.token}"},
            ),
            (403, "insufficient_scope"),
        ),
        (await client.get("/api/v1/bots/nobody", headers=as_writer), (404, "not_found")),
        (await client.get("/api/v1/no-such-route", headers=as_writer), (404, "not_found")),
        (
            await client.post(
                "/api/v1/bots",
                data=b"{not json",
                headers=as_writer | {"Content-Type": "application/json"},
            ),
            (400, "invalid_json"),
        ),
        (
            await client.post(f"/widget/{running.bot.slug}/messages", json={}),
            (401, "missing_widget_key"),
        ),
        (
            await client.post(
                f"/widget/{running.bot.slug}/messages",
                json={},
                headers={"X-Parley-Key": "pk_wrong"},
            ),
            (403, "wrong_widget_key"),
        ),
        (
            await client.post(
                f"/widget/{running.bot.slug}/messages",
                json={"session": "short"},
                headers={"X-Parley-Key": running.bot.public_key},
            ),
            (400, "invalid_request"),
        ),
    ]
    for response, expected in cases:
        assert await error_of(response) == expected, response.url
