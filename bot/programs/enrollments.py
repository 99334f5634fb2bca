"""A learner's enrollments in a bot's programs, each with its program and the progress on its
current step, read in one precompiled statement (no query builder, no second read per step).

A program step's turn needs all three: built through the query builder they cost two
statements (the enrollments with their programs, then the current step's progress) and more CPU
than the step's writes. Rows are hydrated with `Model._init_from_db`, as the ORM's own select
does (see `bot.sender`, the same technique for the sender's joined read).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from tortoise import connections
from tortoise.models import Model

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


def _columns(model: type[Model]) -> tuple[str, ...]:
    return tuple(model._meta.db_fields)


def _sql(postgres: bool, statuses: int) -> str:
    def mark(n: int) -> str:
        return f"${n}" if postgres else "?"

    selected = ", ".join(
        f'{alias}."{column}"' for model, alias in _PARTS for column in _columns(model)
    )
    among = ", ".join(mark(n) for n in range(4, 4 + statuses))
    return (
        f"SELECT {selected}"
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
    values = tuple(row)
    built: dict[str, Model | None] = {}
    start = 0
    for model, alias in _PARTS:
        columns = _columns(model)
        chunk = values[start : start + len(columns)]
        start += len(columns)
        is_row = alias != "sp" or any(v is not None for v in chunk)
        built[alias] = (
            model._init_from_db(**dict(zip(columns, chunk, strict=True))) if is_row else None
        )
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
    ids = [_id(v, postgres) for v in (user_id, bot_id, creator_id)]
    values = [*ids, *(str(status.value) for status in statuses)]
    _, rows = await db.execute_query(_statement(postgres, len(statuses)), values)
    return [_hydrate(row) for row in rows]


def _id(value: UUID | str, postgres: bool) -> UUID | str:
    """Ids as each driver takes them (SQLite stores text; asyncpg wants a uuid)."""
    return UUID(str(value)) if postgres else str(value)
