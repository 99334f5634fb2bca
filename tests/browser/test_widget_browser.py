"""The demo page in real headless Chromium: ask Pip a question, get a cited answer, reload."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp.test_utils import TestServer
from playwright.async_api import Browser, Page, expect

from bot import configuration
from bot.demo import load_demo_knowledge, seed_demo
from bot.settings import ChromaSettings, Settings
from channels.app import Services, create_app
from models import Bot

pytestmark = pytest.mark.browser
CHROMIUM = os.environ.get("PARLEY_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture
async def demo_url(db: str, tmp_path: Path) -> AsyncIterator[str]:
    """`make run`'s server in-process: the demo bot with its guide indexed (production embedder)."""
    settings = Settings(database_url=db, data_dir=tmp_path, chroma=ChromaSettings(path=tmp_path))
    services = Services.build(settings)
    await load_demo_knowledge(services.knowledge, await seed_demo())
    server = TestServer(create_app(settings, manage_db=False, services=services), host="127.0.0.1")
    await server.start_server()
    try:
        yield str(server.make_url("/"))
    finally:
        await server.close()


@pytest.fixture
async def page(browser: Browser, request: pytest.FixtureRequest) -> AsyncIterator[Page]:
    context = await browser.new_context()
    page = await context.new_page()
    yield page
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        await page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"))
    await context.close()


async def ask(page: Page, question: str) -> None:
    widget = page.locator("#parley-widget")
    await widget.locator(".bubble").click()
    await widget.locator("input").fill(question)
    await widget.locator("form button").click()


async def test_demo_widget_answers_with_a_citation(page: Page, demo_url: str) -> None:
    await page.goto(demo_url)
    await ask(page, "How do I connect my Telegram bot?")
    reply = page.locator("#parley-widget .msg.bot").first
    await expect(reply).to_contain_text("parley channel add telegram", timeout=15_000)
    link = reply.locator(".cites a").first
    await expect(link).to_have_text("Channels: where your learners chat")
    href = await link.get_attribute("href")
    assert href is not None and "/widget/demo/documents/" in href
    cited = await page.request.get(href)
    assert cited.ok and "BotFather" in await cited.text()


async def test_reloaded_page_shows_the_conversation(page: Page, demo_url: str) -> None:
    await page.goto(demo_url)
    await ask(page, "What are quiet hours?")
    bot_messages = page.locator("#parley-widget .msg.bot")
    await expect(bot_messages.first).to_contain_text("21:00", timeout=15_000)
    session = await page.locator("#parley-widget").get_attribute("data-session")
    await page.reload()
    widget = page.locator("#parley-widget")
    await expect(widget.locator(".msg.user").first).to_have_text("What are quiet hours?")
    await expect(widget.locator(".msg.bot").first).to_contain_text("21:00")
    assert await widget.get_attribute("data-session") == session


async def test_an_error_shows_its_message_in_the_widget(page: Page, demo_url: str) -> None:
    """Errors come as {"error": {"code", "message"}}: the widget shows the message."""
    await page.goto(demo_url)
    await configuration.archive(await Bot.get(slug="demo"))
    await ask(page, "Anyone there?")
    error = page.locator("#parley-widget .err")
    await expect(error).to_contain_text("takes no more messages", timeout=15_000)
    await expect(page.locator("#parley-widget .msg.bot")).to_have_count(0)
