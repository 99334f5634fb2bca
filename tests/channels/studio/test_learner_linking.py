"""The learner page links another chat of the same person and unlinks a channel (bot/linking)."""

from __future__ import annotations

from models import AuditLog, ChannelAccount, ChannelType, EndUser
from tests import factories
from tests.channels.studio.world import Studio, StudioClient


async def test_editor_links_by_handle_then_unlinks(studio: Studio, as_editor: StudioClient) -> None:
    bot = studio.mine.bot
    web = await factories.end_user(bot, "web-session-1")
    telegram = await factories.end_user(bot, "5550101")
    await ChannelAccount.filter(end_user_id=telegram.id).update(
        channel=ChannelType.TELEGRAM, display_name="Ana"
    )
    page = f"/studio/bots/{bot.slug}/learners/{web.id}"
    linked = await as_editor.post(f"{page}/link", {"other": "Ana"})
    assert linked.status == 302
    html = await as_editor.page(page)
    assert "Linked: their channels" in html and "telegram: 5550101" in html
    assert not await EndUser.filter(id=telegram.id).exists()
    channels = await ChannelAccount.filter(end_user_id=web.id).values_list("channel", flat=True)
    assert sorted(channels) == ["telegram", "web"]
    assert await AuditLog.filter(operation="merge").exists()

    account = await ChannelAccount.get(end_user_id=web.id, channel=ChannelType.TELEGRAM)
    split = await as_editor.post(f"{page}/accounts/{account.id}/unlink")
    assert split.status == 302
    assert "Unlinked: that channel" in await as_editor.page(page)
    account = await ChannelAccount.get(id=account.id)
    assert account.end_user_id != web.id  # a learner of its own again

    lonely = await as_editor.post(
        f"{page}/accounts/{(await ChannelAccount.get(end_user_id=web.id)).id}/unlink"
    )
    assert lonely.status == 302
    assert "this channel account is not linked to another" in await as_editor.page(page)


async def test_nobody_matching_is_explained_and_viewers_cannot_link(
    studio: Studio, as_editor: StudioClient, as_viewer: StudioClient
) -> None:
    bot = studio.mine.bot
    web = await factories.end_user(bot, "web-session-2")
    page = f"/studio/bots/{bot.slug}/learners/{web.id}"
    await as_editor.post(f"{page}/link", {"other": "nobody-here"})
    assert "no learner of this bot matches &#39;nobody-here&#39;" in await as_editor.page(page)
    theirs = await factories.end_user(studio.other.bot, "theirs-1")
    await as_editor.post(f"{page}/link", {"other": str(theirs.id)})
    assert await EndUser.filter(id=theirs.id).exists()  # another workspace's learner: untouched
    refused = await as_viewer.post(f"{page}/link", {"other": "web-session-2"})
    assert refused.status == 403
