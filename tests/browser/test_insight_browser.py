"""Analytics in real Chromium, desktop and phone: choose a range by label, the funnel is drawn,
its step opens the learners behind it, one of them is paused from the list."""

from __future__ import annotations

import pytest
from playwright.async_api import Page, expect

from models import EnrollmentStatus, ProgramEnrollment
from tests.bot.insight.world import FIRST, LAST
from tests.browser.studio import LiveStudio, check_page, insight_week_signed_in

pytestmark = pytest.mark.browser


async def test_funnel_step_lists_learners_and_pauses_one(
    live_studio: LiveStudio, studio_page: Page
) -> None:
    page = studio_page
    world = await insight_week_signed_in(live_studio, page)

    await (
        page.get_by_role("navigation", name="Studio").get_by_role("link", name="Analytics").click()
    )
    await expect(page.get_by_role("heading", name=f"Analytics of {world.bot.name}")).to_be_visible()
    await page.get_by_label("Program", exact=True).select_option("focus-course")
    await page.get_by_label("From", exact=True).fill(str(FIRST))
    await page.get_by_label("To", exact=True).fill(str(LAST))
    await page.get_by_role("button", name="Show").click()
    await expect(page.get_by_role("heading", name="Program funnel")).to_be_visible()
    drawn = "() => !!Chart.getChart(document.querySelector('canvas[data-chart=\"funnel\"]'))"
    await page.wait_for_function(drawn)
    await check_page(page)

    await page.get_by_text("Program funnel: data as a table").click()
    funnel = page.get_by_role("table", name="Program funnel")
    await funnel.get_by_role("link", name="lesson-2", exact=True).click()
    await expect(page.get_by_role("heading", name="Learners now on step lesson-2")).to_be_visible()
    learners = page.get_by_role("region", name="Learners")
    for name in ("Ada", "Bea", "Dov"):
        await expect(learners.get_by_role("link", name=name)).to_be_visible()
    await check_page(page)

    await page.get_by_label("Select Bea").check()
    await page.get_by_label("Action", exact=True).select_option("pause")
    await page.get_by_role("button", name="Apply to selected").click()
    await expect(page.get_by_role("status")).to_contain_text("1 paused")
    await expect(learners.get_by_role("row", name="Bea")).to_contain_text("paused")
    bea = await ProgramEnrollment.get(user_id=world.users["B"].id)
    assert bea.status == EnrollmentStatus.PAUSED
    ada = await ProgramEnrollment.get(user_id=world.users["A"].id)
    assert ada.status == EnrollmentStatus.ACTIVE
