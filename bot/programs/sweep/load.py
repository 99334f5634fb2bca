"""Taking due ledger rows and loading what deciding about them needs: one query per table."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any

from tortoise import connections
from tortoise.backends.base.client import BaseDBAsyncClient

from bot import routing, window
from bot.delivery.bulk import Params, fetch, maybe_moment, moment, text_id
from bot.programs import service
from bot.programs.schema import ProgramDefinition
from bot.programs.sweep.batch import (
    SWEPT_STATUSES,
    Account,
    Batch,
    Due,
    Learner,
    ProgramInfo,
)
from bot.programs.timing import quiet_hours_of
from bot.schedule import QuietHours
from models import Bot, Program, ProgramVersion, SendStatus


async def due_rows(now: datetime, limit: int, *, lock_rows: bool) -> list[Due]:
    db = connections.get("default")
    p = Params(db)
    sql = (
        "SELECT s.id, s.enrollment_id, s.step_id, s.kind, s.attempt, s.due_at, s.status,"
        " s.reason, s.outbox_id, s.queued_at"
        " FROM scheduled_send s JOIN program_enrollment e ON e.id = s.enrollment_id"
        f" WHERE s.status = {p(SendStatus.PENDING.value)} AND s.due_at <= {p(now)}"
        f" AND e.status {p.among([s.value for s in SWEPT_STATUSES])}"
        f" ORDER BY s.due_at LIMIT {p(limit)}"
    )
    if lock_rows:  # PostgreSQL: a second sweeper skips rows this one holds
        sql += " FOR UPDATE OF s SKIP LOCKED"
    return [due_of(*row) for row in await fetch(db, sql, p)]


def due_of(*values: Any) -> Due:
    row_id, enrollment_id, step_id, kind, attempt, due_at, status, reason, outbox, queued = values
    return Due(
        id=str(row_id),
        enrollment_id=str(enrollment_id),
        step_id=step_id,
        kind=kind,
        attempt=attempt,
        due_at=moment(due_at),
        status=status,
        reason=reason,
        outbox_id=text_id(outbox),
        queued_at=maybe_moment(queued),
    )


async def load(rows: list[Due], now: datetime) -> Batch:
    db = connections.get("default")
    learners = await learners_of(db, {r.enrollment_id for r in rows})
    programs = await programs_of({x.program_id for x in learners.values()})
    return Batch(
        now=now,
        learners=learners,
        programs=programs,
        definitions=await definitions_of({x.version_id for x in learners.values()}),
        quiet=await quiet_hours_by_bot({p.bot_id for p in programs.values()}),
        accounts=reachable(await accounts_of(db, {x.user_id for x in learners.values()}, now)),
        progress=await progress_of(db, {r.enrollment_id for r in rows}, {r.step_id for r in rows}),
        handed_over=await handed_over(db, {x.user_id for x in learners.values()}, now),
    )


async def learners_of(db: BaseDBAsyncClient, ids: Collection[str]) -> dict[str, Learner]:
    p = Params(db)
    sql = (
        "SELECT e.id, e.status, e.program_id, e.program_version_id, e.current_step,"
        " e.last_activity_at, e.user_id, u.bot_id, u.timezone"
        f" FROM program_enrollment e JOIN end_user u ON u.id = e.user_id WHERE e.id {p.among(ids)}"
    )
    learners = [learner_of(*row) for row in await fetch(db, sql, p)]
    return {x.enrollment_id: x for x in learners}


def learner_of(*values: Any) -> Learner:
    enrollment_id, status, program_id, version_id, current, active, user, bot, tz = values
    return Learner(
        enrollment_id=str(enrollment_id),
        status=status,
        program_id=str(program_id),
        version_id=str(version_id),
        current_step=current,
        last_activity_at=moment(active),
        user_id=str(user),
        bot_id=str(bot),
        timezone=tz,
    )


async def programs_of(ids: Collection[str]) -> dict[str, ProgramInfo]:
    # programs and versions once per batch, not joined per row: their JSON is large
    rows = await Program.filter(id__in=ids).values_list("id", "code", "bot_id")
    return {str(i): ProgramInfo(code, str(bot)) for i, code, bot in rows}


async def definitions_of(ids: Collection[str]) -> dict[str, ProgramDefinition]:
    return {str(v.id): service.definition_of(v) for v in await ProgramVersion.filter(id__in=ids)}


async def quiet_hours_by_bot(ids: Collection[str]) -> dict[str, QuietHours]:
    rows = await Bot.filter(id__in=ids).values_list("id", "settings")
    return {str(i): quiet_hours_of(settings) for i, settings in rows}


async def accounts_of(
    db: BaseDBAsyncClient, user_ids: Collection[str], now: datetime
) -> list[Account]:
    p = Params(db)
    sql = (
        "SELECT a.id, a.end_user_id, a.channel, a.blocked, a.last_inbound_at, a.created_at,"
        " a.window_closed_at, u.preferences"
        " FROM channel_account a JOIN end_user u ON u.id = a.end_user_id"
        f" WHERE a.end_user_id {p.among(user_ids)}"
    )
    return [account_of(now, *row) for row in await fetch(db, sql, p)]


def account_of(now: datetime, *values: Any) -> Account:
    account_id, user, channel, blocked, inbound, created, closed, preferences = values
    last_inbound = maybe_moment(inbound)
    return Account(
        str(account_id),
        str(user),
        channel,
        bool(blocked),
        moment(inbound or created),
        open=not routing.has_window(channel)
        or window.is_open(
            last_inbound_at=last_inbound, window_closed_at=maybe_moment(closed), now=now
        ),
        chosen=routing.chosen_channel(preferences) == channel,
    )


def reachable(accounts: list[Account]) -> dict[str, Account]:
    """Per user, the account program sends go to (`bot.routing.preferred`)."""
    by_user: dict[str, list[Account]] = {}
    for account in accounts:
        by_user.setdefault(account.user_id, []).append(account)
    picked = {user: routing.preferred(mine) for user, mine in by_user.items()}
    return {user: account for user, account in picked.items() if account is not None}


async def progress_of(
    db: BaseDBAsyncClient, enrollment_ids: Collection[str], step_ids: Collection[str]
) -> dict[tuple[str, str], tuple[datetime | None, datetime | None]]:
    p = Params(db)
    sql = (
        "SELECT enrollment_id, step_id, delivered_at, completed_at FROM step_progress"
        f" WHERE enrollment_id {p.among(enrollment_ids)} AND step_id {p.among(step_ids)}"
    )
    return {
        (str(enrollment), step): (maybe_moment(delivered), maybe_moment(completed))
        for enrollment, step, delivered, completed in await fetch(db, sql, p)
    }


async def handed_over(
    db: BaseDBAsyncClient, user_ids: Collection[str], now: datetime
) -> frozenset[str]:
    """Users with a conversation taken over by a creator or an open request for a human."""
    if not user_ids:
        return frozenset()
    p = Params(db)
    sql = (
        f"SELECT DISTINCT user_id FROM conversation WHERE user_id {p.among(user_ids)}"
        f" AND (taken_over_at IS NOT NULL OR (escalated_to_human AND handoff_until > {p(now)}))"
    )
    return frozenset(str(row[0]) for row in await fetch(db, sql, p))
