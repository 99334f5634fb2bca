"""Merging learners (streak union, badges once) and choosing the account a program send uses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from tortoise import connections

from bot.linking import merge_learners
from bot.programs.sweep.load import accounts_of, reachable
from bot.routing import preferred
from models import Badge, ChannelAccount, EndUser, UserBadge, UserInteraction
from tests import factories

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Acc:
    name: str
    last_seen: datetime
    open: bool = True
    chosen: bool = False
    blocked: bool = False


def test_the_chosen_channel_wins_then_the_latest_and_a_closed_window_yields() -> None:
    web = Acc("web", NOW - timedelta(hours=1))
    tg = Acc("tg", NOW - timedelta(hours=5))
    wa_closed = Acc("wa", NOW, open=False)
    assert preferred([web, tg]) == web  # the last one written from
    chosen_tg = Acc("tg", tg.last_seen, chosen=True)
    assert preferred([web, chosen_tg]) == chosen_tg
    assert preferred([web, tg, wa_closed]) == web  # the newest open one instead
    chosen_closed = Acc("wa", NOW - timedelta(days=2), open=False, chosen=True)
    assert preferred([chosen_closed, tg]) == tg
    assert preferred([chosen_closed]) == chosen_closed  # alone: the outbox uses a template
    assert preferred([Acc("tg", NOW, blocked=True)]) is None


async def test_sweep_routing_reads_the_window_and_the_choice(db: str) -> None:
    bot = await factories.bot(await factories.creator())
    user = await factories.end_user(bot)
    await ChannelAccount.filter(end_user_id=user.id).delete()  # no widget account
    wa = await ChannelAccount.create(
        bot=bot, end_user=user, channel="whatsapp", external_id="+1555",
        last_inbound_at=NOW - timedelta(hours=30),
    )  # fmt: skip
    tg = await ChannelAccount.create(
        bot=bot, end_user=user, channel="telegram", external_id="42",
        last_inbound_at=NOW - timedelta(hours=40),
    )  # fmt: skip

    async def pick() -> str:
        found = reachable(await accounts_of(connections.get("default"), [str(user.id)], NOW))
        return found[str(user.id)].channel

    assert await pick() == "telegram"  # WhatsApp last, but its window closed: Telegram is open
    await ChannelAccount.filter(id=wa.id).update(last_inbound_at=NOW - timedelta(hours=2))
    assert await pick() == "whatsapp"  # written from two hours ago: inside its window
    await EndUser.filter(id=user.id).update(preferences={"channel": "telegram"})
    assert await pick() == "telegram"
    await ChannelAccount.filter(id=tg.id).update(blocked=True)
    assert await pick() == "whatsapp"


async def test_merge_takes_the_union_of_active_days_and_each_badge_once(db: str) -> None:
    bot = await factories.bot(await factories.creator())
    web, tg = await factories.end_user(bot), await factories.end_user(bot)
    days = {web: [NOW - timedelta(days=d) for d in (0, 2)], tg: [NOW - timedelta(days=1)]}
    await UserInteraction.bulk_create(
        [factories.interaction(u, "message_received", w) for u, ws in days.items() for w in ws]
    )
    badge = await Badge.create(creator_id=bot.creator_id, code="b", name="B", criteria={})
    for user in (web, tg):
        await UserBadge.create(user=user, badge=badge)
    await Badge.filter(id=badge.id).update(awarded_count=2)
    stats = await merge_learners(web, tg, now=NOW)
    assert stats.streak_days == 3 and stats.messages_sent == 3  # days 0, 1, 2: one streak
    assert await UserBadge.filter(user_id=web.id).count() == 1
    assert (await Badge.get(id=badge.id)).awarded_count == 1
    assert not await EndUser.filter(id=tg.id).exists()
    assert await ChannelAccount.filter(end_user_id=web.id).count() == 2
