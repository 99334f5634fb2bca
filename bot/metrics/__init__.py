"""Engagement metrics and program analytics: daily rollups from the event log, and reading them.

Days are local days of each workspace's time zone (bot.zones). Counts are stored as they
are; rates (retention_dN, completion_rate, nudge_reply_within_24h_rate) as percentages
0..100 with two decimals. The exact definition of each metric is in `bot.metrics.engagement`
and `bot.metrics.programs`.
"""

from bot.metrics.days import MAX_RANGE_DAYS, DateRange, Window, parse_day, yesterday
from bot.metrics.engagement import ENGAGEMENT_METRICS, engagement_values
from bot.metrics.programs import PROGRAM_METRICS, STEP_METRICS, program_values
from bot.metrics.rollup import DailyRollup, DayReport, rollup, rollup_creator_day
from bot.metrics.series import (
    PROGRAM_ANALYTICS,
    Point,
    chosen_metrics,
    engagement_points,
    find_program,
    program_points,
)
from bot.metrics.store import Changes, save_day

__all__ = [
    "ENGAGEMENT_METRICS",
    "MAX_RANGE_DAYS",
    "PROGRAM_ANALYTICS",
    "PROGRAM_METRICS",
    "STEP_METRICS",
    "Changes",
    "DailyRollup",
    "DateRange",
    "DayReport",
    "Point",
    "Window",
    "chosen_metrics",
    "engagement_points",
    "engagement_values",
    "find_program",
    "parse_day",
    "program_points",
    "program_values",
    "rollup",
    "rollup_creator_day",
    "save_day",
    "yesterday",
]
