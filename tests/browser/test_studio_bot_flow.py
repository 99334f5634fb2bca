"""A creator's first hour in real Chromium, desktop and phone, never touching a terminal:
first run → sign in → create a bot → edit and publish the persona → upload a PDF and watch it
become ready → ask in "Try the bot" and get a cited answer → import a program with a mistake,
fix it, publish, preview 7 days → connect Telegram (fake Bot API) → create and revoke an API key.

Every page visited passes axe (0 serious/critical) and has no horizontal scroll at 390 px.
"""

from __future__ import annotations

import asyncio
import io
import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from playwright.async_api import Page, expect
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from bot.settings import TelegramSettings
from models import (
    ApiKey,
    Bot,
    BotVersion,
    Creator,
    Document,
    Person,
    ProcessingStatus,
    ProgramVersion,
)
from tests.browser.studio import LiveStudio, check_page, sign_in
from tests.channels.studio.world import PASSWORD, running_studio
from tests.fakes.telegram_api import FakeTelegramAPI

pytestmark = pytest.mark.browser
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "programs" / "focus-course.yaml"
TOKEN = "424242:browser-flow-token"
PARAGRAPHS = [
    "Breathing basics",
    "Box breathing calms the nervous system before a hard conversation.",
    "Breathe in for four counts, hold for four counts, breathe out for four counts,",
    "and hold again for four counts. Repeat the box four times.",
]


