"""The learners behind a number: a funnel step (optionally only the stuck), a cohort cell or the
streaks at risk; each row says who, on which channel, where in the program and when last seen."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bot.errors import InvalidInput
from bot.insight.engagement import at_risk
from bot.insight.funnel import COHORT_WEEKS, OPEN
from bot.insight.localtime import midnight
from bot.insight.scope import Scope
from bot.insight.sql import select
from bot.metrics.programs import as_datetime
from models import ProgramEnrollment

MAX_ROWS = 500


class Behind(BaseModel):
    """Which number: `step` (with `stuck` days), `cohort` + `week`, or `at_risk`."""

    model_config = ConfigDict(extra="ignore")

    step: str | None = Field(default=None, max_length=128)
    stuck: int | None = Field(default=None, ge=0, le=365)
    cohort: date | None = None
    week: int | None = Field(default=None, ge=0, lt=COHORT_WEEKS)
    at_risk: bool = False
    streak: int | None = Field(default=None, ge=1)

    def describe(self) -> str:
        if self.step is not None:
            quiet = f", no activity for {self.stuck}+ days" if self.stuck else ""
            return f"Learners now on step {self.step}{quiet}"
        if self.cohort is not None:
            return f"Enrolled the week of {self.cohort}, active in week {self.week}"
        return "Learners whose streak ends unless they are active today"


def behind_from(query: Mapping[str, str]) -> Behind:
    """The drill-down parameters of a query string; bad ones are InvalidInput naming the field."""
    fields = {k: query[k] for k in Behind.model_fields if query.get(k) not in (None, "")}
    try:
        return Behind.model_validate(fields)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "query"
        raise InvalidInput(f"{where}: {first['msg']}") from None


@dataclass(frozen=True)
class LearnerRow:
    id: UUID
    name: str
    handle: str
    channel: str
    program: str
    step: str
    status: str
    last_active: datetime | None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "name": self.name,
            "handle": self.handle,
            "channel": self.channel,
            "program": self.program,
            "step": self.step,
            "status": self.status,
            "last_active": self.last_active.isoformat() if self.last_active else None,
        }


# what a row shows, read as plain values (building 500 model objects cost more than the query)
USER = ("user_id", "user__display_name", "user__external_id", "user__channel")
ENROLMENT = ("current_step", "status", "last_activity_at")


def row_of(user: Mapping[str, Any], enrolment: Mapping[str, Any] | None, code: str) -> LearnerRow:
    """A row from the values of USER (and `user__last_active_at`) and of ENROLMENT."""
    status = enrolment["status"] if enrolment else ""
    return LearnerRow(
        user["user_id"],
        user["user__display_name"],
        user["user__external_id"] or "",
        user["user__channel"],
        code if enrolment else "",
        (enrolment["current_step"] or "") if enrolment else "",
        str(getattr(status, "value", status)),
        enrolment["last_activity_at"] if enrolment else user["user__last_active_at"],
    )


def program_of(scope: Scope) -> Any:
    if scope.program is None:
        raise InvalidInput("pass program=CODE for a funnel step or a cohort")
    return scope.program


async def on_step(scope: Scope, behind: Behind) -> list[LearnerRow]:
    program = program_of(scope)
    query = ProgramEnrollment.for_creator(scope.creator_id).filter(
        program_id=program.id, status__in=OPEN, current_step=behind.step, user__is_test=False
    )
    stuck = behind.stuck if behind.stuck is not None else 0
    if stuck:
        query = query.filter(last_activity_at__lt=scope.now - timedelta(days=stuck))
    rows = await query.order_by("last_activity_at").limit(MAX_ROWS).values(*USER, *ENROLMENT)
    return [row_of(r, r, program.code) for r in rows]


async def in_cohort(scope: Scope, behind: Behind) -> list[LearnerRow]:
    program = program_of(scope)
    assert behind.cohort is not None
    local = scope.local()
    first = behind.cohort + timedelta(weeks=behind.week or 0)
    sql = (
        "SELECT e.id FROM program_enrollment e"
        " WHERE e.program_id = ? AND e.enrolled_at >= ? AND e.enrolled_at < ?"
        f" AND {local.week('e.enrolled_at')} = ?"
        " AND EXISTS (SELECT 1 FROM user_interaction i WHERE i.user_id = e.user_id"
        " AND i.interaction_type = 'message_received' AND i.created_at >= ?"
        " AND i.created_at < ? AND i.created_at >= e.enrolled_at)"
    )
    params = [program.id, scope.start, scope.end, behind.cohort, midnight(first, scope.tz)]
    params.append(midnight(first + timedelta(weeks=1), scope.tz))
    ids = [row[0] for row in await select(sql, params)]
    rows = await (
        ProgramEnrollment.for_creator(scope.creator_id)
        .filter(id__in=ids, user__is_test=False)
        .limit(MAX_ROWS)
        .values(*USER, *ENROLMENT)
    )
    return [row_of(r, r, program.code) for r in rows]


async def at_risk_users(scope: Scope, streak: int | None) -> list[dict[str, Any]]:
    """The USER values (and `user__last_active_at`) of learners at risk, at most MAX_ROWS."""
    where, params = at_risk(scope)
    if streak:
        where, params = f"{where} AND s.streak_days = ?", [*params, streak]
    sql = f"SELECT s.user_id, u.display_name, u.external_id, u.channel, u.last_active_at{where}"
    names = (*USER, "user__last_active_at")
    users = []
    for row in await select(f"{sql} LIMIT {MAX_ROWS}", params):
        user = dict(zip(names, row, strict=True))
        user["user_id"] = UUID(str(user["user_id"]))  # SQLite hands back text
        user["user__last_active_at"] = as_datetime(user["user__last_active_at"])
        users.append(user)
    return users


async def streaks_at_risk(scope: Scope, behind: Behind) -> list[LearnerRow]:
    users = await at_risk_users(scope, behind.streak)
    code = scope.program.code if scope.program else ""
    enrolled: dict[UUID, dict[str, Any]] = {}
    if scope.program is not None:
        found = (
            await ProgramEnrollment.for_creator(scope.creator_id)
            .filter(program_id=scope.program.id, user_id__in=[u["user_id"] for u in users])
            .values("user_id", *ENROLMENT)
        )
        enrolled = {e["user_id"]: e for e in found}
    return [row_of(u, enrolled.get(u["user_id"]), code) for u in users]


async def learners_behind(scope: Scope, behind: Behind) -> list[LearnerRow]:
    """The learners behind one number, at most MAX_ROWS of them."""
    if behind.step is not None:
        return await on_step(scope, behind)
    if behind.cohort is not None:
        return await in_cohort(scope, behind)
    if behind.at_risk:
        return await streaks_at_risk(scope, behind)
    raise InvalidInput("say which learners: step=ID, cohort=YYYY-MM-DD&week=N or at_risk=1")
