"""Leaderboards: a program's cohort ranked by points, this week or of all time.

Opt-in twice: the creator turns it on per program (`settings["leaderboard"]`), each learner
per bot (`/leaderboard on`, off by default) under the name they chose (`/name Ana`). Nobody
appears without both, and only chosen names are shown, never phone numbers or handles.
"This week" is the last seven days (rolling), so the board never empties on a Monday.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal
from uuid import UUID

from bot.errors import InvalidInput
from models import Achievement, EndUser, Program, ProgramEnrollment

Period = Literal["week", "all"]
TOP = 10
NAME_MAX = 32
NOT_A_NAME = re.compile(r"[@/<>]|https?:|\d{5,}")  # handles, links, markup, phone numbers


@dataclass(frozen=True)
class Entry:
    rank: int
    name: str
    points: int
    user_id: UUID


def is_enabled(program: Program) -> bool:
    return bool((program.settings or {}).get("leaderboard"))


async def set_enabled(program: Program, enabled: bool) -> None:
    program.settings = {**(program.settings or {}), "leaderboard": enabled}
    await Program.filter(id=program.id).update(settings=program.settings)


def public_name(user: EndUser) -> str:
    return str((user.preferences or {}).get("public_name") or "")


def opted_in(user: EndUser) -> bool:
    return bool((user.preferences or {}).get("leaderboard")) and bool(public_name(user))


def checked_name(name: str) -> str:
    """A name others may see: 1-32 characters, no handle, link or long digit run."""
    name = " ".join(name.split())
    if not name or len(name) > NAME_MAX or NOT_A_NAME.search(name):
        raise InvalidInput(f"a shown name has 1-{NAME_MAX} characters, no @, link or number")
    return name


async def set_preference(user: EndUser, **values: object) -> None:
    user.preferences = {**(user.preferences or {}), **values}
    await EndUser.filter(id=user.id).update(preferences=user.preferences)


async def standings(program: Program, period: Period, now: datetime) -> list[Entry]:
    """Every opted-in learner of the program's cohort, best first (ties share a rank)."""
    user_ids = (
        await ProgramEnrollment.for_creator(program.creator_id)
        .filter(program_id=program.id)
        .values_list("user_id", flat=True)
    )
    users = [u for u in await EndUser.filter(id__in=list(user_ids)) if opted_in(u)]
    points = await points_of(program, [u.id for u in users], period, now)
    rows = sorted(users, key=lambda u: (-points[u.id], public_name(u).casefold(), str(u.id)))
    entries: list[Entry] = []
    for index, user in enumerate(rows):
        tied = entries and entries[-1].points == points[user.id]
        rank = entries[-1].rank if tied else index + 1
        entries.append(Entry(rank, public_name(user), points[user.id], user.id))
    return entries


async def points_of(
    program: Program, user_ids: list[UUID], period: Period, now: datetime
) -> dict[UUID, int]:
    query = Achievement.filter(program_id=program.id, user_id__in=user_ids)
    if period == "week":
        query = query.filter(created_at__gte=now - timedelta(days=7))
    totals: dict[UUID, int] = defaultdict(int)
    for user_id, value in await query.values_list("user_id", "points"):
        totals[UUID(str(user_id))] += int(value)
    return totals


async def program_for(user: EndUser) -> Program | None:
    """The learner's most recently active program that has a leaderboard."""
    enrollments = (
        await ProgramEnrollment.for_creator(user.creator_id)
        .filter(user_id=user.id)
        .order_by("-last_activity_at")
        .prefetch_related("program")
    )
    return next((e.program for e in enrollments if is_enabled(e.program)), None)
