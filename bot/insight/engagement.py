"""Streaks at risk today and badges earned in the range, for one bot's learners (badges per
closed local day are stored, `bot.insight.tallies`).

A streak is at risk when the learner has a running streak (`LearnerStats`) whose last active
local day is before today: it ends unless they are active today (or a freeze bridges it).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from bot.insight.charts import TITLES, Chart
from bot.insight.localtime import LocalTime
from bot.insight.scope import Scope
from bot.insight.sql import select
from bot.insight.tallies import Counts, Kind, grouped_counts, totals
from models import Bot


def at_risk(scope: Scope) -> tuple[str, list[Any]]:
    """FROM and WHERE of the stats rows (`s`, with their learner `u`) whose streak is at risk
    today: the bot's learners (test learners left out) with a running streak last active in
    the two local days before today. The one definition, for the chart and the learners behind
    it. CROSS JOIN: SQLite keeps this order (the stats, one short row per learner, scanned;
    each candidate's learner read by key) instead of reading every learner of the bot and then
    their stats; PostgreSQL plans freely (the same hash join as the ORM's query)."""
    today = scope.today
    sql = (
        " FROM learner_stats s CROSS JOIN end_user u WHERE u.id = s.user_id"
        " AND u.creator_id = ? AND u.bot_id = ? AND NOT u.is_test AND s.streak_days >= 1"
        " AND s.last_active_day >= ? AND s.last_active_day < ?"
    )
    return sql, [scope.creator_id, scope.bot.id, today - timedelta(days=2), today]


async def streaks(scope: Scope) -> Chart:
    where, params = at_risk(scope)
    rows = await select(f"SELECT s.streak_days, COUNT(*){where} GROUP BY 1 ORDER BY 1", params)
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
