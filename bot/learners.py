"""Learner stats kept incrementally: the streak arithmetic (pure), applying a turn's changes to a
`LearnerStats` row in one UPDATE, and rebuilding a missing row from the event log once.

The streak matches `bot.badges.streak_days` (which walks the event log backwards from today):
a single missed day is bridged by a freeze, at most `freezes_per_week` per ISO week, and when a
week runs out the *newest* gaps keep their freeze, so the streak restarts after the newest gap
that cannot be bridged.

The walk counts every event of the learner as activity, including those written outside a turn
(scheduled step deliveries, nudges): a turn after a day without turns first catches up on the
local days in between that have events (`quiet_active_days`), then advances for today.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, cast

from tortoise import connections
from tortoise.exceptions import IntegrityError
from tortoise.expressions import F

from bot.badges import UserStats, user_stats
from bot.delivery.bulk import Batch, Statement
from bot.pipeline import TurnChanges
from bot.schedule import zone
from models import EndUser, LearnerStats, StepProgress, UserBadge, UserInteraction


@dataclass(frozen=True)
class Streak:
    """Active days in a row up to `last_day`; `bridges`: (missed day, days counted before it)
    for each gap a freeze bridged in the current streak, oldest first."""

    days: int = 0
    last_day: date | None = None
    bridges: tuple[tuple[date, int], ...] = field(default_factory=tuple)

    def to_json(self) -> list[list[Any]]:
        return [[d.isoformat(), n] for d, n in self.bridges]

    @classmethod
    def from_row(cls, row: LearnerStats) -> Streak:
        bridges = tuple(
            (date.fromisoformat(d), int(n)) for d, n in (row.freezes or {}).get("b", [])
        )
        return cls(row.streak_days, row.last_active_day, bridges)


def _week(day: date) -> tuple[int, int]:
    return day.isocalendar()[:2]


def _bridge(streak: Streak, missed: date, freezes_per_week: int) -> Streak:
    """`missed` (the day after `last_day`) bridged, or the streak cut after the newest gap
    of that week that its freezes no longer cover."""
    if freezes_per_week <= 0:
        return Streak(0, streak.last_day)
    bridges = (*streak.bridges, (missed, streak.days))
    same_week = [b for b in bridges if _week(b[0]) == _week(missed)]
    if len(same_week) <= freezes_per_week:
        return replace(streak, bridges=bridges)
    cut = same_week[-freezes_per_week - 1]  # the newest gap that keeps no freeze
    kept = tuple(b for b in bridges if b[0] > cut[0])
    return Streak(streak.days - cut[1], streak.last_day, tuple((d, n - cut[1]) for d, n in kept))


def advance_streak(streak: Streak, today: date, *, freezes_per_week: int = 1) -> Streak:
    """The streak after activity on `today` (local day)."""
    last = streak.last_day
    if last is not None and today <= last:
        return streak
    if last is None or (today - last).days > 2:
        return Streak(1, today)
    if (today - last).days == 2:
        streak = _bridge(streak, last + timedelta(days=1), freezes_per_week)
    return Streak(streak.days + 1, today, streak.bridges)


def catch_up(
    streak: Streak, days: Iterable[date], today: date, *, freezes_per_week: int = 1
) -> Streak:
    """The streak after activity on each of `days` (any order, duplicates allowed), then today."""
    for day in sorted(set(days)):
        streak = advance_streak(streak, day, freezes_per_week=freezes_per_week)
    return advance_streak(streak, today, freezes_per_week=freezes_per_week)


def current_streak(streak: Streak, today: date, *, freezes_per_week: int = 1) -> int:
    """The streak as of `today` when there was no activity today (today is not over)."""
    last = streak.last_day
    if last is None or today < last:
        return streak.days if last is not None else 0
    gap = (today - last).days
    if gap <= 1:
        return streak.days
    if gap == 2:
        return _bridge(streak, last + timedelta(days=1), freezes_per_week).days
    return 0


# --- the row --------------------------------------------------------------------------------


def stats_view(row: LearnerStats, *, today: date, freezes_per_week: int) -> UserStats:
    """What badge criteria are evaluated against, read from the row."""
    scored = row.quizzes_scored
    return UserStats(
        messages_sent=row.messages_sent,
        steps_completed=row.steps_completed,
        quizzes_passed=row.quizzes_passed,
        streak_days=current_streak(Streak.from_row(row), today, freezes_per_week=freezes_per_week),
        quiz_average=row.quiz_score_sum / scored if scored else None,
        points=row.points,
        completed_programs=frozenset(row.completed_programs or []),
    )


def local_day(user: EndUser, now: datetime) -> date:
    return now.astimezone(zone(user.timezone)).date()


@dataclass
class Applied:
    """A turn's changes applied in memory to the row, and which metrics they moved."""

    changed: set[str]
    streak: Streak


async def quiet_active_days(user: EndUser, last_day: date | None, today: date) -> list[date]:
    """Local days strictly between `last_day` and `today` with events written outside a turn
    (scheduled steps, nudges): activity for the streak, as in the event-log walk. No query
    unless a whole day passed without a turn."""
    if last_day is None or (today - last_day).days < 2:
        return []
    tz = zone(user.timezone)
    # bounds in UTC: SQLite compares the stored (UTC) timestamps as text
    start = datetime.combine(last_day + timedelta(days=1), time(0), tzinfo=tz).astimezone(UTC)
    end = datetime.combine(today, time(0), tzinfo=tz).astimezone(UTC)
    moments = await UserInteraction.filter(
        user_id=user.id, created_at__gte=start, created_at__lt=end
    ).values_list("created_at", flat=True)
    days = {cast(datetime, m).astimezone(tz).date() for m in moments}
    return sorted(d for d in days if last_day < d < today)


def apply_turn(
    row: LearnerStats,
    changes: TurnChanges,
    *,
    today: date,
    freezes_per_week: int,
    quiet_days: Iterable[date] = (),
) -> Applied:
    """Apply the turn to `row` in memory (the message itself counts from the next turn on,
    as it did when counts came from the event log written after the badges were checked).
    `quiet_days`: earlier local days with activity outside a turn (`quiet_active_days`)."""
    before = Streak.from_row(row)
    streak = catch_up(before, quiet_days, today, freezes_per_week=freezes_per_week)
    changed = {"messages_sent"}  # one more message since the last evaluation
    if streak != before:
        changed.add("streak_days")
        row.streak_days, row.last_active_day = streak.days, streak.last_day
        row.freezes = {"b": streak.to_json()}
    if changes.points:
        row.points += changes.points
        changed.add("points")
    if changes.steps_completed:
        row.steps_completed += changes.steps_completed
        changed.add("steps_completed")
    if changes.quiz_scores:
        row.quizzes_scored += len(changes.quiz_scores)
        row.quiz_score_sum += sum(score for score, _ in changes.quiz_scores)
        row.quizzes_passed += sum(1 for _, passed in changes.quiz_scores if passed)
        changed |= {"quizzes_passed", "quiz_average"}
    new_programs = [c for c in changes.completed_programs if c not in row.completed_programs]
    if new_programs:
        row.completed_programs = [*row.completed_programs, *new_programs]
        changed.add("completed_programs")
    return Applied(changed, streak)


ONE_MORE_MESSAGE = Statement(
    'UPDATE "learner_stats" SET messages_sent = messages_sent + 1 WHERE id = {}'
)


async def save_turn(
    row: LearnerStats, changes: TurnChanges, changed: set[str], *, queue: Batch | None = None
) -> None:
    """One UPDATE of what moved: counters by increment (concurrent turns never lose one), the
    rest as set. A plain question on a day already counted only adds one message (`queue`: sent
    with the turn's final writes, in the same transaction)."""
    moved = changes.points or changes.steps_completed or changes.quiz_scores
    if changed <= {"messages_sent"} and not moved:  # most turns: a statement written once
        if queue is not None:
            ONE_MORE_MESSAGE.queue(queue, str(row.id))
        else:
            await ONE_MORE_MESSAGE.run(connections.get("default"), str(row.id))
        return
    values: dict[str, Any] = {"messages_sent": F("messages_sent") + 1}
    if "streak_days" in changed:
        values |= {"streak_days": row.streak_days, "last_active_day": row.last_active_day}
        values["freezes"] = row.freezes
    if changes.points:
        values["points"] = F("points") + changes.points
    if changes.steps_completed:
        values["steps_completed"] = F("steps_completed") + changes.steps_completed
    if scores := changes.quiz_scores:
        values["quizzes_scored"] = F("quizzes_scored") + len(scores)
        values["quiz_score_sum"] = F("quiz_score_sum") + sum(s for s, _ in scores)
        values["quizzes_passed"] = F("quizzes_passed") + sum(1 for _, p in scores if p)
    if "completed_programs" in changed:
        values["completed_programs"] = row.completed_programs
    if "owned_badges" in changed:
        values["owned_badges"] = row.owned_badges
    await LearnerStats.filter(id=row.id).update(**values)


async def stats_row(user: EndUser, *, now: datetime, freezes_per_week: int) -> LearnerStats:
    """The user's stats row, rebuilt from the event log when it does not exist yet (learners
    from before the row existed): a one-time scan per learner."""
    found = await LearnerStats.get_or_none(user_id=user.id)
    if found is not None:
        return found
    full = await user_stats(user, now=now, freezes_per_week=freezes_per_week)
    owned = await UserBadge.filter(user_id=user.id).values_list("badge_id", flat=True)
    scored = await StepProgress.filter(enrollment__user_id=user.id, correct__isnull=False).count()
    latest = await (
        UserInteraction.filter(user_id=user.id)
        .order_by("-created_at")
        .limit(1)
        .values_list("created_at", flat=True)
    )
    last = cast(datetime, latest[0]) if latest else None
    row = LearnerStats(
        user_id=user.id,
        points=full.points,
        messages_sent=full.messages_sent,
        steps_completed=full.steps_completed,
        quizzes_passed=full.quizzes_passed,
        quizzes_scored=scored,
        quiz_score_sum=(full.quiz_average or 0.0) * scored,
        streak_days=full.streak_days,
        last_active_day=local_day(user, last) if last and full.streak_days else None,
        completed_programs=sorted(full.completed_programs),
        owned_badges=[str(b) for b in owned],
    )
    try:
        await row.save(force_create=True)
    except IntegrityError:  # a concurrent turn of the same learner built it first
        return await LearnerStats.get(user_id=user.id)
    return row
