"""Badges: declarative criteria, user statistics, streaks, levels, and awarding each badge once.

Criteria are JSON/YAML values validated by pydantic:

- a threshold string `"<metric> <op> <number>"`, metric one of `METRICS`, op one of
  `>= > <= < ==` (e.g. `"messages_sent >= 20"`, `"quiz_average >= 0.8"`);
- `{program_completed: CODE}`;
- `{all: [criteria...]}` / `{any: [criteria...]}`, nested freely.

Everything but `award_badges` is pure.
"""

from __future__ import annotations

import logging
import math
import operator
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Annotated, Any, Literal, cast, get_args
from zoneinfo import ZoneInfo

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    TypeAdapter,
    model_serializer,
    model_validator,
)
from tortoise.exceptions import IntegrityError
from tortoise.expressions import F, Q
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from bot.schedule import zone
from models import (
    Achievement,
    Badge,
    EndUser,
    EnrollmentStatus,
    ProgramEnrollment,
    StepProgress,
    UserBadge,
    UserInteraction,
)

log = logging.getLogger(__name__)

Metric = Literal[
    "messages_sent", "steps_completed", "quizzes_passed", "streak_days", "quiz_average", "points"
]
METRICS: tuple[str, ...] = get_args(Metric)
MESSAGE_EVENTS = frozenset({"message_received"})
"""`UserInteraction.interaction_type` values that count as a message the user sent."""

_OPS: dict[str, Callable[[float, float], bool]] = {
    ">=": operator.ge,
    ">": operator.gt,
    "<=": operator.le,
    "<": operator.lt,
    "==": operator.eq,
}
_THRESHOLD = re.compile(r"^\s*(\w+)\s*(>=|<=|==|>|<)\s*(-?\d+(?:\.\d+)?)\s*$")
_STRICT = ConfigDict(extra="forbid", frozen=True)


class Threshold(BaseModel):
    """`metric op value`, written and stored as one string."""

    model_config = _STRICT

    metric: Metric
    op: Literal[">=", ">", "<=", "<", "=="]
    value: float = Field(ge=0)

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, data: Any) -> Any:
        if not isinstance(data, str):
            return data
        match = _THRESHOLD.match(data)
        if not match:
            raise ValueError(
                f"{data!r} is not a criterion: write '<metric> >= <number>' with a metric from "
                + ", ".join(METRICS)
            )
        return {"metric": match[1], "op": match[2], "value": match[3]}

    @model_serializer
    def _to_text(self) -> str:
        return f"{self.metric} {self.op} {self.value:g}"


class ProgramCompleted(BaseModel):
    model_config = _STRICT

    program_completed: str = Field(min_length=1, max_length=64)


class AllOf(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, serialize_by_alias=True)

    all_: list[Criterion] = Field(alias="all", min_length=1)


class AnyOf(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, serialize_by_alias=True)

    any_: list[Criterion] = Field(alias="any", min_length=1)


def _kind(value: Any) -> str | None:
    if isinstance(value, str | Threshold):
        return "threshold"
    if isinstance(value, BaseModel):
        return {AllOf: "all", AnyOf: "any", ProgramCompleted: "program_completed"}.get(type(value))
    if isinstance(value, dict) and len(value) == 1:
        key = next(iter(value))
        return key if key in {"all", "any", "program_completed"} else None
    return None


Criterion = Annotated[
    Annotated[Threshold, Tag("threshold")]
    | Annotated[ProgramCompleted, Tag("program_completed")]
    | Annotated[AllOf, Tag("all")]
    | Annotated[AnyOf, Tag("any")],
    Discriminator(
        _kind,
        custom_error_type="criterion",
        custom_error_message=(
            "a criterion is 'metric >= N', {program_completed: CODE}, {all: [...]} or {any: [...]}"
        ),
    ),
]
AllOf.model_rebuild()
AnyOf.model_rebuild()
CRITERION: TypeAdapter[Criterion] = TypeAdapter(Criterion)


def parse_criteria(data: Any) -> Criterion:
    """Validate stored or authored criteria (raises pydantic.ValidationError)."""
    return CRITERION.validate_python(data)


def criteria_json(criteria: Criterion) -> dict[str, Any]:
    """The form stored in `Badge.criteria`: always an object, never a bare string.

    Tortoise's JSONField reads a Python str as already-encoded JSON, so a lone threshold
    is stored as the equivalent `{all: [threshold]}`.
    """
    data = CRITERION.dump_python(criteria, mode="json")
    return {"all": [data]} if isinstance(data, str) else cast(dict[str, Any], data)


@dataclass(frozen=True)
class UserStats:
    """What criteria are evaluated against; `quiz_average` is None before any quiz."""

    messages_sent: int = 0
    steps_completed: int = 0
    quizzes_passed: int = 0
    streak_days: int = 0
    quiz_average: float | None = None
    points: int = 0
    completed_programs: frozenset[str] = field(default_factory=frozenset)


def evaluate(criteria: Criterion, stats: UserStats) -> bool:
    """Does a user with these stats meet the criteria?"""
    match criteria:
        case AllOf():
            return all(evaluate(c, stats) for c in criteria.all_)
        case AnyOf():
            return any(evaluate(c, stats) for c in criteria.any_)
        case ProgramCompleted():
            return criteria.program_completed in stats.completed_programs
        case Threshold():
            value = getattr(stats, criteria.metric)
            return value is not None and _OPS[criteria.op](float(value), criteria.value)
    raise TypeError(f"not a criterion: {criteria!r}")


