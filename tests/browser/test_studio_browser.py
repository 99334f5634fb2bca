"""The studio in real Chromium, desktop and phone: first run, sign in, account, API keys.

Every page visited passes axe (0 serious/critical) and has no horizontal scroll at 390 px.
"""

from __future__ import annotations

import re

import pytest
from playwright.async_api import Page, expect

from models import ApiKey, Creator, Person
from tests.browser.studio import LiveStudio, check_page, sign_in
from tests.channels.studio.world import PASSWORD

pytestmark = pytest.mark.browser


async def test_first_run_sign_in_account_and_api_key(
    live_studio: LiveStudio, studio_page: Page
) -> None:
    page, base = studio_page, live_studio.base
    await Creator.all().delete()
    await Person.all().delete()

    await page.goto(base + "/studio")
    await expect(page).to_have_url(re.compile(r"/studio/setup$"))
    await check_page(page)
    await page.get_by_label("Workspace name").fill("Ada's Running Club")
    await page.get_by_label("Your name").fill("Ada")
    await page.get_by_label("Email").fill("ada@example.com")
    await page.get_by_label("Password").fill(PASSWORD)
    await page.get_by_role("button", name="Create account").click()
    await expect(page.get_by_role("heading", name="Home", level=1)).to_be_visible()
    await expect(page.get_by_role("status")).to_contain_text("Your studio is ready")
    await check_page(page)

    await page.get_by_role("button", name="Sign out").click()
    await expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    await check_page(page)
    # Keyboard only: type into the labelled fields and press Enter.
    await page.get_by_label("Email").fill("ada@example.com")
    await page.get_by_label("Password").fill("wrong-password")
    await page.keyboard.press("Enter")
    await expect(page.get_by_role("alert")).to_contain_text("Wrong email or password.")
    await check_page(page)
    await sign_in(page, base, "ada@example.com")

    await page.get_by_role("navigation", name="Studio").get_by_role("link", name="Account").click()
    await expect(page.get_by_role("heading", name="Account", level=1)).to_be_visible()
    await check_page(page)
    await page.get_by_label("Display name").fill("Ada L.")
    await page.get_by_label("Time zone for reports").select_option("Europe/Paris")
    await page.get_by_role("button", name="Save profile").click()
    await expect(page.get_by_role("status")).to_contain_text("Profile saved.")
    assert (await Person.get(email="ada@example.com")).time_zone == "Europe/Paris"

    await page.get_by_role("link", name="API keys").click()
    await check_page(page)
    await page.get_by_label("Name", exact=True).fill("Zapier")
    await page.get_by_role("checkbox", name=re.compile(r"^write")).check()
    await page.get_by_role("button", name="Create key").click()
    secret = page.locator("#new-key")
    await expect(secret).to_contain_text("prl_")
    await check_page(page)
    key = await ApiKey.get(name="Zapier")
    assert key.scopes == ["read", "write"]
    page.once("dialog", lambda dialog: dialog.accept())
    await page.get_by_role("button", name=f"Revoke {key.prefix}").click()
    await expect(page.get_by_role("status")).to_contain_text(f"Key {key.prefix} revoked")
    await expect(page.locator("#new-key")).to_have_count(0)
    assert (await ApiKey.get(id=key.id)).revoked

    for name in ("Members", "Audit log", "Home"):
        await page.get_by_role("navigation", name="Studio").get_by_role("link", name=name).click()
        await expect(page.get_by_role("heading", level=1)).to_have_text(name)
        await check_page(page)


async def test_member_pages_pass_for_every_role(live_studio: LiveStudio, studio_page: Page) -> None:
    """A viewer and an editor (in two workspaces for the switcher) see clean pages too."""
    studio = live_studio.studio
    await sign_in(studio_page, live_studio.base, studio.mine.viewer.email)
    for path in (
        "/studio/",
        "/studio/members",
        "/studio/api-keys",
        "/studio/audit",
        "/studio/account",
    ):
        await studio_page.goto(live_studio.base + path)
        await check_page(studio_page)
