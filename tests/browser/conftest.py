"""Browser fixtures shared by the studio browser tests (see tests/browser/studio.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from playwright.async_api import Browser, async_playwright

from tests.browser.studio import ARGS, CHROMIUM, live_studio, studio_page

__all__ = ["live_studio", "studio_page"]


@pytest.fixture(scope="session")
async def browser() -> AsyncIterator[Browser]:
    """One Chromium per test process (launching costs ~2 s); every test opens its own context,
    so cookies, storage and pages never cross tests."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} missing: `make browser` installs Debian's chromium")
    async with async_playwright() as pw:
        launched = await pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        await launched.close()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Studio pages at phone size run on SQLite only; at desktop size on both databases.

    What the phone size checks (layout, no sideways scroll, axe at 390 px) is the same page
    whatever the database, and the database-dependent behaviour is covered at desktop size on
    PostgreSQL: the PostgreSQL x phone runs repeated the SQLite ones at a quarter of the
    browser tests' time. They are deselected (counted in pytest's summary), not skipped."""
    here = Path(__file__).parent
    kept, dropped = [], []
    for item in items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        phone_on_postgres = params.get("studio_page") == "phone" and params.get("orm") == "postgres"
        inside = here in Path(str(item.path)).parents
        (dropped if inside and phone_on_postgres else kept).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept
