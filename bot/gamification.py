"""The gamification step: badges earned in a turn are announced, levels reached, /badges shown.

Outer to the programs step: after the inner steps ran (a step completed, a program finished),
`bot.badges.award_badges` awards what the learner now meets, once, and each new badge gets
an announcement reply and a `badge_awarded` event. Levels come from points (Achievement rows).
"""

from __future__ import annotations

from datetime import datetime

from bot.badges import award_badges, level_for, points_for_level, user_stats
from bot.clock import Clock
from bot.i18n.catalogue import Texts
from bot.messages import OutboundMessage
from bot.pipeline import Next, Turn
from models import Achievement, Badge, UserBadge, UserInteraction


class GamificationStep:
    """Pipeline step: badge announcements and level-ups after the inner steps; /badges."""

    def __init__(self, clock: Clock, *, freezes_per_week: int = 1) -> None:
        self._clock = clock
        self._freezes = freezes_per_week

    async def __call__(self, turn: Turn, call_next: Next) -> None:
        if turn.command == "badges":
            turn.reply(await self.summary(turn))
            return
        before = await points_of(turn)
        await call_next(turn)
        now = self._clock.now()
        awarded = await award_badges(turn.end_user, now=now, freezes_per_week=self._freezes)
        for badge in sorted(awarded, key=lambda b: b.name):  # one order on every database
            turn.replies.append(announcement(badge, turn.texts()))
            await record(turn, "badge_awarded", {"badge": badge.code}, now)
        after = before if turn.points_unchanged else await points_of(turn)
        if level_for(after) > level_for(before):
            turn.replies.append(
                OutboundMessage(
                    text=turn.texts().get("level_up", level=level_for(after)), kind="badge"
                )
            )

    async def summary(self, turn: Turn) -> str:
        """Badges earned, points, level, streak: the answer to /badges."""
        user = turn.end_user
        stats = await user_stats(user, now=self._clock.now(), freezes_per_week=self._freezes)
        earned = await (
            UserBadge.for_creator(user.creator_id)
            .filter(user_id=user.id)
            .order_by("badge__name")
            .values_list("badge__name", flat=True)
        )
        level, texts = level_for(stats.points), turn.texts()
        next_points = points_for_level(level + 1)
        badges = ", ".join(str(name) for name in earned) or texts.get("badges_none")
        lines = [
            texts.get(
                "badges_points",
                points=stats.points, level=level, next_level=level + 1, next_points=next_points,
            ),
            texts.count("badges_streak", stats.streak_days, days=stats.streak_days),
            texts.get("badges_list", badges=badges),
        ]  # fmt: skip
        return "\n".join(lines)


def announcement(badge: Badge, texts: Texts) -> OutboundMessage:
    about = f" {badge.description}" if badge.description else ""
    return OutboundMessage(text=f"{texts.get('new_badge', name=badge.name)}{about}", kind="badge")


async def points_of(turn: Turn) -> int:
    user = turn.end_user
    rows = Achievement.for_creator(user.creator_id).filter(user_id=user.id)
    return sum(await rows.values_list("points", flat=True))  # type: ignore[arg-type]


async def record(turn: Turn, kind: str, data: dict[str, str], now: datetime) -> None:
    await UserInteraction.create(
        user_id=turn.end_user.id,
        bot_id=turn.bot.id,
        channel=str(turn.account.channel),
        session_id=turn.conversation.id,
        interaction_type=kind,
        interaction_data=data,
        created_at=now,
    )
