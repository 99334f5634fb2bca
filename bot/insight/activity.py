"""A bot's activity over local days: active learners per day and week, messages in and out,
new learners and reply times. Test learners (the studio's "Try the bot") are left out.

- active: distinct learners with a `message_received` event that local day; per week: in that
  whole local week (Monday to Sunday, also its days outside the range).
- messages in/out: transcript rows of the bot by direction.
- new learners: end users of the bot created that day.
- The daily figures of days the daily rollup has stored are read from it (bot.metrics).
- response time: median and 90th percentile (nearest rank) of `response_time_ms` of the bot's
  replies in the range.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from bot.insight.charts import TITLES, Chart
from bot.insight.localtime import LocalTime, as_date, monday, period_sql
from bot.insight.scope import Scope
from bot.insight.sql import select
from bot.insight.tallies import Counts, Kind, counted, grouped_counts, totals
from bot.metrics.days import DateRange
from bot.metrics.values import amount
from models import (
    Bot,
)
from models.analytics import dimensions_key

# the rollup's names of the daily chart's columns, in column order
ROLLED = ("active_users", "messages_in", "messages_out", "new_users")

# `is_test = TRUE`, not `is_test`: the (bot_id, is_test) index then finds the few test learners
# instead of reading every learner of the bot
NOT_TEST = "NOT IN (SELECT u.id FROM end_user u WHERE u.bot_id = ? AND u.is_test = TRUE)"
NOT_TEST_CONVERSATION = (
    "NOT IN (SELECT c.id FROM conversation c JOIN end_user u ON u.id = c.user_id"
    " WHERE u.bot_id = ? AND u.is_test = TRUE)"
)
# each day's figures by the rollup's names; "in"/"out" are the transcript's directions
LIVE_NAMES = {
    "active": "active_users",
    "in": "messages_in",
    "out": "messages_out",
    "new": "new_users",
}


def live_sql(scope: Scope) -> str:
    """(local day, figure, n) of the four daily figures in one statement, test learners left out
    (a short subquery each, cheaper than a join)."""
    local = scope.local()

    def day(column: str) -> str:
        return period_sql(scope.start, scope.end, scope.tz, 1, local.day(column))

    return " UNION ALL ".join(
        (
            f"SELECT {day('i.created_at')}, 'active', COUNT(DISTINCT i.user_id)"
            " FROM user_interaction i WHERE i.bot_id = ?"
            " AND i.interaction_type = 'message_received'"
            f" AND i.created_at >= ? AND i.created_at < ? AND i.user_id {NOT_TEST} GROUP BY 1",
            f"SELECT {day('m.created_at')}, m.direction, COUNT(*) FROM message m"
            " WHERE m.bot_id = ? AND m.created_at >= ? AND m.created_at < ?"
            f" AND m.conversation_id {NOT_TEST_CONVERSATION} GROUP BY 1, 2",
            f"SELECT {day('u.created_at')}, 'new', COUNT(*) FROM end_user u"
            " WHERE u.bot_id = ? AND NOT u.is_test AND u.created_at >= ? AND u.created_at < ?"
            " GROUP BY 1",
        )
    )


async def live(scope: Scope) -> dict[date, list[int]]:
    """Each day's [active, in, out, new] counted from the raw rows."""
    bot, start, end = scope.bot.id, scope.start, scope.end
    params = [bot, start, end, bot] * 2 + [bot, start, end]
    found: dict[date, dict[str, int]] = defaultdict(dict)
    for day, figure, n in await select(live_sql(scope), params):
        found[as_date(day)][LIVE_NAMES[str(figure)]] = int(n)
    return {d: [found[d].get(m, 0) for m in ROLLED] for d in scope.span.days()}


async def rolled_up(scope: Scope) -> dict[date, list[int]]:
    """The same figures for the days the daily rollup (same definitions, same local days) has
    already stored; days not over yet never come from there."""
    last = min(scope.span.last, scope.today - timedelta(days=1))
    if last < scope.span.first:
        return {}
    marks = ", ".join("?" for _ in ROLLED)
    rows = await select(  # raw: ~100 small rows, without building ORM values
        'SELECT "date", metric_type, metric_value FROM engagement_metric'
        " WHERE creator_id = ? AND bot_id = ? AND dimensions_key = ?"
        f" AND metric_type IN ({marks}) AND date >= ? AND date <= ?",
        [
            scope.creator_id,
            scope.bot.id,
            dimensions_key({"bot": scope.bot.slug}),
            *ROLLED,
            scope.span.first,
            last,
        ],
    )
    found: dict[date, dict[str, int]] = defaultdict(dict)
    for day, metric, value in rows:
        found[as_date(day)][str(metric)] = int(Decimal(str(value)))
    return {d: [v[m] for m in ROLLED] for d, v in found.items() if len(v) == len(ROLLED)}


