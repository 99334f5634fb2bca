"""Computed metric values (before they are stored) and the grouped SQL counts behind them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from uuid import UUID

from tortoise.functions import Count
from tortoise.queryset import QuerySet

CENT = Decimal("0.01")


@dataclass(frozen=True)
class MetricValue:
    """One day's value: engagement (maybe per bot) or of a program (maybe per step)."""

    metric: str
    value: Decimal
    dimensions: Mapping[str, str] = field(default_factory=dict)
    bot_id: UUID | None = None
    program_id: UUID | None = None


def amount(number: float | int | Decimal) -> Decimal:
    """A value as stored: two decimal places (the column is Decimal(14, 2))."""
    return Decimal(str(number)).quantize(CENT, rounding=ROUND_HALF_UP)


def percent(part: int, whole: int) -> Decimal:
    """Rates are stored as percentages 0..100 with two decimals."""
    return amount(Decimal(100 * part) / Decimal(whole))


def distinct_users() -> Count:
    return Count("user_id", distinct=True)


async def grouped(query: QuerySet[Any], by: str, aggregate: Count) -> dict[Any, int]:
    """One SQL `GROUP BY by` aggregate: {group value: count}."""
    rows = await query.annotate(n=aggregate).group_by(by).values(by, "n")
    return {row[by]: int(row["n"]) for row in rows}
