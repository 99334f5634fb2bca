"""Try the bot: the real widget embedded with a test session that survives reloads."""

from __future__ import annotations

import re

from models import EndUser
from tests.channels.studio.world import Studio, StudioClient

SESSION = re.compile(r'data-session="(studio-test-[A-Za-z0-9_-]+)"')


async def test_the_page_embeds_the_widget_as_a_test_learner(
    as_editor: StudioClient, studio: Studio
) -> None:
    bot = studio.mine.bot
    page = f"/studio/bots/{bot.slug}/try"
    html = await as_editor.page(page)
    assert f'<script src="/widget.js" data-bot="{bot.slug}" data-key="{bot.public_key}"' in html
    first = SESSION.search(html)
    assert first is not None
    again = SESSION.search(await as_editor.page(page))
    assert again is not None and again.group(1) == first.group(1)
    tester = await EndUser.get(external_id=first.group(1))
    assert tester.is_test and tester.bot_id == bot.id
    await as_editor.post(page + "/restart")
    fresh = SESSION.search(await as_editor.page(page))
    assert fresh is not None and fresh.group(1) != first.group(1)


async def test_the_section_link_goes_to_the_only_bot(
    as_viewer: StudioClient, studio: Studio
) -> None:
    response = await as_viewer.get("/studio/try")
    assert response.status == 302
    assert response.headers["Location"] == f"/studio/bots/{studio.mine.bot.slug}/try"


async def test_another_workspaces_bot_cannot_be_tried(
    as_other_owner: StudioClient, studio: Studio
) -> None:
    response = await as_other_owner.get(f"/studio/bots/{studio.mine.bot.slug}/try")
    assert response.status == 404
    assert not await EndUser.filter(is_test=True).exists()
