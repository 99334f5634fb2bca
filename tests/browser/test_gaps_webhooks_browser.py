"""The knowledge-gaps and webhooks pages in Chromium: found by labels and roles, answered in
one form, no serious axe finding and no sideways scroll at desktop and phone size."""

from __future__ import annotations

import pytest
from playwright.async_api import Page, expect

from bot.messages import ChannelName, InboundMessage
from tests.browser.studio import LiveStudio, check_page, sign_in

pytestmark = pytest.mark.browser
QUESTION = "Which shoes should I buy for trail running?"


async def test_a_creator_answers_a_gap_and_sees_the_new_answer(
    live_studio: LiveStudio, studio_page: Page
) -> None:
    studio = live_studio.studio
    slug = studio.mine.bot.slug
    inbound = InboundMessage(ChannelName.WEB, slug, "u1", "m1", QUESTION)
    await studio.services.engine.handle(inbound)
    await sign_in(studio_page, live_studio.base, studio.mine.owner.email)
    await studio_page.goto(live_studio.url(f"/studio/bots/{slug}/gaps"))
    await expect(studio_page.get_by_role("heading", name=QUESTION)).to_be_visible()
    await check_page(studio_page)
    await studio_page.get_by_label(f"Answer to “{QUESTION}”").fill(
        "Buy trail shoes with a grippy lugged sole."
    )
    await studio_page.get_by_role("button", name="Add the answer and test it").click()
    await expect(studio_page.get_by_role("heading", name="The bot now answers")).to_be_visible()
    await expect(studio_page.get_by_text("It cites your new answer.")).to_be_visible()
    await check_page(studio_page)


async def test_the_webhooks_page_explains_a_refused_address(
    live_studio: LiveStudio, studio_page: Page
) -> None:
    await sign_in(studio_page, live_studio.base, live_studio.studio.mine.owner.email)
    await studio_page.goto(live_studio.url("/studio/webhooks"))
    await studio_page.get_by_label("Endpoint URL").fill("http://127.0.0.1:9/hook")
    await studio_page.get_by_label("badge_awarded").check()
    await studio_page.get_by_role("button", name="Add webhook").click()
    await expect(studio_page.get_by_role("alert")).to_contain_text("private, loopback")
    await check_page(studio_page)
