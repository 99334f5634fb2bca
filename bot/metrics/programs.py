"""Daily program analytics of one creator's programs, from the interaction event log.

Definitions (local day D of the workspace's time zone; events as in notes/events.md, each
carrying its program):
- enrollments / completions: distinct users with `program_enrolled` / `program_completed` on D.
- completion_rate: cumulative to the end of D: users ever completed / users ever enrolled, as a
  percentage (absent while nobody has enrolled).
- funnel {"step": id}: distinct users with `step_completed` for the step by the end of D.
- drop_off {"step": id}: users who have not completed the program, whose latest `step_completed`
  (by the end of D) is this step and who have been inactive for the 7 days ending with D:
  no `message_received`, `step_completed` or `quiz_answered` event on the program's bot.
  Users who never completed a step are not counted.
- nudges_sent: `nudge_sent` events on D.
- nudge_reply_within_24h_rate: percentage of D's nudges followed by a `message_received` from the
  same user within 24 hours (absent when no nudge was sent). It needs D+1 to be over: re-run
  the previous days (`parley metrics rollup --days 2`) so late replies are counted.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from tortoise import connections
from tortoise.expressions import RawSQL, Subquery
from tortoise.functions import Count

from bot.metrics.days import DAY, Window
from bot.metrics.values import MetricValue, amount, distinct_users, grouped, percent
from models import Program, UserInteraction

PROGRAM_METRICS = (
    "enrollments",
    "completions",
    "completion_rate",
    "nudges_sent",
    "nudge_reply_within_24h_rate",
)
STEP_METRICS = ("funnel", "drop_off")
REPLY_WINDOW = timedelta(hours=24)
INACTIVE_AFTER = 7 * DAY
ACTIVITY = ("message_received", "step_completed", "quiz_answered")


def event_step() -> RawSQL:
    """`interaction_data.step` as SQL text, in the dialect of the open connection."""
    column = '"user_interaction"."interaction_data"'
    if connections.get("default").capabilities.dialect == "postgres":
        return RawSQL(f"{column}->>'step'")
    return RawSQL(f"json_extract({column}, '$.step')")


def events(creator_id: UUID, kind: str) -> Any:
    return UserInteraction.for_creator(creator_id).filter(
        interaction_type=kind, program_id__isnull=False, user__is_test=False
    )


def on_day(query: Any, window: Window) -> Any:
    return query.filter(created_at__gte=window.start, created_at__lt=window.end)


async def daily_counts(creator_id: UUID, window: Window) -> dict[str, dict[UUID, int]]:
    """Per program: the day's enrollments, completions and nudges, and the cumulative totals."""
    enrolled = events(creator_id, "program_enrolled")
    completed = events(creator_id, "program_completed")
    nudges = on_day(events(creator_id, "nudge_sent"), window)
    by_program = "program_id"
    return {
        "enrollments": await grouped(on_day(enrolled, window), by_program, distinct_users()),
        "completions": await grouped(on_day(completed, window), by_program, distinct_users()),
        "enrolled_ever": await grouped(
            enrolled.filter(created_at__lt=window.end), by_program, distinct_users()
        ),
        "completed_ever": await grouped(
            completed.filter(created_at__lt=window.end), by_program, distinct_users()
        ),
        "nudges_sent": await grouped(nudges, by_program, Count("id")),
    }


async def funnel(creator_id: UUID, end: datetime) -> dict[UUID, dict[str, int]]:
    """Per program and step: distinct users who completed the step before `end`."""
    rows = await (
        events(creator_id, "step_completed")
        .filter(created_at__lt=end)
        .annotate(step=event_step(), n=distinct_users())
        .group_by("program_id", "step")
        .values("program_id", "step", "n")
    )
    steps: dict[UUID, dict[str, int]] = defaultdict(dict)
    for row in rows:
        if row["step"] is not None:  # an event without a step id names no funnel stage
            steps[row["program_id"]][str(row["step"])] = int(row["n"])
    return steps


