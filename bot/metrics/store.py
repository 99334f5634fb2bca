"""Storing one creator's day of values: an upsert on the unique keys that also drops stale rows.

Re-running a day leaves unchanged rows untouched (same ids), updates changed values, creates
new ones and deletes rows the day no longer produces, so a rollup is idempotent.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar
from uuid import UUID

from bot.metrics.values import MetricValue
from models.analytics import EngagementMetric, ProgramAnalytic, dimensions_key

Row = TypeVar("Row", EngagementMetric, ProgramAnalytic)


@dataclass(frozen=True)
class Changes:
    """What one store did: rows created, updated in place, deleted and left as they were."""

    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0

    def __add__(self, other: Changes) -> Changes:
        return Changes(
            self.created + other.created,
            self.updated + other.updated,
            self.deleted + other.deleted,
            self.unchanged + other.unchanged,
        )


def row_fields(day: date, value: MetricValue) -> dict[str, Any]:
    """The columns both metric tables share."""
    dims = dict(value.dimensions)
    return {
        "metric_type": value.metric,
        "metric_value": value.value,
        "dimensions": dims,
        "dimensions_key": dimensions_key(dims),
        "date": day,
    }


def engagement_row(creator_id: UUID, day: date, value: MetricValue) -> EngagementMetric:
    return EngagementMetric(creator_id=creator_id, bot_id=value.bot_id, **row_fields(day, value))


def program_row(day: date, value: MetricValue) -> ProgramAnalytic:
    return ProgramAnalytic(program_id=value.program_id, **row_fields(day, value))


async def sync(
    model: type[Row],
    creator_id: UUID,
    existing: Sequence[Row],
    wanted: Sequence[Row],
    key: Callable[[Row], Hashable],
) -> Changes:
    old = {key(row): row for row in existing}
    created: list[Row] = []
    updated: list[Row] = []
    for row in wanted:
        current = old.pop(key(row), None)
        if current is None:
            created.append(row)
        elif current.metric_value != row.metric_value:
            current.metric_value = row.metric_value
            updated.append(current)
    if created:
        await model.bulk_create(created)
    if updated:
        await model.bulk_update(updated, fields=["metric_value"])
    if old:
        await model.for_creator(creator_id).filter(id__in=[r.id for r in old.values()]).delete()
    unchanged = len(wanted) - len(created) - len(updated)
    return Changes(len(created), len(updated), len(old), unchanged)


async def save_day(creator_id: UUID, day: date, values: Sequence[MetricValue]) -> Changes:
    """Make the stored rows of (creator, day) exactly `values`; call inside a transaction."""
    engagement = [engagement_row(creator_id, day, v) for v in values if v.program_id is None]
    programs = [program_row(day, v) for v in values if v.program_id is not None]
    stored_engagement = await EngagementMetric.for_creator(creator_id).filter(date=day)
    stored_programs = await ProgramAnalytic.for_creator(creator_id).filter(date=day)
    return await sync(
        EngagementMetric,
        creator_id,
        stored_engagement,
        engagement,
        lambda r: (r.metric_type, r.dimensions_key),
    ) + await sync(
        ProgramAnalytic,
        creator_id,
        stored_programs,
        programs,
        lambda r: (r.program_id, r.metric_type, r.dimensions_key),
    )