async def daily(scope: Scope) -> Chart:
    """Stored rollups where they exist, the rest (today, days not rolled up yet) counted live."""
    figures = await rolled_up(scope)
    missing = [d for d in scope.span.days() if d not in figures]
    if missing:
        rest = replace(scope, span=DateRange(missing[0], missing[-1]))
        figures = {**await live(rest), **figures}
    rows: list[list[Any]] = [[d.isoformat(), *figures[d]] for d in scope.span.days()]
    columns = ["date", "active_learners", "messages_in", "messages_out", "new_learners"]
    return Chart("daily", TITLES["daily"], "line", columns, rows)


def weeks(first: date, last: date) -> list[date]:
    start = monday(first)
    return [start + timedelta(weeks=i) for i in range((last - start).days // 7 + 1)]


async def count_weekly(bot: Bot, start: datetime, end: datetime, local: LocalTime) -> Counts:
    """Distinct active learners per local week of [start, end)."""
    week = period_sql(start, end, local.tz, 7, local.week("i.created_at"))
    sql = (
        f"SELECT {week}, 'active', COUNT(DISTINCT i.user_id)"
        " FROM user_interaction i WHERE i.bot_id = ? AND i.interaction_type = 'message_received'"
        f" AND i.created_at >= ? AND i.created_at < ? AND i.user_id {NOT_TEST} GROUP BY 1"
    )
    return await grouped_counts(sql, [bot.id, start, end, bot.id])


WEEKLY = Kind("weekly_active", count_weekly, weekly=True)


async def weekly(scope: Scope) -> Chart:
    """Whole local weeks: the first and last count every day of their week."""
    mondays = weeks(scope.span.first, scope.span.last)
    found = await counted(WEEKLY, scope.bot, mondays, tz=scope.tz)
    table: list[list[Any]] = [[w.isoformat(), found.get((w, "active"), 0)] for w in mondays]
    note = "Weeks start on Monday; the first and last count their whole week."
    columns = ["week", "active_learners"]
    return Chart("weekly", TITLES["weekly"], "bar", columns, table, note=note)


def bucket(ms: int) -> tuple[int, int]:
    """[low, high) of the reply-time bucket of `ms`: two significant digits (exact below 100)."""
    if ms < 100:
        return ms, ms + 1
    width = 10 ** (len(str(ms)) - 2)
    low = ms // width * width
    return low, low + width


REPLIES = (
    "m.bot_id = ? AND m.direction = 'out' AND m.response_time_ms IS NOT NULL"
    " AND m.created_at >= ? AND m.created_at < ?"
    f" AND m.conversation_id {NOT_TEST_CONVERSATION}"
)


async def count_replies(bot: Bot, start: datetime, end: datetime, local: LocalTime) -> Counts:
    """Replies per local day and reply-time bucket (its low end) in [start, end)."""
    sql = (
        f"SELECT {local.day('m.created_at')}, m.response_time_ms, COUNT(*) FROM message m"
        f" WHERE {REPLIES} GROUP BY 1, 2"
    )
    counts: Counts = defaultdict(int)
    for day, ms, n in await select(sql, [bot.id, start, end, bot.id]):
        counts[(as_date(day), str(bucket(int(ms))[0]))] += int(n)
    return dict(counts)


REPLY_TIMES = Kind("reply_times", count_replies)


async def ranked(scope: Scope, buckets: list[tuple[int, int]], ranks: set[int]) -> dict[int, int]:
    """The reply times of `ranks` (1-based): each rank's bucket from the counts, then one read
    per bucket of its rows (an index range) in order, from the lowest rank asked in it."""
    found: dict[int, int] = {}
    below = 0
    for low, n in buckets:
        inside = sorted(r for r in ranks if below < r <= below + n)
        if inside:
            sql = (
                f"SELECT m.response_time_ms FROM message m WHERE {REPLIES}"
                " AND m.response_time_ms >= ? AND m.response_time_ms < ?"
                " ORDER BY m.response_time_ms LIMIT ? OFFSET ?"
            )
            params = [scope.bot.id, scope.start, scope.end, scope.bot.id, low, bucket(low)[1]]
            params += [inside[-1] - inside[0] + 1, inside[0] - below - 1]
            values = [int(ms) for (ms,) in await select(sql, params)]
            found |= {r: values[r - inside[0]] for r in inside}
        below += n
    if len(found) < len(ranks):
        raise ValueError(f"ranks {sorted(ranks - found.keys())} beyond {below} replies")
    return found


async def response_times(scope: Scope) -> Chart:
    found = await totals(REPLY_TIMES, scope.bot, scope.span.days(), tz=scope.tz)
    sizes = {int(low): count for low, count in found.items()}
    buckets = sorted(sizes.items())
    n = sum(sizes.values())
    rows: list[list[Any]] = [["replies", n]]
    if n:
        middle, p90 = {(n + 1) // 2, n // 2 + 1}, max(1, math.ceil(0.9 * n))
        at = await ranked(scope, buckets, middle | {p90})  # one read per bucket, not per rank
        median = Decimal(sum(at[r] for r in middle)) / len(middle)
        rows.append(["median_ms", float(amount(median))])
        rows.append(["p90_ms", at[p90]])
    return Chart("response", TITLES["response"], "bar", ["measure", "value"], rows)