def first_reply() -> RawSQL:
    """Correlated subquery: the user's first message after this event (index-backed, portable)."""
    return RawSQL(
        '(SELECT MIN(r."created_at") FROM "user_interaction" r'
        ' WHERE r."user_id" = "user_interaction"."user_id"'
        " AND r.\"interaction_type\" = 'message_received'"
        ' AND r."created_at" > "user_interaction"."created_at")'
    )


def as_datetime(value: datetime | str) -> datetime:
    """SQLite hands a raw aggregate back as the stored ISO text, PostgreSQL as a datetime."""
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


async def nudge_replies(creator_id: UUID, window: Window) -> Counter[UUID]:
    """Per program: the day's nudges answered by the same user within REPLY_WINDOW."""
    nudges = on_day(events(creator_id, "nudge_sent"), window).annotate(reply_at=first_reply())
    answered: Counter[UUID] = Counter()
    for program_id, at, reply_at in await nudges.values_list(
        "program_id", "created_at", "reply_at"
    ):
        if reply_at is not None and as_datetime(reply_at) - at <= REPLY_WINDOW:
            answered[program_id] += 1
    return answered


async def drop_offs(creator_id: UUID, program: Program, end: datetime) -> Counter[str]:
    """Per step: unfinished, inactive users whose latest completed step it is."""
    mine = UserInteraction.for_creator(creator_id).filter(user__is_test=False)
    finished = mine.filter(
        program_id=program.id, interaction_type="program_completed", created_at__lt=end
    )
    active = mine.filter(
        bot_id=program.bot_id,
        interaction_type__in=ACTIVITY,
        created_at__gte=end - INACTIVE_AFTER,
        created_at__lt=end,
    )
    rows = await (
        mine.filter(program_id=program.id, interaction_type="step_completed", created_at__lt=end)
        .exclude(user_id__in=Subquery(finished.distinct().values("user_id")))
        .exclude(user_id__in=Subquery(active.distinct().values("user_id")))
        .annotate(step=event_step())
        .values_list("user_id", "step", "created_at")
    )
    latest: dict[UUID, tuple[datetime, str]] = {}
    for user_id, step, at in rows:
        if step is None:
            continue
        if user_id not in latest or at >= latest[user_id][0]:
            latest[user_id] = (at, str(step))
    return Counter(step for _, step in latest.values())


def defined_steps(program: Program) -> list[str]:
    steps = program.flow_definition.get("steps", []) if program.flow_definition else []
    return [str(s["id"]) for s in steps if isinstance(s, dict) and "id" in s]


def program_rows(
    program: Program,
    daily: dict[str, dict[UUID, int]],
    answered: Counter[UUID],
) -> list[MetricValue]:
    def get(name: str) -> int:
        return daily[name].get(program.id, 0)

    pairs = [(name, amount(get(name))) for name in ("enrollments", "completions", "nudges_sent")]
    if get("enrolled_ever"):
        pairs.append(("completion_rate", percent(get("completed_ever"), get("enrolled_ever"))))
    if get("nudges_sent"):
        replied = answered.get(program.id, 0)
        pairs.append(("nudge_reply_within_24h_rate", percent(replied, get("nudges_sent"))))
    return [MetricValue(m, v, program_id=program.id) for m, v in pairs]


def step_rows(
    program: Program, completed: dict[str, int], dropped: Counter[str]
) -> list[MetricValue]:
    steps = defined_steps(program)
    steps += sorted((set(completed) | set(dropped)) - set(steps))
    return [
        MetricValue(metric, amount(source.get(step, 0)), {"step": step}, program_id=program.id)
        for step in steps
        for metric, source in (("funnel", completed), ("drop_off", dropped))
    ]


async def program_values(
    creator_id: UUID, programs: Sequence[Program], day: date, tz: ZoneInfo | None = None
) -> list[MetricValue]:
    """Every program value of one creator's programs for one local day (UTC by default)."""
    if not programs:
        return []
    window = Window.of(day, tz)
    daily = await daily_counts(creator_id, window)
    answered = await nudge_replies(creator_id, window)
    completed = await funnel(creator_id, window.end)
    rows: list[MetricValue] = []
    for program in programs:
        dropped = await drop_offs(creator_id, program, window.end)
        rows += program_rows(program, daily, answered)
        rows += step_rows(program, completed.get(program.id, {}), dropped)
    return rows
