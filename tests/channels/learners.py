"""One bot served on the widget and on Telegram (fake Bot API) by the real app, with a fake
clock: what the learner-linking, certificate and leaderboard tests talk to."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from aiohttp.test_utils import TestClient, TestServer
from twilio.request_validator import RequestValidator

from bot.clock import FakeClock
from bot.programs import service
from bot.programs.schema import validate_definition
from bot.rag.service import KnowledgeService
from bot.settings import TelegramSettings, TwilioSettings
from channels.app import Services, create_app
from channels.telegram.setup import add_channel
from channels.whatsapp.setup import add_channel as add_whatsapp
from models import Bot, BotStatus, Creator
from tests import factories
from tests.channels.conftest import app_settings
from tests.channels.harness import ACCOUNT_SID, AUTH_TOKEN, SENDER, tg_message, wa_form
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.fakes.twilio_api import FakeTwilioAPI

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
TOKEN = "123456:LINK-test-token"
ANN_TG = "5550001"
ANN_WA = "+15550001"
PUBLIC = "http://parley.test"
MINI: dict[str, Any] = {
    "code": "mini",
    "title": "Mini Course",
    "certificate": True,
    "steps": [
        {"id": "r1", "kind": "reflection", "text": "What do you want to learn?", "points": 5},
        {
            "id": "r2",
            "kind": "reflection",
            "text": "Why does it matter to you?",
            "points": 5,
            "schedule": {"after": "2h", "from": "previous"},
        },
    ],
}


@dataclass
class Both:
    client: TestClient[Any, Any]
    services: Services
    creator: Creator
    bot: Bot
    fake: FakeTelegramAPI
    secret: str
    clock: FakeClock
    twilio: FakeTwilioAPI
    ids: itertools.count[int] = field(default_factory=lambda: itertools.count(7000))

    async def web(self, text: str, session: str = "session-ann") -> list[str]:
        """The widget's replies to `text` (delivered inline)."""
        body = {"session": session, "id": f"w-{next(self.ids)}", "text": text}
        headers = {"X-Parley-Key": self.bot.public_key}
        url = f"/widget/{self.bot.slug}/messages"
        response = await self.client.post(url, json=body, headers=headers)
        assert response.status == 200, await response.text()
        return [r["text"] for r in (await response.json())["replies"]]

    async def tg(self, text: str, chat: str = ANN_TG) -> list[str]:
        """What the fake Bot API received for `chat` after the update was handled."""
        before = len(self.fake.texts_to(chat))
        update = tg_message(chat, text, str(next(self.ids)))
        headers = {"X-Telegram-Bot-Api-Secret-Token": self.secret}
        response = await self.client.post(
            f"/telegram/{self.bot.slug}/webhook", json=update, headers=headers
        )
        assert response.status == 200, await response.text()
        await self.flush()
        return self.fake.texts_to(chat)[before:]

    async def wa(self, text: str, user: str = ANN_WA) -> list[str]:
        """What the fake Twilio API received for `user` after the signed webhook was handled."""
        before = len(self.twilio.bodies_to(f"whatsapp:{user}"))
        form = wa_form(user, text, str(next(self.ids)))
        path = f"/whatsapp/{self.bot.slug}/webhook"
        signature = RequestValidator(AUTH_TOKEN).compute_signature(PUBLIC + path, form)
        response = await self.client.post(
            path, data=form, headers={"X-Twilio-Signature": signature}
        )
        assert response.status == 200, await response.text()
        await self.flush()
        return self.twilio.bodies_to(f"whatsapp:{user}")[before:]

    async def flush(self) -> None:
        await self.services.inbox.drain()
        while await self.services.outbox.run_once():
            pass


async def start_both(db: str, tmp: Path, slug: str = "linker") -> AsyncIterator[Both]:
    fake = FakeTelegramAPI()
    fake.tokens.add(TOKEN)
    await fake.start()
    twilio = FakeTwilioAPI(accounts={ACCOUNT_SID: AUTH_TOKEN})
    await twilio.start()
    clock = FakeClock(T0)
    settings = app_settings(db, tmp).model_copy(
        update={
            "telegram": TelegramSettings(api_base=fake.base_url),
            "twilio": TwilioSettings(api_base=twilio.base_url),
        }
    )
    services = Services.build(settings, clock=clock, knowledge=KnowledgeService(settings))
    owner = await factories.creator()
    owner.company_name = "Ana's Academy"
    await owner.save()
    bot = await factories.bot(owner, slug, status=BotStatus.PUBLISHED, greeting="Hi!")
    channel = await add_channel(bot.slug, TOKEN, services.telegram_clients)
    await add_whatsapp(bot.slug, account_sid=ACCOUNT_SID, auth_token=AUTH_TOKEN, sender=SENDER)
    await service.import_program(bot, validate_definition(MINI))
    await service.publish_program(bot, "mini", now=clock.now())
    app = create_app(settings, manage_db=False, services=services, run_background=False)
    try:
        async with TestClient(TestServer(app, host="127.0.0.1")) as client:
            secret = channel.webhook_secret or ""
            yield Both(client, services, owner, bot, fake, secret, clock, twilio)
            await services.inbox.drain()
    finally:
        await fake.close()
        await twilio.close()
