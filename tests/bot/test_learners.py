"""Incremental streaks agree with the event-log walk (`bot.badges.streak_days`) day by day."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta

import pytest

from bot.badges import streak_days
from bot.learners import Streak, advance_streak, catch_up, current_streak

START = date(2026, 1, 1)


def walk(active: set[date], today: date, freezes: int) -> int:
    moments = [datetime.combine(d, time(12), tzinfo=UTC) for d in active if d <= today]
    return streak_days(moments, UTC, today=today, freezes_per_week=freezes)  # type: ignore[arg-type]


@pytest.mark.parametrize("freezes", [0, 1, 2])
@pytest.mark.parametrize("seed", range(40))
def test_incremental_streak_matches_the_log_walk(seed: int, freezes: int) -> None:
    rng = random.Random(seed)
    density = rng.choice([0.5, 0.7, 0.85, 0.95])
    active = {START + timedelta(days=n) for n in range(90) if rng.random() < density}
    streak = Streak()
    for n in range(95):
        today = START + timedelta(days=n)
        if today in active:
            streak = advance_streak(streak, today, freezes_per_week=freezes)
            got = streak.days
        else:
            got = current_streak(streak, today, freezes_per_week=freezes)
        assert got == walk(active, today, freezes), (seed, today)


def test_a_missed_day_is_bridged_and_a_second_gap_in_the_week_cuts_the_older_one() -> None:
    days = [date(2026, 3, d) for d in (2, 3, 5, 6, 8, 9)]  # Mon..: gaps on Wed 4 and Sat 7
    streak = Streak()
    for day in days:
        streak = advance_streak(streak, day, freezes_per_week=1)
    # the newest gap (Sat 7) keeps the week's freeze: the streak restarts after Wed 4
    assert streak.days == 4 == walk(set(days), date(2026, 3, 9), 1)


def test_days_active_outside_a_turn_count_as_in_the_log_walk() -> None:
    # habit-7's silent learner: turns Mon 2, Wed 4, Fri 6..Sun 8; only scheduled deliveries and
    # nudges (events outside a turn) on Tue 3 and Thu 5 - two gaps in one week for one freeze
    turns = [date(2026, 3, d) for d in (2, 4, 6, 7, 8)]
    quiet = {date(2026, 3, 3), date(2026, 3, 5)}
    streak = Streak()
    for today in turns:
        earlier = [d for d in quiet if streak.last_day and streak.last_day < d < today]
        streak = catch_up(streak, earlier, today, freezes_per_week=1)
    assert streak.days == 7 == walk(set(turns) | quiet, date(2026, 3, 8), 1)