def breathing_pdf() -> bytes:
    """A one-page PDF made here (no binary fixtures in the repository)."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setTitle("Breathing basics")
    y = 780
    for line in PARAGRAPHS:
        pdf.drawString(72, y, line)
        y -= 20
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


@pytest.fixture
async def telegram() -> AsyncIterator[FakeTelegramAPI]:
    fake = FakeTelegramAPI()
    fake.tokens.add(TOKEN)
    await fake.start()
    yield fake
    await fake.close()


@pytest.fixture
async def live(db: str, tmp_path: Path, telegram: FakeTelegramAPI) -> AsyncIterator[LiveStudio]:
    """The studio with the fake Bot API and the ingestion worker running, as `parley serve`."""
    settings = TelegramSettings(api_base=telegram.base_url)
    async with running_studio(db, tmp_path, telegram=settings) as studio:
        stop = asyncio.Event()
        worker = asyncio.create_task(studio.services.ingest.run(stop))
        yield LiveStudio(studio, str(studio.server.make_url("")).rstrip("/"))
        stop.set()
        await worker


async def nav(page: Page, name: str) -> None:
    await page.get_by_role("navigation", name="Studio").get_by_role("link", name=name).click()


async def first_run(page: Page, base: str) -> None:
    await Creator.all().delete()
    await Person.all().delete()
    await page.goto(base + "/studio")
    await expect(page).to_have_url(re.compile(r"/studio/setup$"))
    await page.get_by_label("Workspace name").fill("Breath Lab")
    await page.get_by_label("Your name").fill("Noor")
    await page.get_by_label("Email").fill("noor@example.com")
    await page.get_by_label("Password").fill(PASSWORD)
    await page.get_by_role("button", name="Create account").click()
    await expect(page.get_by_role("heading", name="Home", level=1)).to_be_visible()
    await page.get_by_role("button", name="Sign out").click()
    await sign_in(page, base, "noor@example.com")


async def create_and_publish_bot(page: Page) -> None:
    await nav(page, "Bots")
    await check_page(page)
    await page.get_by_label("Name", exact=True).fill("Breath Coach")
    await page.get_by_label("Slug").fill("breath-coach")
    await page.get_by_role("button", name="Create bot").click()
    await expect(page.get_by_role("heading", level=1)).to_contain_text("Breath Coach")
    await check_page(page)
    await page.get_by_label("Greeting").fill("Hi! Ask me about breathing.")
    await page.get_by_label("Traits").fill("calm\nprecise")
    await page.get_by_label("Time zone").fill("Mars/Base")
    await page.get_by_role("button", name="Save draft").click()
    await expect(page.locator("#f-timezone-error")).to_contain_text("is not a time zone")
    await check_page(page)
    await page.get_by_label("Time zone").fill("Europe/Berlin")
    await page.get_by_role("button", name="Save draft").click()
    await expect(page.get_by_role("status")).to_contain_text("Draft saved")
    changes = page.get_by_role("table").first
    await expect(changes).to_contain_text("Hi! Ask me about breathing.")
    await page.get_by_label("Version note (optional)").fill("first version")
    await page.get_by_role("button", name="Publish").click()
    await expect(page.get_by_role("status")).to_contain_text("Version 1 published")
    await check_page(page)
    bot = await Bot.get(slug="breath-coach")
    assert bot.greeting == "Hi! Ask me about breathing." and bot.settings["timezone"] == (
        "Europe/Berlin"
    )
    assert await BotVersion.filter(bot_id=bot.id).count() == 1


async def upload_pdf(page: Page, tmp: Path) -> None:
    await (
        page.get_by_role("navigation", name="Breath Coach")
        .get_by_role("link", name="Knowledge")
        .click()
    )
    await check_page(page)
    pdf = tmp / "breathing.pdf"
    pdf.write_bytes(breathing_pdf())
    await page.get_by_label("Files (PDF, Word, Markdown, text, HTML)").set_input_files(str(pdf))
    await page.get_by_role("button", name="Upload").click()
    await expect(page.get_by_role("status").first).to_contain_text("1 file(s) queued")
    # the table refreshes itself (htmx polling) until the worker has indexed the file
    ready = page.locator('#documents tr[data-status="ready"]')
    await expect(ready).to_have_count(1, timeout=30_000)
    await expect(ready).to_contain_text("breathing.pdf")
    await check_page(page)
    doc = await Document.get(title="breathing.pdf")
    assert doc.processing_status == ProcessingStatus.READY and doc.chunk_count >= 1


async def ask_in_try_the_bot(page: Page) -> None:
    await (
        page.get_by_role("navigation", name="Breath Coach")
        .get_by_role("link", name="Try the bot")
        .click()
    )
    await expect(page.get_by_role("heading", level=1)).to_contain_text("Try Breath Coach")
    await check_page(page)
    widget = page.locator("#parley-widget")
    await widget.locator(".bubble").click()
    await widget.locator("input").fill("How long do I hold in box breathing?")
    await widget.locator("form button").click()
    reply = widget.locator(".msg.bot").last
    await expect(reply).to_contain_text("four counts", timeout=15_000)
    await expect(reply.locator(".cites a").first).to_have_text("breathing.pdf")
    await widget.locator(".bubble").click()  # close the chat (on a phone it covers the page)


async def import_fix_publish_preview(page: Page) -> None:
    await (
        page.get_by_role("navigation", name="Breath Coach")
        .get_by_role("link", name="Programs")
        .click()
    )
    await check_page(page)
    good = EXAMPLE.read_text()
    editor = page.get_by_label("Or paste the definition")
    await editor.fill(good.replace("kind: quiz", "kind: quizz", 1))
    await page.get_by_role("button", name="Import").click()
    await expect(page.get_by_role("alert")).to_contain_text(
        "step 'lesson-2-quiz' (index 2): kind: must be one of"
    )
    await check_page(page)
    await editor.fill(good)
    await page.get_by_role("button", name="Import").click()
    await expect(page.get_by_role("heading", level=1)).to_contain_text("Focus in Five Lessons")
    await page.get_by_role("button", name="Publish").click()
    await expect(page.get_by_role("status")).to_contain_text("Version 1 published")
    assert await ProgramVersion.filter(program__code="focus-course").count() == 1
    await page.get_by_label("Days").fill("7")
    await page.get_by_label("Time zone").fill("Europe/Berlin")
    await page.get_by_role("button", name="Run preview").click()
    timeline = page.locator("#preview table")
    await expect(timeline).to_contain_text("lesson-1", timeout=60_000)
    first_lesson = timeline.locator("tbody tr", has_text="lesson-1").first
    await expect(first_lesson.locator("td").nth(4)).to_have_text("step")
    await expect(timeline.locator("tbody tr td:first-child", has_text="7").first).to_be_attached()
    await check_page(page)


async def connect_telegram(page: Page, telegram: FakeTelegramAPI) -> None:
    await (
        page.get_by_role("navigation", name="Breath Coach")
        .get_by_role("link", name="Channels")
        .click()
    )
    await check_page(page)
    await page.get_by_label("Bot token from @BotFather").fill(TOKEN)
    await page.get_by_role("button", name="Connect Telegram").click()
    await expect(page.get_by_role("status")).to_contain_text(
        "Telegram connected as @parley_test_bot"
    )
    await check_page(page)
    assert [c.token for c in telegram.calls_of("getMe")] == [TOKEN]


async def create_and_revoke_key(page: Page) -> None:
    await nav(page, "API keys")
    await page.get_by_label("Name", exact=True).fill("Zapier")
    await page.get_by_role("button", name="Create key").click()
    await expect(page.locator("#new-key")).to_contain_text("prl_")
    key = await ApiKey.get(name="Zapier")
    page.once("dialog", lambda dialog: dialog.accept())
    await page.get_by_role("button", name=f"Revoke {key.prefix}").click()
    await expect(page.get_by_role("status")).to_contain_text(f"Key {key.prefix} revoked")
    assert (await ApiKey.get(id=key.id)).revoked


async def test_a_creator_goes_from_first_run_to_a_cited_answer(
    live: LiveStudio, studio_page: Page, telegram: FakeTelegramAPI, tmp_path: Path
) -> None:
    page = studio_page
    await first_run(page, live.base)
    await create_and_publish_bot(page)
    await upload_pdf(page, tmp_path)
    await ask_in_try_the_bot(page)
    await import_fix_publish_preview(page)
    await connect_telegram(page, telegram)
    await create_and_revoke_key(page)
