"""One learner's page: channels, enrolments with progress, badges, points, streak and the most
recent messages, read for the creator who owns them (anyone else's learner is a 404)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from tortoise.functions import Count

from bot.learners import Streak, current_streak, local_day
from bot.linking.manage import accounts_of
from bot.metrics.programs import defined_steps
from bot.privacy import learner
from models import EndUser, LearnerStats, Message, ProgramEnrollment, UserBadge

RECENT = 20


def when(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


@dataclass(frozen=True)
class LearnerPage:
    user: EndUser
    channels: list[dict[str, Any]]
    enrolments: list[dict[str, Any]]
    badges: list[dict[str, Any]]
    points: int
    streak: int
    messages: list[dict[str, Any]]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": str(self.user.id),
            "name": self.user.display_name,
            "handle": self.user.external_id,
            "channel": self.user.channel,
            "last_active": when(self.user.last_active_at),
            "channels": self.channels,
            "enrolments": self.enrolments,
            "badges": self.badges,
            "points": self.points,
            "streak": self.streak,
            "recent_messages": self.messages,
        }


async def enrolments(user: EndUser) -> list[dict[str, Any]]:
    rows = await ProgramEnrollment.filter(user_id=user.id).select_related("program")
    done = dict(
        await ProgramEnrollment.filter(user_id=user.id, steps__completed_at__isnull=False)
        .annotate(n=Count("steps__id"))
        .group_by("id")
        .values_list("id", "n")
    )
    return [
        {
            "program": e.program.code,
            "title": e.program.name,
            "status": e.status.value,
            "step": e.current_step,
            "steps_completed": int(done.get(e.id, 0)),
            "steps": len(defined_steps(e.program)),
            "points": e.points,
            "enrolled_at": when(e.enrolled_at),
            "last_active": when(e.last_activity_at),
        }
        for e in rows
    ]


async def badges(user: EndUser) -> list[dict[str, Any]]:
    rows = await UserBadge.filter(user_id=user.id).select_related("badge").order_by("earned_at")
    return [
        {"badge": b.badge.code, "name": b.badge.name, "earned_at": when(b.earned_at)} for b in rows
    ]


async def recent_messages(user: EndUser) -> list[dict[str, Any]]:
    rows = await (
        Message.filter(conversation__user_id=user.id, bot_id=user.bot_id)
        .order_by("-created_at")
        .limit(RECENT)
    )
    return [
        {
            "at": when(m.created_at),
            "direction": m.direction.value,
            "sender": m.sender_type.value,
            "channel": m.channel,
            "text": m.content,
        }
        for m in reversed(rows)
    ]


async def learner_page(creator_id: UUID, learner_id: UUID | str, *, now: datetime) -> LearnerPage:
    user = await learner(creator_id, learner_id)
    stats = await LearnerStats.get_or_none(user_id=user.id)
    streak = current_streak(Streak.from_row(stats), local_day(user, now)) if stats else 0
    return LearnerPage(
        user,
        await accounts_of(user),
        await enrolments(user),
        await badges(user),
        stats.points if stats else 0,
        streak,
        await recent_messages(user),
    )
