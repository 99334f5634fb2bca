"""Reading stored metrics back as points: a creator's engagement and one program's analytics."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from uuid import UUID

from bot import accounts
from bot.errors import InvalidInput, NotFound
from bot.metrics.days import DateRange
from bot.metrics.programs import PROGRAM_METRICS, STEP_METRICS, defined_steps
from models import Bot, Program
from models.analytics import EngagementMetric, ProgramAnalytic, dimensions_key


@dataclass(frozen=True)
class Point:
    """One stored value: `dimensions` says which bot or step it belongs to ({} for a total)."""

    day: date
    metric: str
    value: Decimal
    dimensions: dict[str, str] = field(default_factory=dict)


def chosen_metrics(asked: Sequence[str], known: Sequence[str]) -> list[str]:
    """The metrics asked for (all when none), or InvalidInput naming the known ones."""
    names = [n.strip() for item in asked for n in item.split(",") if n.strip()]
    unknown = sorted(set(names) - set(known))
    if unknown:
        raise InvalidInput(f"unknown metric {', '.join(unknown)}: use some of {', '.join(known)}")
    return names or list(known)


async def engagement_points(
    creator_id: UUID, span: DateRange, *, bot: Bot | None, metrics: Sequence[str]
) -> list[Point]:
    """A creator's daily values: one bot's (dimensions {"bot": slug}) or the totals ({})."""
    dims = {"bot": bot.slug} if bot else {}
    rows = await (
        EngagementMetric.for_creator(creator_id)
        .filter(
            date__gte=span.first,
            date__lte=span.last,
            metric_type__in=list(metrics),
            dimensions_key=dimensions_key(dims),
        )
        .order_by("date", "metric_type")
    )
    return [Point(r.date, r.metric_type, r.metric_value, dict(r.dimensions)) for r in rows]


async def find_program(creator_id: UUID, code: str, bot_slug: str | None) -> Program:
    """A creator's program by code; `bot_slug` is needed when two of their bots share a code."""
    query = Program.for_creator(creator_id).filter(code=code)
    if bot_slug:
        bot = await accounts.get_bot(creator_id, bot_slug)
        query = query.filter(bot_id=bot.id)
    found = await query.limit(2)
    if not found:
        where = f" on bot {bot_slug!r}" if bot_slug else ""
        raise NotFound(f"no program {code!r}{where} for this creator")
    if len(found) > 1:
        raise InvalidInput(f"several bots have a program {code!r}: pass bot=SLUG")
    return found[0]


async def program_points(
    creator_id: UUID, program: Program, span: DateRange, *, metrics: Sequence[str]
) -> list[Point]:
    """One program's daily values, per step where dimensions name one, steps in program order."""
    rows = await ProgramAnalytic.for_creator(creator_id).filter(
        program_id=program.id,
        date__gte=span.first,
        date__lte=span.last,
        metric_type__in=list(metrics),
    )
    order = {step: i for i, step in enumerate(defined_steps(program))}
    points = [Point(r.date, r.metric_type, r.metric_value, dict(r.dimensions)) for r in rows]

    def position(p: Point) -> tuple[date, str, int, str]:
        step = p.dimensions.get("step", "")
        return p.day, p.metric, order.get(step, len(order)), step

    return sorted(points, key=position)


PROGRAM_ANALYTICS = (*PROGRAM_METRICS, *STEP_METRICS)
