"""Streaks at risk today and badges earned in the range, for one bot's learners (badges per
closed local day are stored, `bot.insight.tallies`).

A streak is at risk when the learner has a running streak (`LearnerStats`) whose last active
local day is before today: it ends unless they are active today (or a freeze bridges it).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from tortoise.functions import Count

from bot.insight.charts import TITLES, Chart
from bot.insight.localtime import LocalTime
from bot.insight.scope import Scope
from bot.insight.tallies import Counts, Kind, grouped_counts, totals
from models import Bot, LearnerStats


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


async def count_badges(bot: Bot, start: datetime, end: datetime, local: LocalTime) -> Counts:
    """Badges earned by the bot's learners (test learners left out) per local day and badge
    code in [start, end)."""
    sql = (
        f"SELECT {local.day('b.earned_at')}, k.code, COUNT(*) FROM user_badge b"
        # CROSS JOIN: SQLite keeps this order (the range's awards by time first) instead of
        # probing the awards of every learner of the bot; PostgreSQL plans freely
        " CROSS JOIN end_user u CROSS JOIN badge k WHERE u.id = b.user_id AND k.id = b.badge_id"
        " AND u.bot_id = ? AND NOT u.is_test AND b.earned_at >= ? AND b.earned_at < ?"
        " GROUP BY 1, 2"
    )
    return await grouped_counts(sql, [bot.id, start, end])


BADGES = Kind("badges", count_badges)


async def badges(scope: Scope) -> Chart:
    earned = await totals(BADGES, scope.bot, scope.span.days(), tz=scope.tz)
    table: list[list[Any]] = [[code, n] for code, n in sorted(earned.items())]
    return Chart("badges", TITLES["badges"], "bar", ["badge", "earned"], table)
