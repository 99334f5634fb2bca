"""The live inbox in Chromium, desktop and phone: a Telegram learner asks for a human, the
conversation appears without a reload, the creator takes over, replies and hands back; the
learner's messages reach the open transcript live; every page passes axe at 390 px too."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import pytest
from playwright.async_api import Page, expect

from bot.settings import TelegramSettings
from channels.telegram.setup import add_channel
from models import Channel
from tests.browser.studio import LiveStudio, check_page, sign_in
from tests.channels.harness import tg_message
from tests.channels.inbox_app import listening
from tests.channels.studio.world import running_studio
from tests.fakes.telegram_api import FakeTelegramAPI

pytestmark = pytest.mark.browser
TOKEN = "424243:inbox-browser-token"
ANN = "5550777"
_updates = itertools.count(90_000)


@dataclass
class World:
    live: LiveStudio
    fake: FakeTelegramAPI
    channel: Channel

    async def learner_says(self, text: str) -> None:
        studio = self.live.studio
        update = tg_message(ANN, text, str(next(_updates)))
        headers = {"X-Telegram-Bot-Api-Secret-Token": self.channel.webhook_secret or ""}
        url = self.live.url(f"/telegram/{studio.mine.bot.slug}/webhook")
        async with aiohttp.ClientSession() as http, http.post(url, json=update, headers=headers):
            pass
        await self.deliver()

    async def deliver(self) -> None:
        await self.live.studio.services.inbox.drain()
        while await self.live.studio.services.outbox.run_once():
            pass


@pytest.fixture
async def world(db: str, tmp_path: Path) -> AsyncIterator[World]:
    fake = FakeTelegramAPI()
    fake.tokens.add(TOKEN)
    await fake.start()
    limits = {"send_per_second": 1000, "send_per_chat_per_second": 1000}
    telegram = TelegramSettings(api_base=fake.base_url, **limits)
    try:
        async with running_studio(db, tmp_path, telegram=telegram) as studio:
            channel = await add_channel(
                studio.mine.bot.slug, TOKEN, studio.services.telegram_clients
            )
            live = LiveStudio(studio, str(studio.server.make_url("")).rstrip("/"))
            async with listening(studio.services):
                yield World(live, fake, channel)
    finally:
        await fake.close()


async def test_inbox_shows_a_handoff_live_and_the_creator_takes_over(
    world: World, studio_page: Page
) -> None:
    page, live = studio_page, world.live
    await sign_in(page, live.base, live.studio.mine.editor.email)
    await page.goto(live.url("/studio/inbox"))
    await expect(page.get_by_text("Nothing needs you right now.")).to_be_visible()
    await check_page(page)

    await world.learner_says("/human")  # no reload from here on
    link = page.get_by_role("link", name="Ann · telegram")
    await expect(link).to_be_visible(timeout=10_000)
    await expect(page.get_by_text("Asked for a human", exact=True)).to_be_visible()
    assert "A person will answer you here soon" in world.fake.texts_to(ANN)[-1]

    await link.click()
    await expect(page.get_by_role("heading", name="Ann on telegram")).to_be_visible()
    await check_page(page)
    await page.get_by_role("button", name="Take over").click()
    await expect(page.get_by_text("You have taken over: the bot is quiet.")).to_be_visible()
    sent_before = len(world.fake.texts_to(ANN))
    await world.learner_says("Are you there?")
    await expect(page.get_by_text("Are you there?")).to_be_visible(timeout=10_000)
    assert len(world.fake.texts_to(ANN)) == sent_before  # the bot kept quiet

    await page.get_by_label("Your message").fill("Hi Ann, Sam here. How can I help?")
    await page.get_by_role("button", name="Send").click()
    await expect(page.get_by_text("Sent to the learner's channel.")).to_be_visible()
    await world.deliver()
    assert world.fake.texts_to(ANN)[-1] == "Hi Ann, Sam here. How can I help?"

    await page.get_by_role("button", name="Hand back to the bot").click()
    await expect(page.get_by_text("Handed back to the bot.")).to_be_visible()
    await expect(page.get_by_text("The bot is answering.")).to_be_visible()
    await world.learner_says("thanks, bye")
    assert len(world.fake.texts_to(ANN)) == sent_before + 2  # Sam's words, then the bot's
