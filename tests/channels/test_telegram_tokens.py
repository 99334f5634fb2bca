"""The Telegram sender reads a bot's token once per TTL; a token replaced meanwhile (Telegram
answers 401 to the old one) is read again and the message still goes out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.clock import FakeClock
from bot.messages import OutboundMessage
from bot.outbox import Backoff, OutboxWorker, enqueue
from bot.settings import TelegramSettings
from channels.telegram import TelegramClients, TelegramSender
from channels.telegram.setup import add_channel
from models import BotStatus, ChannelAccount, ChannelType, EndUser, OutboxMessage, OutboxStatus
from tests import factories
from tests.fakes.telegram_api import FakeTelegramAPI

OLD, NEW = "111:old-token", "222:new-token"
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


async def test_a_replaced_token_is_picked_up_after_a_401(db: str) -> None:
    fake = FakeTelegramAPI()
    fake.tokens.add(OLD)
    await fake.start()
    clients = TelegramClients(TelegramSettings(api_base=fake.base_url), timeout_s=5.0)
    try:
        owner = await factories.creator()
        bot = await factories.bot(owner, "tokens", status=BotStatus.PUBLISHED)
        await add_channel(bot.slug, OLD, clients)
        user = await EndUser.create(
            creator_id=owner.id, bot=bot, external_id="42", channel="telegram"
        )
        account = await ChannelAccount.create(
            bot=bot, end_user=user, channel=ChannelType.TELEGRAM, external_id="42"
        )
        clock = FakeClock(T0)
        worker = OutboxWorker(
            {"telegram": TelegramSender(clients)}, clock=clock, backoff=Backoff(1, 5)
        )

        async def send(text: str) -> None:
            await enqueue(
                bot_id=bot.id,
                channel_account_id=account.id,
                channel="telegram",
                outbound=OutboundMessage(text=text),
                idempotency_key=text,
                now=clock.now(),
            )
            await worker.run_once()

        await send("first")  # reads and caches the old token
        fake.tokens.add(NEW)
        await add_channel(bot.slug, NEW, clients)  # the creator replaced it...
        fake.tokens.discard(OLD)  # ...and Telegram revoked the old one
        await send("second")  # still the cached old token: 401, retried later
        clock.advance(timedelta(seconds=10))
        await worker.run_once()  # the token is read again
    finally:
        await clients.close()
        await fake.close()

    assert fake.texts_to("42") == ["first", "second"]
    second = await OutboxMessage.get(idempotency_key="second")
    assert (second.status, second.attempts) == (OutboxStatus.SENT, 2)
