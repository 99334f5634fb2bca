"""Studio browser helpers: a live studio, signing in by label, axe and horizontal-scroll checks.

Shared by every studio browser test (foundation and page modules alike).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.async_playwright import Axe
from playwright.async_api import Browser, Page, expect

from tests.bot.insight.world import NOW, World, build_world
from tests.browser.test_widget_browser import ARGS, ARTIFACTS, CHROMIUM
from tests.channels.studio.world import PASSWORD, Studio, running_studio

__all__ = ["ARGS", "CHROMIUM", "PASSWORD", "VIEWPORTS"]
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
SERIOUS = {"serious", "critical"}
_axe = Axe()


@dataclass
class LiveStudio:
    studio: Studio
    base: str  # e.g. http://127.0.0.1:PORT

    def url(self, path: str) -> str:
        return self.base + path


@pytest.fixture
async def live_studio(db: str, tmp_path: Path) -> AsyncIterator[LiveStudio]:
    async with running_studio(db, tmp_path) as studio:
        yield LiveStudio(studio, str(studio.server.make_url("")).rstrip("/"))


@pytest.fixture(params=list(VIEWPORTS))
async def studio_page(browser: Browser, request: pytest.FixtureRequest) -> AsyncIterator[Page]:
    """A fresh browser context at desktop and at phone size; a screenshot if the test fails."""
    context = await browser.new_context(viewport=VIEWPORTS[request.param])  # type: ignore[arg-type]
    page = await context.new_page()
    yield page
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        await page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    await context.close()


async def sign_in(page: Page, base: str, email: str, password: str = PASSWORD) -> None:
    """Sign in the way a person does: fields found by their labels, Enter to submit."""
    await page.goto(base + "/studio/login")
    await page.get_by_label("Email").fill(email)
    await page.get_by_label("Password").fill(password)
    await page.get_by_role("button", name="Sign in").click()
    await expect(page.get_by_role("button", name="Sign out")).to_be_visible()


async def serious_violations(page: Page) -> list[dict[str, Any]]:
    results = await _axe.run(page)
    violations: list[dict[str, Any]] = results.response["violations"]
    return [v for v in violations if v.get("impact") in SERIOUS]


async def horizontal_overflow(page: Page) -> int:
    """How many CSS pixels the page is wider than the viewport (0 means no sideways scroll)."""
    width: int = await page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    return width


async def check_page(page: Page) -> None:
    """The quality bars every studio page meets: no serious axe finding, no sideways scroll."""
    found = await serious_violations(page)
    summary = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in found]
    assert not found, f"{page.url}: {summary}"
    assert await horizontal_overflow(page) <= 0, f"{page.url} scrolls sideways"


async def insight_week_signed_in(live: LiveStudio, page: Page) -> World:
    """The insight tests' hand-built week in the live studio (its clock at the week's "now"),
    with the editor signed in."""
    studio = live.studio
    studio.clock.set(NOW)
    mine, other = studio.mine, studio.other
    world = await build_world(mine.creator, mine.bot, other.creator, other.bot)
    await sign_in(page, live.base, mine.editor.email)
    return world
