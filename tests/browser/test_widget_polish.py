"""The widget embedded on another origin, in headless Chromium: theme, keyboard use, ratings,
retry, unread badge, right to left, hostile content; axe finds nothing serious at each size."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from playwright.async_api import Browser, Page, Route, expect

from models import Message
from tests.browser.studio import VIEWPORTS, serious_violations
from tests.browser.test_widget_browser import ARTIFACTS
from tests.browser.widget_site import Site, widget_site

pytestmark = pytest.mark.browser
THEME = {
    "widget_color": "#0f766e",
    "widget_title": "Ask Pip",
    "widget_position": "left",
    "widget_starters": ["What are quiet hours?"],
    "greeting": "Hello! Ask me about **quiet hours**.",
}
HOSTILE = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'
HOSTILE_GUIDE = f"""# Guide {HOSTILE}

## Quiet hours

Quiet hours run from 21:00 to 08:00 {HOSTILE} [tap](javascript:window.__pwned=3) and
<a href="javascript:window.__pwned=4">here</a> <iframe src="javascript:window.__pwned=5"></iframe>
**bold** `code` [docs](https://example.org/docs) [mail](mailto:help@example.org).
"""
RTL_THEME = {"languages": ["ar"], "widget_title": "اسأل بيب", "greeting": "مرحبا! كيف أساعدك؟"}


@pytest.fixture
async def site(db: str, tmp_path: Path) -> AsyncIterator[Site]:
    async with widget_site(db, tmp_path, THEME) as running:
        yield running


@pytest.fixture(params=list(VIEWPORTS))
async def page(browser: Browser, request: pytest.FixtureRequest) -> AsyncIterator[Page]:
    context = await browser.new_context(viewport=VIEWPORTS[request.param])  # type: ignore[arg-type]
    page = await context.new_page()
    yield page
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        await page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"))
    await context.close()


async def no_serious_axe(page: Page) -> None:
    found = await serious_violations(page)
    assert not found, [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in found]


async def focused(page: Page) -> str:
    """What has the focus, inside the widget's shadow root too (tag.class or aria-label)."""
    label: str = await page.evaluate(
        """() => { let a = document.activeElement;
        while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
        return a.getAttribute('aria-label') || (a.tagName + '.' + a.className); }"""
    )
    return label


async def test_keyboard_only_learner_asks_rates_and_closes(page: Page, site: Site) -> None:
    cors: list[str] = []
    page.on(
        "response",
        lambda r: cors.append(r.headers.get("access-control-allow-origin", ""))
        if r.url.endswith("/messages")
        else None,
    )
    await page.goto(site.page)
    widget = page.locator("#parley-widget")
    launcher = widget.get_by_role("button", name="Open chat")
    await expect(launcher).to_be_visible()
    assert await launcher.locator("svg").count() == 1 and (await launcher.inner_text()) == ""
    await page.keyboard.press("Tab")
    assert await focused(page) == "Open chat"
    await page.keyboard.press("Enter")
    dialog = widget.get_by_role("dialog", name="Ask Pip")
    await expect(dialog).to_be_visible()
    assert await focused(page) == "INPUT."  # focus moved into the panel
    head = widget.locator(".head")
    assert await head.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(15, 118, 110)"
    await expect(widget.locator(".greet strong")).to_have_text("quiet hours")
    await expect(widget.get_by_role("button", name="What are quiet hours?")).to_be_visible()
    box = await widget.locator(".bubble").bounding_box()
    assert box is not None and box["x"] < 100  # position: left
    await no_serious_axe(page)

    await page.keyboard.type("When are the quiet hours?")
    await page.keyboard.press("Enter")
    reply = widget.locator(".msg.bot").last
    await expect(reply).to_contain_text("21:00", timeout=15_000)
    await expect(reply.locator("strong")).to_have_text("nothing")
    await expect(reply.locator("code")).to_have_text("parley quiet")
    await expect(widget.locator(".row.me .state")).to_have_text("Delivered")
    assert cors and set(cors) == {site.page.rstrip("/")}  # CORS answered for the other origin

    await widget.get_by_role("button", name="Helpful", exact=True).focus()
    await page.keyboard.press("Enter")
    await expect(widget.get_by_role("button", name="Helpful", exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )
    await widget.get_by_label("Comment (optional)").fill("Very clear")
    await widget.get_by_role("button", name="Send comment").click()
    await expect(widget.locator(".rc")).to_have_text("Thanks for your feedback.")
    rated = await Message.get(bot_id=site.bot.id, direction="out")
    assert (rated.rating, rated.rating_comment) == ("up", "Very clear")
    await no_serious_axe(page)

    await page.keyboard.press("Escape")
    await expect(dialog).to_be_hidden()
    assert await focused(page) == "Open chat"  # focus back on the launcher


async def test_failed_message_can_be_retried_and_unread_replies_are_counted(
    page: Page, site: Site
) -> None:
    attempts: list[str] = []

    async def flaky(route: Route) -> None:
        attempts.append(route.request.post_data or "")
        await asyncio.sleep(0.8)  # the turn "runs": the typing indicator shows meanwhile
        if len(attempts) == 1:
            await route.abort()
        else:
            await route.continue_()

    await page.route("**/widget/pip/messages", flaky)
    await page.goto(site.page)
    widget = page.locator("#parley-widget")
    await widget.locator(".bubble").click()
    await widget.get_by_label("Message").fill("When are the quiet hours?")
    await widget.get_by_role("button", name="Send").click()
    await expect(widget.get_by_role("status")).to_be_visible()  # typing…
    state = widget.locator(".row.me .state")
    await expect(state).to_contain_text("Not sent")
    await expect(widget.get_by_role("status")).to_have_count(0)
    await expect(widget.locator(".err")).to_contain_text("Could not reach the server")

    await widget.get_by_role("button", name="Retry sending this message").click()
    await page.keyboard.press("Escape")  # closed while the reply is on its way
    launcher = widget.locator(".bubble")
    await expect(launcher).to_have_attribute("aria-label", "Open chat, 1 unread", timeout=15_000)
    await expect(widget.locator(".badge")).to_have_text("1")
    await launcher.click()
    await expect(state).to_have_text("Delivered")
    await expect(widget.locator(".msg.bot")).to_contain_text("21:00")
    await expect(widget.locator(".badge")).to_be_hidden()
    assert len(attempts) == 2 and attempts[0] == attempts[1]  # the same message id again
    assert await Message.filter(bot_id=site.bot.id, direction="in").count() == 1


async def test_hostile_replies_titles_and_settings_run_no_script(
    browser: Browser, db: str, tmp_path: Path
) -> None:
    theme = THEME | {"greeting": f"Hi {HOSTILE} [x](javascript:window.__pwned=6)"}
    theme["widget_starters"] = [f"{HOSTILE} quiet hours?"]
    async with widget_site(db, tmp_path, theme, guide=HOSTILE_GUIDE, title=HOSTILE) as site:
        context = await browser.new_context()
        page = await context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: dialogs.append(d.message))
        replies: list[Any] = []
        page.on("response", lambda r: replies.append(r) if r.url.endswith("/messages") else None)
        await page.goto(site.page)
        widget = page.locator("#parley-widget")
        await widget.locator(".bubble").click()
        await widget.get_by_role("button", name="quiet hours?").click()
        reply = widget.locator(".msg.bot").last
        await expect(reply).to_contain_text("21:00", timeout=15_000)
        body = await replies[-1].json()
        sent = body["replies"][0]
        assert "<script>" in sent["text"] and "onerror" in sent["citations"][0]["title"]
        await expect(reply).to_contain_text("<script>window.__pwned=2</script>")
        await expect(reply.locator(".cites a")).to_contain_text("<img src=x")
        await expect(widget.locator("h2")).to_have_text("Ask Pip")
        await expect(reply.locator("a", has_text="docs")).to_have_attribute(
            "href", "https://example.org/docs"
        )
        await asyncio.sleep(0.5)  # give an injected handler its chance
        found = await page.evaluate(
            """() => { const root = document.querySelector('#parley-widget').shadowRoot;
            const all = [...root.querySelectorAll('*')];
            return {
              pwned: window.__pwned ?? null,
              injected: all.filter(e => /^(SCRIPT|IFRAME|OBJECT|EMBED|IMG)$/.test(e.tagName)
                && !(e.tagName === 'IMG' && e.parentElement.className === 'head')).length,
              handlers: all.filter(
                e => [...e.attributes].some(a => a.name.startsWith('on'))).length,
              hrefs: [...root.querySelectorAll('a[href]')].map(a => a.protocol),
              pageScripts: document.scripts.length };
            }"""
        )
        assert found["pwned"] is None and not dialogs
        assert found["injected"] == 0 and found["handlers"] == 0
        assert set(found["hrefs"]) <= {"http:", "https:", "mailto:"}
        assert found["pageScripts"] == 1  # only the embed tag itself
        await context.close()


async def test_right_to_left_bot_lays_out_from_the_right(
    browser: Browser, db: str, tmp_path: Path
) -> None:
    async with widget_site(db, tmp_path, RTL_THEME) as site:
        for viewport in VIEWPORTS.values():
            context = await browser.new_context(viewport=viewport)  # type: ignore[arg-type]
            page = await context.new_page()
            await page.goto(site.page)
            widget = page.locator("#parley-widget")
            await widget.locator(".bubble").click()
            dialog = widget.get_by_role("dialog", name="اسأل بيب")
            await expect(dialog).to_have_attribute("dir", "rtl")
            await expect(dialog).to_have_attribute("lang", "ar")
            await expect(widget.locator(".greet")).to_have_text("مرحبا! كيف أساعدك؟")
            title = await widget.locator("h2").bounding_box()
            close = await widget.get_by_role("button", name="Close chat").bounding_box()
            assert title and close and close["x"] < title["x"]  # mirrored header
            greet = await widget.locator(".greet").bounding_box()
            panel = await dialog.bounding_box()
            assert greet and panel
            assert greet["x"] + greet["width"] > panel["x"] + panel["width"] - 30  # starts right
            await no_serious_axe(page)
            await context.close()
