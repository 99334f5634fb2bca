"""Daily engagement metrics of one creator: per bot (dimensions {"bot": slug}) and in total ({}).

Definitions (local day D of the workspace's time zone):
- active_users: distinct end users with a `message_received` event on D.
- new_users: end users created on D.
- messages_in / messages_out: transcript `Message` rows stored on D, by direction.
- median_response_time_ms: median `response_time_ms` of outbound messages on D (absent if none).
- retention_dN (N = 1, 7, 30): of the users created on D-N, the percentage with a
  `message_received` event on D (absent when no user was created on D-N).
Users belong to one bot, so a creator's totals are sums of the per-bot figures.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from tortoise.expressions import Subquery
from tortoise.functions import Count

from bot.metrics.days import DAY, Window
from bot.metrics.values import MetricValue, amount, distinct_users, grouped, percent
from models import Bot, BotStatus, Direction, EndUser, Message, UserInteraction

COUNTS = ("active_users", "new_users", "messages_in", "messages_out")
RETENTION_DAYS = (1, 7, 30)
RATES = tuple(f"retention_d{n}" for n in RETENTION_DAYS)
ENGAGEMENT_METRICS = (*COUNTS, "median_response_time_ms", *RATES)

PerBot = dict[UUID, int]


def received(creator_id: UUID, window: Window) -> Any:
    return UserInteraction.for_creator(creator_id).filter(
        user__is_test=False,
        interaction_type="message_received",
        created_at__gte=window.start,
        created_at__lt=window.end,
    )


def created_within(creator_id: UUID, window: Window) -> Any:
    return EndUser.for_creator(creator_id).filter(
        is_test=False, created_at__gte=window.start, created_at__lt=window.end
    )


def messages(creator_id: UUID, window: Window, direction: Direction) -> Any:
    return Message.for_creator(creator_id).filter(
        conversation__is_test=False,
        direction=direction,
        created_at__gte=window.start,
        created_at__lt=window.end,
    )


async def counts(creator_id: UUID, window: Window) -> dict[str, PerBot]:
    return {
        "active_users": await grouped(received(creator_id, window), "bot_id", distinct_users()),
        "new_users": await grouped(created_within(creator_id, window), "bot_id", Count("id")),
        "messages_in": await grouped(
            messages(creator_id, window, Direction.INBOUND), "bot_id", Count("id")
        ),
        "messages_out": await grouped(
            messages(creator_id, window, Direction.OUTBOUND), "bot_id", Count("id")
        ),
    }


async def retention(
    creator_id: UUID, day: date, n: int, tz: ZoneInfo | None = None
) -> tuple[PerBot, PerBot]:
    """(retained, cohort) per bot: users created on day-n, and those of them active on day."""
    cohort = created_within(creator_id, Window.of(day - n * DAY, tz))
    sizes = await grouped(cohort, "bot_id", Count("id"))
    if not sizes:
        return {}, {}
    back = received(creator_id, Window.of(day, tz)).filter(
        user_id__in=Subquery(cohort.values("id"))
    )
    return await grouped(back, "bot_id", distinct_users()), sizes


async def median(query: Any, n: int) -> Decimal:
    """The median of `response_time_ms` over n rows, by SQL ordering (portable, nothing loaded)."""
    middle = (
        await query.order_by("response_time_ms")
        .offset((n - 1) // 2)
        .limit(2 - n % 2)
        .values_list("response_time_ms", flat=True)
    )
    return amount(Decimal(sum(middle)) / len(middle))


async def median_response_times(creator_id: UUID, window: Window) -> dict[UUID | None, Decimal]:
    """Per bot, and for all of the creator's bots under None: the day's median reply time."""
    replies = messages(creator_id, window, Direction.OUTBOUND).filter(
        response_time_ms__isnull=False
    )
    sizes = await grouped(replies, "bot_id", Count("id"))
    medians: dict[UUID | None, Decimal] = {
        bot_id: await median(replies.filter(bot_id=bot_id), n) for bot_id, n in sizes.items()
    }
    if sizes:
        medians[None] = await median(replies, sum(sizes.values()))
    return medians


def scope_values(
    scope: Iterable[UUID],
    counted: Mapping[str, PerBot],
    rates: Mapping[str, tuple[PerBot, PerBot]],
    middle: Decimal | None,
) -> list[tuple[str, Decimal]]:
    """(metric, value) pairs over a set of bots (one bot, or all of them for the total)."""
    bots = list(scope)
    pairs = [(name, amount(sum(per.get(b, 0) for b in bots))) for name, per in counted.items()]
    if middle is not None:
        pairs.append(("median_response_time_ms", middle))
    for name, (kept, sizes) in rates.items():
        whole = sum(sizes.get(b, 0) for b in bots)
        if whole:
            pairs.append((name, percent(sum(kept.get(b, 0) for b in bots), whole)))
    return pairs


async def engagement_values(
    creator_id: UUID, day: date, tz: ZoneInfo | None = None
) -> list[MetricValue]:
    """Every engagement value of one creator for one local day (UTC by default)."""
    window = Window.of(day, tz)
    counted = await counts(creator_id, window)
    rates = {f"retention_d{n}": await retention(creator_id, day, n, tz) for n in RETENTION_DAYS}
    medians = await median_response_times(creator_id, window)
    seen = {b for per in counted.values() for b in per} | set(medians)
    bots = await Bot.for_creator(creator_id).values_list("id", "slug", "status")
    slugs = {b: slug for b, slug, status in bots if status != BotStatus.DELETED or b in seen}
    totals = scope_values(slugs, counted, rates, medians.get(None))
    rows = [MetricValue(m, v) for m, v in totals]
    for bot_id, slug in slugs.items():
        pairs = scope_values([bot_id], counted, rates, medians.get(bot_id))
        rows += [MetricValue(m, v, {"bot": slug}, bot_id=bot_id) for m, v in pairs]
    return rows
