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
