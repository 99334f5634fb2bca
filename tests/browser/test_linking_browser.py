"""In Chromium: a widget learner gets a link code, joins their Telegram chat (fake Bot API)
with it, and both channels show one progress."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from playwright.async_api import Browser, Page, expect

from tests.channels.learners import Both, start_both

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore:BasicAuth is deprecated:DeprecationWarning"),
]


@pytest.fixture
async def both(db: str, tmp_path: Path) -> AsyncIterator[Both]:
    async for value in start_both(db, tmp_path, slug="demo"):  # the page at / shows "demo"
        yield value


@pytest.fixture
async def page(browser: Browser) -> AsyncIterator[Page]:
    context = await browser.new_context()
    yield await context.new_page()
    await context.close()


async def say(page: Page, text: str) -> None:
    await page.get_by_placeholder("Type a message").fill(text)
    await page.get_by_role("button", name="Send").click()


async def test_widget_learner_links_telegram_and_sees_one_progress(page: Page, both: Both) -> None:
    await page.goto(str(both.client.make_url("/")))
    await page.get_by_role("button", name="Open chat").click()
    await say(page, "join mini")
    await expect(page.get_by_text("What do you want to learn?")).to_be_visible(timeout=15_000)
    await say(page, "Python")  # step 1 done in the widget
    await expect(page.get_by_text("Python", exact=True)).to_be_visible()
    await both.tg("hello")  # the same person on Telegram: a second learner so far
    await say(page, "/link")
    shown = page.get_by_text(re.compile(r"Your link code is [A-Z0-9]{6}"))
    await expect(shown).to_be_visible(timeout=15_000)
    found = re.search(r"is ([A-Z0-9]{6})", await shown.inner_text())
    assert found is not None
    assert any("Linked" in r for r in await both.tg(f"link {found.group(1)}"))
    on_telegram = "\n".join(await both.tg("/progress"))
    assert "Step 2 of 2" in on_telegram and "Points: 5" in on_telegram
    await say(page, "/progress")
    in_widget = page.get_by_text(re.compile(r"Step 2 of 2"))
    await expect(in_widget).to_be_visible(timeout=15_000)
    await expect(in_widget).to_contain_text("Points: 5")
