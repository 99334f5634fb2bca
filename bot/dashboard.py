"""The studio home's figures for one workspace, each aggregated in SQL over indexed columns."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from tortoise.expressions import Subquery
from tortoise.functions import Count
from tortoise.queryset import QuerySet

from bot import budget
from models import (
    Bot,
    BotStatus,
    Channel,
    Conversation,
    Document,
    EndUser,
    Message,
    OutboxMessage,
    OutboxStatus,
    ProcessingStatus,
)

PROBLEMS_SHOWN = 5


@dataclass(frozen=True)
class BotRow:
    slug: str
    name: str
    status: str
    learners_this_week: int
    messages_today: int


@dataclass(frozen=True)
class Problem:
    """Something broken, said in words; `kind` tells the studio which page fixes it."""

    kind: str  # "document", "channel", "outbox" or "budget"
    text: str


@dataclass(frozen=True)
class Summary:
    bots: list[BotRow]
    learners_this_week: int
    messages_today: int
    problems: list[Problem] = field(default_factory=list)


def start_of_day(now: datetime, tz: ZoneInfo) -> datetime:
    return datetime.combine(now.astimezone(tz).date(), time(), tzinfo=tz)


async def _per_bot(query: QuerySet[Any]) -> dict[UUID, int]:
    # count(bot_id), not count(id): the (bot_id, time) indexes then answer without table reads.
    rows = await query.annotate(n=Count("bot_id")).group_by("bot_id").values_list("bot_id", "n")
    return {UUID(str(bot_id)): int(n) for bot_id, n in rows}


async def summary(creator_id: UUID, *, now: datetime, time_zone: str = "UTC") -> Summary:
    bots = (
        await Bot.for_creator(creator_id)
        .exclude(status=BotStatus.DELETED)
        .order_by("name")
        .values_list("id", "slug", "name", "status")
    )
    ids = [b[0] for b in bots]
    if not ids:
        return Summary([], 0, 0, await _problems(creator_id, ids, now=now))
    week_ago = now - timedelta(days=7)
    # test learners (the studio's "Try the bot") are left out of every figure
    learners = await _per_bot(
        EndUser.filter(bot_id__in=ids, last_active_at__gte=week_ago, is_test=False)
    )
    today = start_of_day(now, ZoneInfo(time_zone))
    tests = Conversation.filter(is_test=True, user__bot_id__in=ids).values("id")
    todays = Message.filter(bot_id__in=ids, created_at__gte=today).exclude(
        conversation_id__in=Subquery(tests)
    )
    messages = await _per_bot(todays)
    rows = [
        BotRow(str(slug), str(name), str(status), learners.get(i, 0), messages.get(i, 0))
        for i, slug, name, status in bots
    ]
    problems = await _problems(creator_id, ids, now=now)
    return Summary(rows, sum(learners.values()), sum(messages.values()), problems)


async def _problems(creator_id: UUID, bot_ids: list[UUID], *, now: datetime) -> list[Problem]:
    return [
        *await _failed_documents(creator_id),
        *await _disconnected_channels(creator_id),
        *await _outbox_failures(bot_ids, since=now - timedelta(days=7)),
        *await _budget_warning(creator_id, now),
    ]


async def _budget_warning(creator_id: UUID, now: datetime) -> list[Problem]:
    warning = (await budget.usage_summary(creator_id, now.date()))["warning"]
    return [Problem("budget", warning)] if warning else []


async def _failed_documents(creator_id: UUID) -> list[Problem]:
    failed = Document.for_creator(creator_id).filter(
        processing_status=ProcessingStatus.FAILED, status="active"
    )
    shown = (
        await failed.order_by("-created_at")
        .limit(PROBLEMS_SHOWN)
        .values_list("title", "processing_error")
    )
    problems = [
        Problem("document", f"“{title}” could not be read: {error or 'no reason given'}")
        for title, error in shown
    ]
    hidden = await failed.count() - len(shown) if len(shown) == PROBLEMS_SHOWN else 0
    if hidden > 0:
        problems.append(Problem("document", f"{hidden} more document(s) failed"))
    return problems


async def _disconnected_channels(creator_id: UUID) -> list[Problem]:
    rows = (
        await Channel.for_creator(creator_id)
        .exclude(status="active")
        .limit(PROBLEMS_SHOWN)
        .values_list("bot__name", "channel_type", "status")
    )
    return [Problem("channel", f"{kind} for {name} is {status}") for name, kind, status in rows]


async def _outbox_failures(bot_ids: list[UUID], *, since: datetime) -> list[Problem]:
    if not bot_ids:
        return []
    rows = (
        await OutboxMessage.filter(
            bot_id__in=bot_ids, status=OutboxStatus.FAILED, updated_at__gte=since
        )
        .annotate(n=Count("id"))
        .group_by("bot__name", "channel")
        .values_list("bot__name", "channel", "n")
    )
    return [
        Problem("outbox", f"{n} message(s) from {name} on {channel} could not be sent this week")
        for name, channel, n in rows
    ]
