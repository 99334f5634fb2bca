"""Streaks at risk today and badges earned in the range, for one bot's learners.

A streak is at risk when the learner has a running streak (`LearnerStats`) whose last active
local day is before today: it ends unless they are active today (or a freeze bridges it).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from tortoise.functions import Count

from bot.insight.charts import TITLES, Chart
from bot.insight.scope import Scope
from models import LearnerStats, UserBadge


def at_risk(scope: Scope) -> Any:
    today = scope.today
    return LearnerStats.for_creator(scope.creator_id).filter(
        user__bot_id=scope.bot.id,
        user__is_test=False,
        streak_days__gte=1,
        last_active_day__gte=today - timedelta(days=2),
        last_active_day__lt=today,
    )


async def streaks(scope: Scope) -> Chart:
    rows = await (
        at_risk(scope)
        .annotate(n=Count("id"))
        .group_by("streak_days")
        .order_by("streak_days")
        .values_list("streak_days", "n")
    )
    table: list[list[Any]] = [[int(days), int(n)] for days, n in rows]
    links: list[str | None] = [f"at_risk=1&streak={days}" for days, _ in rows]
    title = f"{TITLES['streaks']} ({scope.today.isoformat()})"
    return Chart("streaks", title, "bar", ["streak_days", "learners"], table, links)


async def badges(scope: Scope) -> Chart:
    rows = await (
        UserBadge.for_creator(scope.creator_id)
        .filter(
            user__bot_id=scope.bot.id,
            user__is_test=False,
            earned_at__gte=scope.start,
            earned_at__lt=scope.end,
        )
        .annotate(n=Count("id"))
        .group_by("badge__code")
        .order_by("badge__code")
        .values_list("badge__code", "n")
    )
    table: list[list[Any]] = [[str(code), int(n)] for code, n in rows]
    return Chart("badges", TITLES["badges"], "bar", ["badge", "earned"], table)
