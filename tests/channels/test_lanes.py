"""Priority lanes: a reply overtakes a bot's queued scheduled sends, and no send ever breaks
Telegram's per-bot or per-chat rate (the fake Telegram refuses and records any that would)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from bot.clock import SystemClock
from bot.delivery import OutboundMeta, OutboundRecord, write_outbound
from bot.messages import OutboundMessage
from bot.outbox import OutboxWorker, Pacer
from bot.settings import TelegramSettings
from channels.telegram import TelegramClients, TelegramSender
from channels.telegram.setup import add_channel
from models import (
    Bot,
    BotStatus,
    ChannelAccount,
    ChannelType,
    Conversation,
    EndUser,
    Lane,
    OutboxMessage,
    OutboxStatus,
)
from tests import factories
from tests.fakes.telegram_api import FakeTelegramAPI, RateCap

TOKEN = "123456:LANES-token"
PER_BOT = 20  # sends per second (Telegram's is ~30; lower keeps the test short)
SCHEDULED = 3 * PER_BOT
CHATTY = "990001"


@dataclass
class Lanes:
    bot: Bot
    fake: FakeTelegramAPI
    worker: OutboxWorker


@pytest.fixture
async def lanes(db: str) -> AsyncIterator[Lanes]:
    fake = FakeTelegramAPI()
    fake.tokens.add(TOKEN)
    fake.rate_cap = RateCap(per_bot=PER_BOT, chat_interval_s=1.0)
    await fake.start()
    settings = TelegramSettings(
        api_base=fake.base_url, send_per_second=PER_BOT, send_per_chat_per_second=1
    )
    clients = TelegramClients(settings, timeout_s=5.0)
    owner = await factories.creator()
    bot = await factories.bot(owner, "lanes", status=BotStatus.PUBLISHED)
    await add_channel(bot.slug, TOKEN, clients)
    worker = OutboxWorker({"telegram": TelegramSender(clients)}, clock=SystemClock())
    try:
        yield Lanes(bot, fake, worker)
    finally:
        await clients.close()
        await fake.close()


async def learner(bot: Bot, chat: str) -> tuple[EndUser, ChannelAccount, Conversation]:
    user = await EndUser.create(
        creator_id=bot.creator_id, bot=bot, external_id=chat, channel="telegram"
    )
    account = await ChannelAccount.create(
        bot=bot, end_user=user, channel=ChannelType.TELEGRAM, external_id=chat
    )
    return user, account, await Conversation.create(user=user, channel="telegram")


async def send_to(bot: Bot, chats: list[str], text: str, lane: Lane) -> None:
    """One outbound message per chat, written as a turn or the sweep writes them."""
    message = OutboundMessage(text=text, kind="reply" if lane is Lane.INTERACTIVE else "nudge")
    records = []
    for chat in chats:
        user, account, conversation = await learner(bot, chat)
        records.append(
            OutboundRecord(
                bot_id=bot.id,
                user_id=user.id,
                conversation_id=conversation.id,
                channel_account_id=account.id,
                channel="telegram",
                meta=OutboundMeta(outbound=message),
                idempotency_key=f"{lane.name}:{chat}",
                lane=lane,
                event_kind="reply_sent" if lane is Lane.INTERACTIVE else "nudge_sent",
            )
        )
    await write_outbound(records, now=datetime.now(UTC))


def most_in_one_second(times: list[float]) -> int:
    times = sorted(times)
    return max(sum(1 for t in times[i:] if t - start < 1.0) for i, start in enumerate(times))


async def until(condition: object, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.01)


async def test_a_reply_overtakes_queued_scheduled_sends_within_the_rate(lanes: Lanes) -> None:
    fake, stop = lanes.fake, asyncio.Event()
    await send_to(
        lanes.bot, [str(800000 + n) for n in range(SCHEDULED)], "Reminder", Lane.SCHEDULED
    )
    running = asyncio.create_task(lanes.worker.run(stop))
    try:
        await until(lambda: len(fake.sent) >= PER_BOT // 2, timeout_s=10)
        queued_at = time.monotonic()
        await send_to(lanes.bot, [CHATTY], "Here is your answer", Lane.INTERACTIVE)
        lanes.worker.wake(Lane.INTERACTIVE)
        await until(lambda: len(fake.sent) == SCHEDULED + 1, timeout_s=20)
    finally:
        stop.set()
        await running

    order = [m.chat_id for m in fake.sent]
    reply = next(m for m in fake.sent if m.chat_id == CHATTY)
    before_reply = order.index(CHATTY)
    assert SCHEDULED - before_reply >= PER_BOT, "the reply waited behind the scheduled sends"
    assert reply.at - queued_at < 2.0  # generous: a loaded CI machine; the order is the proof
    assert fake.rate_cap is not None and fake.rate_cap.violations == []
    assert most_in_one_second([m.at for m in fake.sent]) <= PER_BOT
    statuses = await OutboxMessage.all().values_list("status", flat=True)
    assert set(statuses) == {OutboxStatus.SENT} and len(statuses) == SCHEDULED + 1


@pytest.mark.parametrize("refused_first", [False, True])
async def test_one_chat_gets_its_messages_in_order_at_most_one_a_second(
    lanes: Lanes, refused_first: bool
) -> None:
    """Also when the first is refused (429): the others wait behind its retry."""
    fake, stop = lanes.fake, asyncio.Event()
    if refused_first:
        fake.fail_next("429", retry_after=1)
    _, account, conversation = await learner(lanes.bot, CHATTY)
    replies = [OutboundMessage(text=f"Part {n}") for n in range(3)]
    records = [
        OutboundRecord(
            bot_id=lanes.bot.id,
            user_id=account.end_user_id,
            conversation_id=conversation.id,
            channel_account_id=account.id,
            channel="telegram",
            meta=OutboundMeta(outbound=reply, index=n),
            idempotency_key=f"reply:{n}",
            lane=Lane.INTERACTIVE,
            event_kind="reply_sent",
        )
        for n, reply in enumerate(replies)
    ]
    await write_outbound(records, now=datetime.now(UTC))
    running = asyncio.create_task(lanes.worker.run(stop))
    try:
        await until(lambda: len(fake.sent) == 3, timeout_s=10)
    finally:
        stop.set()
        await running
    assert fake.texts_to(CHATTY) == ["Part 0", "Part 1", "Part 2"]
    gaps = [b.at - a.at for a, b in zip(fake.sent, fake.sent[1:], strict=False)]
    assert all(gap >= 1.0 for gap in gaps), gaps
    assert fake.rate_cap is not None and fake.rate_cap.violations == []


async def test_the_pacer_serves_the_interactive_lane_first() -> None:
    pacer = Pacer(interval_s=0.05)
    served: list[str] = []

    async def take(name: str, lane: Lane) -> None:
        await pacer.acquire(lane)
        served.append(name)

    await pacer.acquire(Lane.SCHEDULED)  # the window is now full
    waiting = [asyncio.create_task(take(f"nudge-{n}", Lane.SCHEDULED)) for n in range(3)]
    await asyncio.sleep(0)
    waiting.append(asyncio.create_task(take("reply", Lane.INTERACTIVE)))
    await asyncio.gather(*waiting)
    assert served == ["reply", "nudge-0", "nudge-1", "nudge-2"]


async def test_a_holding_pacer_grants_again_an_interval_after_done() -> None:
    loop = asyncio.get_running_loop()
    pacer = Pacer(interval_s=0.05, holds=True)
    await pacer.acquire()
    second = asyncio.create_task(pacer.acquire())
    await asyncio.sleep(0.15)  # three intervals, but the first grant has not gone yet
    assert not second.done()
    pacer.done()
    released = loop.time()
    await second
    assert loop.time() - released >= 0.045


async def test_a_grant_cancelled_before_it_resumes_does_not_hold_the_pacer() -> None:
    loop = asyncio.get_running_loop()
    pacer = Pacer(interval_s=0.02, holds=True)
    await pacer.acquire()
    waiter = asyncio.create_task(pacer.acquire())
    await asyncio.sleep(0)
    pacer.done()  # the waiter's grant is due in 0.02 s ...
    loop.call_at(loop.time() + 0.03, waiter.cancel)  # ... its cancel 0.01 s after that
    time.sleep(0.05)  # noqa: ASYNC251 (blocks the loop on purpose) both fall due in one turn of the loop: granted, then cancelled at once
    with pytest.raises(asyncio.CancelledError):
        await waiter
    await asyncio.wait_for(pacer.acquire(), 1.0)  # the grant was given back


async def test_a_reply_never_reaches_a_chat_within_a_second_of_its_queued_nudge(
    lanes: Lanes,
) -> None:
    """The chat's nudge waits for the bot's rate behind other nudges after its chat let it go;
    a reply to that chat must still wait a second after the nudge is sent, not after it was
    let go by the chat."""
    fake, stop = lanes.fake, asyncio.Event()
    others = [str(800000 + n) for n in range(2 * PER_BOT)]
    await send_to(lanes.bot, [*others, CHATTY], "Reminder", Lane.SCHEDULED)
    running = asyncio.create_task(lanes.worker.run(stop))
    try:
        await until(lambda: len(fake.sent) >= 2, timeout_s=10)
        await reply_to(lanes.bot, CHATTY, "Here is your answer")
        lanes.worker.wake(Lane.INTERACTIVE)
        await until(lambda: len(fake.texts_to(CHATTY)) == 2, timeout_s=20)
    finally:
        stop.set()
        await running
    to_chatty = [m for m in fake.sent if m.chat_id == CHATTY]
    assert [m.at for m in to_chatty] == sorted(m.at for m in to_chatty)
    assert to_chatty[1].at - to_chatty[0].at >= 1.0, [m.at for m in to_chatty]
    assert fake.rate_cap is not None and fake.rate_cap.violations == []


async def reply_to(bot: Bot, chat: str, text: str) -> None:
    """A turn's reply to the learner already in `chat`."""
    account = await ChannelAccount.get(bot_id=bot.id, external_id=chat)
    conversation = await Conversation.get(user_id=account.end_user_id)
    record = OutboundRecord(
        bot_id=bot.id,
        user_id=account.end_user_id,
        conversation_id=conversation.id,
        channel_account_id=account.id,
        channel="telegram",
        meta=OutboundMeta(outbound=OutboundMessage(text=text)),
        idempotency_key=f"reply:{chat}",
        lane=Lane.INTERACTIVE,
        event_kind="reply_sent",
    )
    await write_outbound([record], now=datetime.now(UTC))
