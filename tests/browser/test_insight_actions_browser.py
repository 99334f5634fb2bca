"""The creator's way in, in real Chromium: from the funnel's "stuck" number to the learners behind
it, messaged in one action (through the outbox); which nudge rung brings learners back; every
conversation that mentions a word."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import Page, expect

from models import Conversation, Message, OutboxMessage, SenderType
from tests import factories
from tests.bot.insight.world import FIRST, LAST, RANGE
from tests.browser.studio import LiveStudio, check_page, insight_week_signed_in, sign_in

pytestmark = pytest.mark.browser
HELLO = "Hi, it's Sam. Stuck on lesson 2? Reply and I'll help."


async def test_a_creator_messages_the_learners_stuck_on_a_step_in_one_action(
    live_studio: LiveStudio, studio_page: Page
) -> None:
    page = studio_page
    world = await insight_week_signed_in(live_studio, page)
    analytics = f"/studio/bots/{world.bot.slug}/analytics?program=focus-course&{RANGE}"
    await page.goto(live_studio.url(analytics))

    rungs = page.get_by_role("table", name="Nudge replies within 24 h, per rung")
    await page.get_by_text("Nudge replies within 24 h, per rung: data as a table").click()
    await expect(rungs.get_by_role("row", name=re.compile(r"^1 2 1 50"))).to_be_visible()
    await expect(rungs.get_by_role("row", name=re.compile(r"^2 1 1 100"))).to_be_visible()

    await page.get_by_text("Program funnel: data as a table").click()
    funnel = page.get_by_role("table", name="Program funnel")
    step = funnel.locator("tr", has=page.get_by_role("rowheader", name="lesson-2", exact=True))
    await step.get_by_role("cell").nth(4).get_by_role("link", name="2").click()  # "stuck"
    await expect(
        page.get_by_role("heading", name="Learners now on step lesson-2, no activity for 3+ days")
    ).to_be_visible()
    learners = page.get_by_role("region", name="Learners")
    await expect(learners.get_by_role("row")).to_have_count(3)  # the header, Ada and Dov
    await check_page(page)
    for name in ("Ada", "Dov"):
        await page.get_by_label(f"Select {name}").check()
    await page.get_by_label("Action", exact=True).select_option("message")
    await page.get_by_label('Message (for "Send a message")').fill(HELLO)
    await page.get_by_role("button", name="Apply to selected").click()
    await expect(page.get_by_role("status")).to_contain_text("2 queued")

    sent = await Message.filter(content=HELLO).values_list("conversation_id", "sender_type")
    reached = await Conversation.filter(id__in=[c for c, _ in sent]).values_list(
        "user_id", flat=True
    )
    assert sorted(map(str, reached)) == sorted(str(world.users[k].id) for k in ("A", "D"))
    assert {kind for _, kind in sent} == {SenderType.CREATOR}
    assert await OutboxMessage.filter(message__content=HELLO).count() == 2
    assert str(FIRST) in analytics and str(LAST) in analytics


async def test_a_creator_finds_every_conversation_that_mentions_a_word(
    live_studio: LiveStudio, studio_page: Page
) -> None:
    page, studio = studio_page, live_studio.studio
    for tenant, text in (
        (studio.mine, "Is the marmalade recipe in lesson 3?"),
        (studio.mine, "I loved the MARMALADE tips"),
        (studio.mine, "When does the course start?"),
        (studio.other, "marmalade in another workspace"),
    ):
        learner = await factories.end_user(tenant.bot)
        conversation = await factories.conversation(learner)
        await factories.inbound(conversation, tenant.bot, text, f"m-{conversation.id.hex}")
    await sign_in(page, live_studio.base, studio.mine.viewer.email)
    await (
        page.get_by_role("navigation", name="Studio")
        .get_by_role("link", name="Conversations")
        .click()
    )
    await page.get_by_label("Search messages").fill("marmalade")
    await page.get_by_role("button", name="Search").click()
    results = page.get_by_role("region", name="Results")
    await expect(results.get_by_text("Is the marmalade recipe in lesson 3?")).to_be_visible()
    await expect(results.get_by_text("I loved the MARMALADE tips")).to_be_visible()
    await expect(results.get_by_text("When does the course start?")).to_have_count(0)
    await expect(results.get_by_text("marmalade in another workspace")).to_have_count(0)
    await check_page(page)
