"""Which nudge brings learners back: nudges queued in the range, per rung (1 = the first
reminder of a step) and per local send hour, and how many were followed by a message from the
learner within 24 hours."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta
from typing import Any

from bot.insight.charts import TITLES, Chart, ratio
from bot.insight.localtime import LocalTime, as_date
from bot.insight.scope import Scope
from bot.insight.sql import plus_one_day, select, unindexed
from bot.insight.tallies import Counts, Kind, totals
from models import Program


def outcome_sql(local: LocalTime) -> str:
    reply = (
        "EXISTS (SELECT 1 FROM user_interaction r WHERE r.user_id = e.user_id"
        " AND r.interaction_type = 'message_received' AND r.created_at > s.queued_at"
        f" AND r.created_at <= {plus_one_day('s.queued_at')})"
    )
    return (
        f"SELECT {local.day('s.queued_at')}, s.attempt, {local.hour('s.queued_at')}, COUNT(*),"
        f" SUM(CASE WHEN {reply} THEN 1 ELSE 0 END)"
        # CROSS JOIN: SQLite keeps this order (sends by time first), PostgreSQL plans freely
        " FROM scheduled_send s CROSS JOIN program_enrollment e WHERE e.id = s.enrollment_id"
        # the range's sends by time (queued_at index), not every queued send (status index)
        f" AND e.program_id = ? AND s.kind = 'nudge' AND {unindexed('s.status')} = 'queued'"
        " AND s.queued_at >= ? AND s.queued_at < ? GROUP BY 1, 2, 3"
    )


async def count_nudges(
    program: Program, start: datetime, end: datetime, local: LocalTime
) -> Counts:
    """Per local send day: nudges ("sent rung hour") and those replied to ("back rung hour")."""
    counts: Counts = {}
    for day, rung, hour, sent, back in await select(outcome_sql(local), [program.id, start, end]):
        counts[(as_date(day), f"sent {rung} {hour}")] = int(sent)
        counts[(as_date(day), f"back {rung} {hour}")] = int(back or 0)
    return counts


# a nudge's outcome is known 24 h after it was queued
NUDGES = Kind("nudges", count_nudges, settle=timedelta(days=1))

Tally = dict[int, list[int]]
TAIL = ["nudges", "replied_24h", "replied_pct"]


def table(tally: Tally) -> list[list[Any]]:
    return [[k, sent, back, ratio(back, sent)] for k, (sent, back) in sorted(tally.items())]


async def tallies(scope: Scope, program: Program) -> tuple[Tally, Tally]:
    """(per rung, per local hour): [nudges, replied within 24 h]."""
    found = await totals(NUDGES, program, scope.span.days(), tz=scope.tz)
    rungs: Tally = defaultdict(lambda: [0, 0])
    hours: Tally = defaultdict(lambda: [0, 0])
    for key, n in found.items():
        what, rung, hour = key.split()
        at = 0 if what == "sent" else 1
        rungs[int(rung)][at] += n
        hours[int(hour)][at] += n
    return rungs, hours


def rung_chart(rungs: Tally) -> Chart:
    return Chart("nudge_rungs", TITLES["nudge_rungs"], "bar", ["rung", *TAIL], table(rungs))


def hour_chart(hours: Tally) -> Chart:
    return Chart("nudge_hours", TITLES["nudge_hours"], "bar", ["hour", *TAIL], table(hours))


async def nudge_outcomes(scope: Scope, program: Program) -> list[Chart]:
    rungs, hours = await tallies(scope, program)
    return [rung_chart(rungs), hour_chart(hours)]


async def by_rung(scope: Scope, program: Program) -> Chart:
    return rung_chart((await tallies(scope, program))[0])


async def by_hour(scope: Scope, program: Program) -> Chart:
    return hour_chart((await tallies(scope, program))[1])