def streak_days(
    activity: Iterable[datetime], tz: ZoneInfo, *, today: date, freezes_per_week: int = 1
) -> int:
    """Consecutive local days with activity, ending today (or yesterday: today is not over).

    A single missed day whose neighbours are active is bridged by a freeze, at most
    `freezes_per_week` per ISO week; a frozen day keeps the streak alive but does not count.
    Two missed days in a row always break it.
    """
    active = {moment.astimezone(tz).date() for moment in activity}
    day = today if today in active else today - timedelta(days=1)
    count, used = 0, Counter[tuple[int, int]]()
    while True:
        if day in active:
            count, day = count + 1, day - timedelta(days=1)
            continue
        week = day.isocalendar()[:2]
        if day - timedelta(days=1) not in active or used[week] >= freezes_per_week:
            return count
        used[week] += 1
        day -= timedelta(days=1)


LEVEL_STEP = 50


def points_for_level(level: int) -> int:
    """Points needed to reach `level`: 50·n·(n-1) — 0, 100, 300, 600, 1000, 1500, ..."""
    return LEVEL_STEP * level * (level - 1)


def level_for(points: int) -> int:
    """The level a points total reaches (level 1 at 0 points; each level costs 100 more)."""
    if points <= 0:
        return 1
    level = int((1 + math.sqrt(1 + 4 * points / LEVEL_STEP)) / 2)
    # guard float rounding at exact boundaries
    while points_for_level(level + 1) <= points:
        level += 1
    while points_for_level(level) > points:
        level -= 1
    return level


async def user_stats(
    user: EndUser, *, now: datetime, freezes_per_week: int = 1, lookback: int = 400
) -> UserStats:
    """Compute a user's stats from the event log, step progress and achievements."""
    creator = user.creator_id
    events = UserInteraction.for_creator(creator).filter(user_id=user.id)
    progress = StepProgress.for_creator(creator).filter(enrollment__user_id=user.id)
    quiz_scores = await _column(progress.filter(correct__isnull=False), "score")
    recent = events.filter(created_at__gte=now - timedelta(days=lookback))
    moments = await _column(recent, "created_at")
    tz = zone(user.timezone)
    return UserStats(
        messages_sent=await events.filter(interaction_type__in=MESSAGE_EVENTS).count(),
        steps_completed=await progress.filter(completed_at__isnull=False).count(),
        quizzes_passed=await progress.filter(correct=True).count(),
        streak_days=streak_days(
            moments, tz, today=now.astimezone(tz).date(), freezes_per_week=freezes_per_week
        ),
        quiz_average=_mean(quiz_scores),
        points=await _points(user),
        completed_programs=frozenset(await _completed_codes(user)),
    )


async def _column(query: QuerySet[Any], name: str) -> list[Any]:
    return cast(list[Any], await query.values_list(name, flat=True))


def _mean(scores: list[Decimal]) -> float | None:
    values = [float(s) for s in scores if s is not None]
    return sum(values) / len(values) if values else None


async def _points(user: EndUser) -> int:
    achievements = Achievement.for_creator(user.creator_id).filter(user_id=user.id)
    return sum(await _column(achievements, "points"))


async def _completed_codes(user: EndUser) -> list[str]:
    completed = ProgramEnrollment.for_creator(user.creator_id).filter(
        user_id=user.id, status=EnrollmentStatus.COMPLETED
    )
    return await _column(completed, "program__code")


async def award_badges(
    user: EndUser, *, now: datetime | None = None, freezes_per_week: int = 1
) -> list[Badge]:
    """Award every active badge of the user's bot (or creator-wide) the user now meets, once.

    Returns only the badges awarded by this call; a concurrent call that awarded the same
    badge first wins (UserBadge is unique per user and badge) and this one skips it.
    """
    now = now or datetime.now(UTC)
    awarded = UserBadge.for_creator(user.creator_id).filter(user_id=user.id)
    owned = await _column(awarded, "badge_id")
    candidates = (
        await Badge.for_creator(user.creator_id)
        .filter(Q(bot_id=None) | Q(bot_id=user.bot_id), is_active=True)
        .exclude(id__in=owned)
    )
    if not candidates:
        return []
    stats = await user_stats(user, now=now, freezes_per_week=freezes_per_week)
    earned = [b for b in candidates if evaluate(parse_criteria(b.criteria), stats)]
    return [badge for badge in earned if await award(user, badge, stats)]


async def award(user: EndUser, badge: Badge, stats: UserStats) -> bool:
    """Award `badge` once (UserBadge is unique per user and badge); False if it was already."""
    snapshot = {k: v for k, v in vars(stats).items() if k != "completed_programs"}
    try:
        # A savepoint: on PostgreSQL a unique violation must not abort a caller's transaction.
        async with in_transaction():
            await UserBadge.create(user=user, badge=badge, criteria_met=snapshot)
    except IntegrityError:
        log.debug("badge %s already awarded to user %s", badge.id, user.id)
        return False
    await Badge.filter(id=badge.id).update(awarded_count=F("awarded_count") + 1)
    return True
