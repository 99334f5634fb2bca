"""Home: bots with status, learners active this week, messages today, problems with their fix."""

from __future__ import annotations

import re
from datetime import timedelta

from models import Channel, ChannelType, Document, EndUser, KnowledgeBase, ProcessingStatus
from tests import factories
from tests.channels.studio.world import Studio, StudioClient


def figure(html: str, label: str) -> int:
    found = re.search(r'<span class="figure">(\d+)</span> ' + label, html)
    assert found, label
    return int(found.group(1))


async def test_home_counts_this_workspace_only(studio: Studio, as_viewer: StudioClient) -> None:
    bot = studio.mine.bot
    active, idle = await factories.end_user(bot), await factories.end_user(bot)
    await EndUser.filter(id=idle.id).update(last_active_at=studio.clock.now() - timedelta(days=9))
    conv = await factories.conversation(active)
    for i in range(3):
        await factories.inbound(conv, bot, f"hello {i}", f"m{i}")
    other_user = await factories.end_user(studio.other.bot)
    await factories.inbound(await factories.conversation(other_user), studio.other.bot, "x", "o1")
    html = await as_viewer.page("/studio/")
    assert figure(html, "learners active this week") == 1
    assert figure(html, "messages today") == 3
    assert re.search(
        r">Test Bot</a><br><small>mine-bot</small></td>\s*<td>draft</td>\s*<td>1</td>\s*<td>3</td>",
        html,
    )
    assert "other-bot" not in html
    assert "Nothing is broken" in html


async def test_home_lists_problems_with_links_to_fix_them(
    studio: Studio, as_viewer: StudioClient
) -> None:
    kb = await KnowledgeBase.create(creator=studio.mine.creator, name="kb")
    await Document.create(
        knowledge_base=kb,
        title="Handbook.pdf",
        content="",
        content_hash="h",
        processing_status=ProcessingStatus.FAILED,
        processing_error="the PDF is encrypted",
    )
    await Channel.create(
        creator=studio.mine.creator,
        bot=studio.mine.bot,
        channel_type=ChannelType.TELEGRAM,
        status="disconnected",
    )
    html = await as_viewer.page("/studio/")
    assert "“Handbook.pdf” could not be read: the PDF is encrypted" in html
    assert '<a href="/studio/knowledge">Fix in Knowledge</a>' in html
    assert "telegram for Test Bot is disconnected" in html
    assert '<a href="/studio/channels">Fix in Channels</a>' in html
    assert figure(html, "problems to fix") == 2
