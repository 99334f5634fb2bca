"""Telegram: parsing captured updates, rendering, webhook rules, sending through real aiogram."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.messages import Button, Citation, OutboundMessage
from bot.outbox import Delivery, SendFailed
from channels.telegram import (
    TelegramSender,
    TelegramUpdates,
    parse_member_status,
    parse_update,
    run_polling,
    to_html_chunks,
    to_inline_keyboard,
)
from channels.telegram.setup import set_webhook
from models import Channel, ChannelAccount, ChannelType, Message, OutboxMessage, OutboxStatus
from tests.channels.harness import Harness, running, tg_message
from tests.fakes.telegram_api import FakeTelegramAPI, visible_text

UPDATES = Path(__file__).resolve().parents[3] / "shared" / "eval" / "telegram_updates"


async def hook_secret(tg: Harness) -> str:
    channel = await Channel.get(bot_id=tg.bot.id, channel_type=ChannelType.TELEGRAM)
    return channel.webhook_secret or ""


def load(name: str) -> dict[str, Any]:
    return dict(json.loads((UPDATES / name).read_text()))


def payload_files() -> list[str]:
    if not UPDATES.is_dir():
        return []
    return sorted(
        str(p.relative_to(UPDATES)) for p in UPDATES.rglob("*.json") if p.name != "INDEX.json"
    )


@pytest.fixture
async def tg(db: str) -> AsyncIterator[Harness]:
    async with running("telegram") as built:
        yield built


# --- parse (pure) ------------------------------------------------------------------------


def test_private_text_becomes_an_inbound_message() -> None:
    inbound = parse_update(load("message_text_private.json"), bot="b")
    assert inbound is not None
    raw = load("message_text_private.json")
    assert inbound.external_message_id == str(raw["update_id"])
    assert inbound.external_user_id == str(raw["message"]["chat"]["id"])
    assert inbound.text == raw["message"]["text"]


def test_deep_link_start_keeps_its_payload() -> None:
    inbound = parse_update(load("derived/start_deeplink_private.json"), bot="b")
    assert inbound is not None and inbound.text == "/start ref_abc123"


def test_callback_data_becomes_the_payload() -> None:
    inbound = parse_update(load("callback_query_inline_keyboard.json"), bot="b")
    raw = load("callback_query_inline_keyboard.json")["callback_query"]
    assert inbound is not None
    assert inbound.payload == raw["data"]
    assert inbound.metadata["callback_query_id"] == raw["id"]


def test_media_are_attachments_with_file_ids() -> None:
    photo = parse_update(load("message_photo_caption_private.json"), bot="b")
    voice = parse_update(load("derived/message_voice_private.json"), bot="b")
    doc = parse_update(load("derived/message_document_private.json"), bot="b")
    assert photo is not None and voice is not None and doc is not None
    assert photo.attachments[0].kind == "photo" and photo.text  # caption kept as text
    assert voice.attachments[0].kind == "voice" and voice.attachments[0].ref
    raw_doc = load("derived/message_document_private.json")["message"]["document"]
    assert doc.attachments[0].ref == raw_doc["file_id"]


@pytest.mark.parametrize(
    "name",
    [
        "derived/edited_message_private.json",
        "channel_post.json",
        "message_reaction_supergroup.json",
        "group_supergroup_pinned_message.json",
        "group_supergroup_command_reply.json",
        "official_docs/official_inline_query.json",
    ],
)
def test_deliberately_ignored_updates(name: str) -> None:
    assert parse_update(load(name), bot="b", bot_username="parley_test_bot") is None


def test_group_message_is_answered_only_when_addressed() -> None:
    raw = load("group_supergroup_command_reply.json")
    raw["message"]["text"] = "/report@parley_test_bot now"
    inbound = parse_update(raw, bot="b", bot_username="parley_test_bot")
    assert inbound is not None
    assert inbound.text == "/report now"
    assert inbound.external_user_id == str(raw["message"]["chat"]["id"])


def test_old_payloads_without_chat_type_still_parse() -> None:
    inbound = parse_update(load("official_docs/official_message_text_start_minimal.json"), bot="b")
    assert inbound is not None and inbound.text == "/start"


def test_kicked_member_update_means_blocked() -> None:
    change = parse_member_status(load("my_chat_member_user_blocked_bot.json"))
    assert change is not None and change.blocked and change.chat_id == "0"


# --- render (pure) -----------------------------------------------------------------------


def test_html_is_escaped_and_reads_back_as_the_original() -> None:
    text = '1 < 2 & <b>not bold</b> "quoted"'
    (chunk,) = to_html_chunks(OutboundMessage(text=text))
    assert "<b>" not in chunk
    assert visible_text(chunk) == text


def test_long_text_is_split_under_4096_visible_characters() -> None:
    text = ("word & more " * 800).strip()
    chunks = to_html_chunks(OutboundMessage(text=text))
    assert len(chunks) == 3
    assert all(len(visible_text(c)) <= 4096 for c in chunks)
    assert " ".join(visible_text(c) for c in chunks) == text


def test_citations_render_as_links() -> None:
    out = OutboundMessage(
        text="Hi", citations=(Citation("d1", "A & B", "s", "https://x.org/?a=1&b=2"),)
    )
    (chunk,) = to_html_chunks(out)
    assert '<a href="https://x.org/?a=1&amp;b=2">A &amp; B</a>' in chunk


def test_buttons_become_an_inline_keyboard() -> None:
    markup = to_inline_keyboard((Button("Yes", "y"), Button("Site", "", url="https://x.org")))
    assert markup is not None
    rows = [[b.callback_data or b.url for b in row] for row in markup.inline_keyboard]
    assert rows == [["y"], ["https://x.org"]]
    with pytest.raises(SendFailed, match="1-64 bytes"):
        to_inline_keyboard((Button("Long", "x" * 65),))


# --- webhook and sending through real aiogram ---------------------------------------------


async def test_every_captured_update_gets_200_or_a_deliberate_4xx(tg: Harness) -> None:
    secret = await hook_secret(tg)
    headers = {"X-Telegram-Bot-Api-Secret-Token": secret, "Content-Type": "application/json"}
    outcomes: dict[str, tuple[int, str]] = {}
    dispatched: set[int] = set()  # the official samples share update_id 10000: one message
    for name in payload_files():
        path = f"/telegram/{tg.bot.slug}/webhook"
        response = await tg.client.post(path, data=(UPDATES / name).read_bytes(), headers=headers)
        body = await response.json()
        outcomes[name] = (response.status, body.get("status") or body["error"]["code"])
        if body.get("status") == "dispatched":
            dispatched.add(json.loads((UPDATES / name).read_text())["update_id"])
    await tg.settle()
    assert len(outcomes) >= 28
    assert all(status == 200 or 400 <= status < 500 for status, _ in outcomes.values()), outcomes
    assert outcomes["getupdates_response_mixed.json"][0] == 400  # not an update at all
    assert outcomes["derived/edited_message_private.json"] == (200, "ignored")
    assert outcomes["my_chat_member_user_blocked_bot.json"] == (200, "member")
    assert await Message.filter(direction="in").count() == len(dispatched) >= 8


async def test_callback_query_is_answered(tg: Harness) -> None:
    update_id = tg.new_id()
    await tg.post_button("5550001", "/help", update_id)
    await tg.settle()
    fake: FakeTelegramAPI = tg.vendor
    calls = fake.calls_of("answerCallbackQuery")
    assert [c.params["callback_query_id"] for c in calls] == [f"cb{update_id}"]
    sent = fake.sent[-1]
    assert sent.chat_id == "5550001" and "/reset - start a fresh conversation" in sent.text


async def test_edited_message_gets_no_second_answer(tg: Harness) -> None:
    await tg.post_text("5550001", "How long should I warm up?", tg.new_id())
    edited = {
        "update_id": int(tg.new_id()),
        "edited_message": {
            "message_id": 1,
            "date": 1,
            "edit_date": 2,
            "chat": {"id": 5550001, "type": "private"},
            "text": "edited",
        },
    }
    secret = await hook_secret(tg)
    await tg.client.post(
        f"/telegram/{tg.bot.slug}/webhook",
        json=edited,
        headers={"X-Telegram-Bot-Api-Secret-Token": secret},
    )
    await tg.settle()
    assert len(tg.replies("5550001")) == 1


async def test_kicked_bot_blocks_the_account_and_stops_sending(tg: Harness) -> None:
    await tg.post_text("5550001", "How long should I warm up?", tg.new_id())
    await tg.settle()
    kicked = load("my_chat_member_user_blocked_bot.json")
    kicked["update_id"] = int(tg.new_id())
    kicked["my_chat_member"]["chat"]["id"] = 5550001
    secret = await hook_secret(tg)
    await tg.client.post(
        f"/telegram/{tg.bot.slug}/webhook",
        json=kicked,
        headers={"X-Telegram-Bot-Api-Secret-Token": secret},
    )
    account = await ChannelAccount.get(external_id="5550001")
    assert account.blocked
    await tg.post_text("5550001", "Still there?", tg.new_id())
    await tg.settle()
    assert len(tg.replies("5550001")) == 1
    cancelled = await OutboxMessage.filter(status=OutboxStatus.CANCELLED).count()
    assert cancelled == 1


async def test_403_blocked_by_user_marks_the_account_blocked(tg: Harness) -> None:
    fake: FakeTelegramAPI = tg.vendor
    fake.blocked_chats.add("5550002")
    await tg.post_text("5550002", "How long should I warm up?", tg.new_id())
    await tg.settle()
    account = await ChannelAccount.get(external_id="5550002")
    row = await OutboxMessage.get()
    assert account.blocked
    assert row.status == OutboxStatus.FAILED and "blocked by the user" in (row.last_error or "")


async def test_sender_maps_vendor_errors(tg: Harness) -> None:
    fake: FakeTelegramAPI = tg.vendor
    sender = TelegramSender(tg.worker.senders["telegram"].clients)  # type: ignore[attr-defined]
    delivery = Delivery(
        outbox_id=tg.bot.id,
        bot_id=tg.bot.id,
        channel="telegram",
        to="42",
        outbound=OutboundMessage(text="hi"),
    )
    fake.timeout_s = 6  # longer than the harness client's 5 s: the client gives up first
    for kind, retryable, retry_after in [
        ("429", True, 7),
        ("500", True, None),
        ("timeout", True, None),
    ]:
        fake.fail_next(kind, retry_after=7)
        with pytest.raises(SendFailed) as caught:
            await sender.send(delivery)
        assert (caught.value.retryable, caught.value.retry_after) == (retryable, retry_after)
        assert "123456:TEST" not in caught.value.reason
    result = await sender.send(delivery)
    assert result.external_message_id == f"42:{fake.sent[-1].message_id}"
    assert fake.texts_to("42") == ["hi"]


async def test_set_webhook_registers_url_secret_and_updates(tg: Harness) -> None:
    clients = tg.worker.senders["telegram"].clients  # type: ignore[attr-defined]
    url = await set_webhook(tg.bot.slug, public_url="https://parley.example.org/", clients=clients)
    fake: FakeTelegramAPI = tg.vendor
    (call,) = fake.calls_of("setWebhook")
    secret = await hook_secret(tg)
    assert url == f"https://parley.example.org/telegram/{tg.bot.slug}/webhook"
    assert call.params["url"] == url and call.params["secret_token"] == secret
    assert json.loads(call.params["allowed_updates"]) == [
        "message",
        "callback_query",
        "my_chat_member",
    ]


async def test_long_polling_feeds_updates_through_the_same_path(tg: Harness) -> None:
    fake: FakeTelegramAPI = tg.vendor
    fake.updates = [tg_message("5550003", "How long should I warm up?", "77")]
    updates = TelegramUpdates(
        inbox=tg.inbox,
        clients=tg.worker.senders["telegram"].clients,  # type: ignore[attr-defined]
        clock=tg.clock,
    )
    stop = asyncio.Event()
    polling = asyncio.create_task(run_polling(updates, slug=tg.bot.slug, stop=stop, timeout_s=1))
    for _ in range(200):  # bounded: a broken poller fails the test instead of hanging it
        if await Message.filter(direction="in").exists():
            break
        await asyncio.sleep(0.05)
    stop.set()
    await polling
    await tg.settle()
    assert fake.calls_of("deleteWebhook")
    offsets = [c.params.get("offset") for c in fake.calls_of("getUpdates")]
    assert offsets[0] is None and "78" in offsets
    assert "ten minutes" in tg.replies("5550003")[0]
