"""Screenshots of the studio's insight pages, for docs and closing notes (not a test).

    PYTHONPATH=$PWD .venv/bin/python scripts/studio_screenshots.py [OUT_DIR]

Builds the same hand-made week the insight tests use (tests/bot/insight/world.py) in a throwaway
SQLite database, asks the bot questions it cannot answer, takes one conversation over, and saves
PNGs of the analytics page, the stuck learners behind a funnel step, the knowledge gaps, a word
search and a taken-over conversation, in Debian's Chromium at desktop size.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

from playwright.async_api import Page, async_playwright, expect
from tortoise import Tortoise, connections

from bot import handoff
from bot.messages import ChannelName, InboundMessage
from models import Conversation, fts
from models.db import close_db, init_db
from tests.bot.insight.world import NOW, RANGE, build_world
from tests.browser.studio import ARGS, CHROMIUM, LiveStudio, sign_in
from tests.channels.studio.world import running_studio
from tests.conftest import TEST_SECRET

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
QUESTIONS = [
    "Which shoes should I buy for trail running?",
    "What shoes are best for trail runs?",
    "Can I get a refund for the course?",
]


async def shoot(page: Page, live: LiveStudio, path: str, name: str, out: Path) -> None:
    await page.goto(live.url(path))
    await page.wait_for_load_state("networkidle")
    await expect(page.locator(".chart-slot")).to_have_count(0)  # every analytics section loaded
    await page.screenshot(path=str(out / f"{name}.png"), full_page=True)
    print(out / f"{name}.png")


async def world_with_activity(live: LiveStudio) -> str:
    """The insight week plus unanswerable questions and one taken-over conversation."""
    studio = live.studio
    mine, other = studio.mine, studio.other
    studio.clock.set(NOW)  # the week's "now": its questions and replies are Monday's
    for n, question in enumerate(QUESTIONS):  # first: the world's badge has no criteria to run
        inbound = InboundMessage(ChannelName.WEB, mine.bot.slug, f"asker-{n}", f"q{n}", question)
        await studio.services.engine.handle(inbound)
    await build_world(mine.creator, mine.bot, other.creator, other.bot)
    later = NOW + timedelta(minutes=5)  # the creator steps in a few minutes after the bot
    studio.clock.set(later)
    taken = await Conversation.filter(user__external_id="asker-2").first()
    assert taken is not None
    await handoff.take_over(mine.creator.id, str(taken.id), actor_user_id=mine.editor.id, now=later)
    await handoff.send_reply(
        mine.creator.id,
        str(taken.id),
        "Hi, Sam here: refunds are within 14 days.",
        actor_user_id=mine.editor.id,
        now=later,
    )
    return str(taken.id)


async def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite://{tmp}/shots.sqlite3"
        await init_db(url, secret_keys=[TEST_SECRET])
        await Tortoise.generate_schemas()
        await fts.install(connections.get("default"), "sqlite")
        try:
            async with running_studio(url, Path(tmp)) as studio:
                live = LiveStudio(studio, str(studio.server.make_url("")).rstrip("/"))
                conversation = await world_with_activity(live)
                await pages(live, conversation, out)
        finally:
            await close_db()


async def pages(live: LiveStudio, conversation: str, out: Path) -> None:
    slug = live.studio.mine.bot.slug
    analytics = f"/studio/bots/{slug}/analytics?program=focus-course&{RANGE}"
    stuck = f"/studio/bots/{slug}/analytics/learners?program=focus-course&{RANGE}"
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = await browser.new_page(viewport={"width": 1280, "height": 800})
        await sign_in(page, live.base, live.studio.mine.editor.email)
        await shoot(page, live, analytics, "analytics", out)
        await shoot(page, live, f"{stuck}&step=lesson-2&stuck=3", "stuck-learners", out)
        await shoot(page, live, f"/studio/bots/{slug}/gaps", "knowledge-gaps", out)
        await shoot(page, live, "/studio/conversations?q=shoes", "search", out)
        await shoot(page, live, f"/studio/inbox/{conversation}", "taken-over", out)
        await browser.close()


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT))
