"""A learner's enrollments in a bot's programs, each with its program and the progress on its
current step, read in one precompiled statement (no query builder, no second read per step).

A program step's turn needs all three: built through the query builder they cost two
statements (the enrollments with their programs, then the current step's progress) and more CPU
than the step's writes. Written and hydrated as `bot.joined` does it (like the sender's read,
`bot.sender`).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from tortoise import connections
from tortoise.models import Model

from bot.joined import driver_id, hydrate, selected
from models import EnrollmentStatus, Program, ProgramEnrollment, StepProgress


@dataclass(frozen=True, slots=True)
class Enrolled:
    """An enrollment (its `program` loaded) and its progress on `current_step` (None: none)."""

    enrollment: ProgramEnrollment
    current_progress: StepProgress | None


_PARTS: tuple[tuple[type[Model], str], ...] = (
    (ProgramEnrollment, "e"),
    (Program, "p"),
    (StepProgress, "sp"),
)


def _sql(postgres: bool, statuses: int) -> str:
    def mark(n: int) -> str:
        return f"${n}" if postgres else "?"

    among = ", ".join(mark(n) for n in range(4, 4 + statuses))
    return (
        f"SELECT {selected(_PARTS)}"
        f' FROM "{ProgramEnrollment._meta.db_table}" e'
        f' JOIN "{Program._meta.db_table}" p ON p.id = e.program_id'
        f' LEFT JOIN "{StepProgress._meta.db_table}" sp'
        "  ON sp.enrollment_id = e.id AND sp.step_id = e.current_step"
        f" WHERE e.user_id = {mark(1)} AND p.bot_id = {mark(2)} AND p.creator_id = {mark(3)}"
        f" AND e.status IN ({among})"
        " ORDER BY e.enrolled_at DESC"
    )


_STATEMENTS: dict[tuple[bool, int], str] = {}


def _statement(postgres: bool, statuses: int) -> str:
    key = (postgres, statuses)
    if key not in _STATEMENTS:
        _STATEMENTS[key] = _sql(postgres, statuses)
    return _STATEMENTS[key]


def _hydrate(row: Any) -> Enrolled:
    built = hydrate(tuple(row), _PARTS, required="e")
    enrollment, progress = built["e"], built["sp"]
    assert isinstance(enrollment, ProgramEnrollment)
    object.__setattr__(enrollment, "_program", built["p"])
    return Enrolled(enrollment, progress if isinstance(progress, StepProgress) else None)


async def enrolled(
    *,
    creator_id: UUID,
    bot_id: UUID,
    user_id: UUID,
    statuses: Collection[EnrollmentStatus],
) -> list[Enrolled]:
    """The user's enrollments in `bot_id`'s programs (scoped to its creator), newest first."""
    db = connections.get("default")
    postgres = db.capabilities.dialect == "postgres"
    ids = [driver_id(v, postgres) for v in (user_id, bot_id, creator_id)]
    values = [*ids, *(str(status.value) for status in statuses)]
    _, rows = await db.execute_query(_statement(postgres, len(statuses)), values)
    return [_hydrate(row) for row in rows]
