"""Channel pages: Telegram verified with getMe (webhook on https), WhatsApp URLs, health."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.settings import TelegramSettings
from models import Channel, ChannelAccount, ChannelType, OutboxMessage, OutboxStatus
from tests import factories
from tests.channels.studio.world import Studio, StudioClient, running_studio
from tests.fakes.telegram_api import FakeTelegramAPI

TOKEN = "123456:studio-test-token"


@pytest.fixture
async def telegram() -> AsyncIterator[FakeTelegramAPI]:
    fake = FakeTelegramAPI()
    fake.tokens.add(TOKEN)
    await fake.start()
    yield fake
    await fake.close()


@pytest.fixture
async def tg_studio(db: str, tmp_path: Path, telegram: FakeTelegramAPI) -> AsyncIterator[Studio]:
    settings = TelegramSettings(api_base=telegram.base_url)
    async with running_studio(db, tmp_path, telegram=settings) as running:
        yield running


async def test_telegram_token_is_verified_and_polling_explained(
    tg_studio: Studio, telegram: FakeTelegramAPI
) -> None:
    """The public URL is http here: no webhook (the API test covers https and setWebhook)."""
    client = await tg_studio.signed_in(tg_studio.mine.editor)
    slug = tg_studio.mine.bot.slug
    base = f"/studio/bots/{slug}/channels"
    await client.page(base)
    wrong = await client.post(base + "/telegram", {"token": "999:wrong"})
    html = await wrong.text()
    assert wrong.status == 400 and "Telegram rejected the token" in html
    assert "999:wrong" not in html  # a secret is never echoed back
    done = await client.post(base + "/telegram", {"token": TOKEN})
    assert done.status == 302
    html = await client.page(base)
    assert "Telegram connected as @parley_test_bot: start the server with" in html
    assert [c.token for c in telegram.calls_of("getMe")] == ["999:wrong", TOKEN]
    assert not telegram.calls_of("setWebhook")
    assert (await Channel.get(channel_type="telegram")).secret == TOKEN
    assert TOKEN not in html


async def test_whatsapp_shows_the_twilio_urls_and_names_bad_fields(
    as_editor: StudioClient, studio: Studio
) -> None:
    slug = studio.mine.bot.slug
    base = f"/studio/bots/{slug}/channels"
    html = await as_editor.page(base)
    assert f"http://parley.test/whatsapp/{slug}/webhook" in html
    assert f"http://parley.test/whatsapp/{slug}/status" in html
    assert "parley serve --telegram-polling" in html  # http public URL: polling explained
    bad = await as_editor.post(
        base + "/whatsapp",
        {"account_sid": "AC123", "auth_token": "secret-tok", "sender": "whatsapp:+14155238886"},
    )
    text = await bad.text()
    assert bad.status == 400 and 'aria-describedby="f-account_sid-error"' in text
    assert "secret-tok" not in text
    ok = await as_editor.post(
        base + "/whatsapp",
        {"account_sid": "AC" + "a" * 32, "auth_token": "tok", "sender": "whatsapp:+14155238886"},
    )
    assert ok.status == 302
    assert (await Channel.get(channel_type="whatsapp")).configuration["from"] == (
        "whatsapp:+14155238886"
    )


async def test_health_shows_last_inbound_send_error_and_blocked(
    as_viewer: StudioClient, studio: Studio
) -> None:
    bot = studio.mine.bot
    user = await factories.end_user(bot)
    conv = await factories.conversation(user)
    await factories.inbound(conv, bot, "hi", "m-1")
    account = await ChannelAccount.get(end_user_id=user.id)
    account.blocked = True
    await account.save()
    sent_at = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
    for n, (status, error) in enumerate(
        [(OutboxStatus.SENT, None), (OutboxStatus.FAILED, "403 Forbidden: bot was blocked")]
    ):
        await OutboxMessage.create(
            bot=bot,
            channel_account=account,
            channel="web",
            idempotency_key=f"k{n}",
            payload={},
            status=status,
            next_attempt_at=sent_at,
            sent_at=sent_at if status == OutboxStatus.SENT else None,
            last_error=error,
        )
    html = await as_viewer.page(f"/studio/bots/{bot.slug}/channels")
    widget = html[html.index('id="widget-heading"') :]
    assert "<dt>Last message sent</dt><dd>2026-03-02 09:30 UTC</dd>" in widget
    assert "403 Forbidden: bot was blocked" in widget
    assert "<dt>Learners who blocked the bot</dt><dd>1</dd>" in widget
    assert "needs attention" in widget
    assert "Connect Telegram" not in html  # viewers get no forms
    assert str(timedelta(0)) not in widget


async def test_viewer_and_stranger_cannot_connect(
    as_viewer: StudioClient, as_other_owner: StudioClient, studio: Studio
) -> None:
    base = f"/studio/bots/{studio.mine.bot.slug}/channels"
    await as_viewer.page(base)
    assert (await as_viewer.post(base + "/telegram", {"token": TOKEN})).status == 403
    await as_other_owner.page("/studio/")
    assert (await as_other_owner.post(base + "/telegram", {"token": TOKEN})).status == 404
    assert not await Channel.filter(channel_type=ChannelType.TELEGRAM).exists()
