"""The gamification step: learner stats updated in the turn, badges announced, levels, /badges.

Outer to the programs step: after the inner steps ran (a step completed, a program finished),
the turn's changes are applied to the learner's stats row (one UPDATE), the badges whose
criteria those changes can affect are evaluated against it, and each new badge gets an
announcement reply and a `badge_awarded` event. Levels come from points. No event-log scan per
message: only /badges (rare) and a learner's first turn without a stats row read the log.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime
from functools import lru_cache

from bot.badges import (
    AllOf,
    AnyOf,
    Criterion,
    ProgramCompleted,
    Threshold,
    award,
    evaluate,
    level_for,
    parse_criteria,
    points_for_level,
    user_stats,
)
from bot.clock import Clock
from bot.i18n.catalogue import Texts
from bot.learners import (
    apply_turn,
    local_day,
    quiet_active_days,
    save_turn,
    stats_row,
    stats_view,
)
from bot.live import active_badges
from bot.media.cards import DEFAULT_COLOUR, Card, card_attachment
from bot.messages import OutboundMessage
from bot.pipeline import Next, Turn
from models import Badge, LearnerStats, UserBadge, UserInteraction


class GamificationStep:
    """Pipeline step: stats, badge announcements and level-ups after the inner steps; /badges."""

    def __init__(self, clock: Clock, *, freezes_per_week: int = 1) -> None:
        self._clock = clock
        self._freezes = freezes_per_week

    async def __call__(self, turn: Turn, call_next: Next) -> None:
        if turn.command == "badges":
            turn.reply(await self.summary(turn))
            return
        await call_next(turn)
        now = self._clock.now()
        row = turn.stats_row or await stats_row(
            turn.end_user, now=now, freezes_per_week=self._freezes
        )
        before, today = row.points, local_day(turn.end_user, now)
        quiet = await quiet_active_days(turn.end_user, row.last_active_day, today)
        applied = apply_turn(
            row, turn.changes, today=today, freezes_per_week=self._freezes, quiet_days=quiet
        )
        for badge in await self.earned(turn, row, applied.changed, now):
            turn.replies.append(await with_card(turn, announcement(badge, turn.texts()), badge))
            turn.events.append(event(turn, "badge_awarded", {"badge": badge.code}, now))
            applied.changed.add("owned_badges")
        await save_turn(row, turn.changes, applied.changed, queue=turn.writes)
        if level_for(row.points) > level_for(before):
            level = level_for(row.points)
            text = turn.texts().get("level_up", level=level)
            reply = OutboundMessage(text=text, kind="badge")
            turn.replies.append(await with_card(turn, reply, None, level=level))

    async def earned(
        self, turn: Turn, row: LearnerStats, changed: set[str], now: datetime
    ) -> list[Badge]:
        """Award the badges the turn's changes can have earned (evaluated on the row only)."""
        owned = set(row.owned_badges)
        candidates = [
            b
            for b in await active_badges(turn.bot)
            if str(b.id) not in owned and metrics_of(b) & changed
        ]
        if not candidates:
            return []
        stats = stats_view(row, today=local_day(turn.end_user, now), freezes_per_week=self._freezes)
        won = [b for b in candidates if evaluate(criteria_of(b), stats)]
        awarded = [b for b in won if await award(turn.end_user, b, stats)]
        row.owned_badges = [*row.owned_badges, *(str(b.id) for b in awarded)]
        return sorted(awarded, key=lambda b: b.name)  # one order on every database

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


@lru_cache(maxsize=1024)
def _parsed(text: str) -> tuple[Criterion, frozenset[str]]:
    criteria = parse_criteria(json.loads(text))
    return criteria, frozenset(_metrics(criteria))


def _key(badge: Badge) -> str:
    return json.dumps(badge.criteria, sort_keys=True)


def criteria_of(badge: Badge) -> Criterion:
    return _parsed(_key(badge))[0]


def metrics_of(badge: Badge) -> frozenset[str]:
    """The stats a badge's criteria read (`completed_programs` for program_completed)."""
    return _parsed(_key(badge))[1]


def _metrics(criteria: Criterion) -> set[str]:
    match criteria:
        case AllOf():
            return set().union(*(_metrics(c) for c in criteria.all_))
        case AnyOf():
            return set().union(*(_metrics(c) for c in criteria.any_))
        case ProgramCompleted():
            return {"completed_programs"}
        case Threshold():
            return {criteria.metric}
    raise TypeError(f"not a criterion: {criteria!r}")


def announcement(badge: Badge, texts: Texts) -> OutboundMessage:
    about = f" {badge.description}" if badge.description else ""
    return OutboundMessage(text=f"{texts.get('new_badge', name=badge.name)}{about}", kind="badge")


async def with_card(
    turn: Turn, reply: OutboundMessage, badge: Badge | None, *, level: int = 0
) -> OutboundMessage:
    """The announcement with its image card (channels without images send the text alone)."""
    user, bot = turn.end_user, turn.bot
    if badge is not None:
        design = badge.design if isinstance(badge.design, dict) else {}
        card = Card(
            turn.texts().get("new_badge", name=badge.name), badge.name, user.display_name,
            bot.name, str(design.get("color", DEFAULT_COLOUR)),
        )  # fmt: skip
        name = f"badge-{badge.code}.png"
    else:
        card = Card(reply.text, f"★ {level}", user.display_name, bot.name)
        name = f"level-{level}.png"
    attachment = await card_attachment(bot.creator_id, card, name=name)
    return replace(reply, attachments=(*reply.attachments, attachment))


def event(turn: Turn, kind: str, data: dict[str, str], now: datetime) -> UserInteraction:
    """An unsaved event row of the turn (written with its other events)."""
    return UserInteraction(
        user_id=turn.end_user.id,
        bot_id=turn.bot.id,
        channel=str(turn.account.channel),
        session_id=turn.conversation.id,
        interaction_type=kind,
        interaction_data=data,
        created_at=now,
    )
