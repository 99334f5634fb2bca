"""One batch of due ledger rows turned into outbound messages, with raw bulk statements.

For each due `ScheduledSend` row the batch decides: send it (an outbound Message in the
learner's conversation plus an outbox row keyed `sched:{id}`, the ledger row marked queued),
defer it (quiet hours: due again at the next allowed minute), skip it (the learner already
moved on) or cancel it (stopped enrollment, blocked account). The caller runs a batch inside
one transaction, so a crash leaves every row of it pending and the next sweep redoes it.

Speed: a sweep may face 100k due rows, so the per-row tables are read with one raw SELECT per
table per batch and written with one raw bulk INSERT per table per batch; no ORM object is
built per row (bench/scheduler.py measures it). `Insert` fills the columns a batch does not
give from the model's own field defaults and encoders, so a row written here reads back
through the ORM exactly as a `bulk_create` row would. Ids travel as text (what SQLite stores;
asyncpg encodes it to uuid).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, cast
from uuid import uuid4
from zoneinfo import ZoneInfo

from tortoise import connections, timezone
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.expressions import F
from tortoise.fields import Field
from tortoise.models import Model

from bot.messages import OutboundMessage
from bot.programs import render, service
from bot.programs.journey import NUDGE
from bot.programs.schema import ProgramDefinition, Step
from bot.programs.timing import quiet_hours_of
from bot.schedule import QuietHours, nudge_times, outside_quiet_hours, zone
from models import (
    Bot,
    Conversation,
    ConversationStatus,
    DeliveryStatus,
    Direction,
    EnrollmentStatus,
    Message,
    OutboxMessage,
    OutboxStatus,
    Program,
    ProgramEnrollment,
    ProgramVersion,
    ScheduledSend,
    SenderType,
    SendStatus,
    StepProgress,
    UserInteraction,
)

SWEPT_STATUSES = [s for s in EnrollmentStatus if s != EnrollmentStatus.PAUSED]
"""Paused enrollments keep their rows pending until they resume."""


@dataclass
class Counts:
    steps: int = 0
    nudges: int = 0
    deferred: int = 0
    skipped: int = 0
    cancelled: int = 0


@dataclass(slots=True)
class Due:
    """A due ledger row as the sweep reads and settles it."""

    id: str
    enrollment_id: str
    step_id: str
    kind: str
    attempt: int
    due_at: datetime
    status: str
    reason: str
    outbox_id: str | None
    queued_at: datetime | None

    @property
    def key(self) -> str:
        """The outbox idempotency key of this ledger row."""
        return f"sched:{self.id}"


@dataclass(frozen=True, slots=True)
class Learner:
    """An enrollment with what sending to its user needs."""

    enrollment_id: str
    status: str
    program_id: str
    version_id: str
    current_step: str | None
    last_activity_at: datetime
    user_id: str
    bot_id: str  # the user's bot: messages, outbox rows and events carry it
    timezone: str


@dataclass(frozen=True, slots=True)
class Account:
    id: str
    user_id: str
    channel: str
    blocked: bool
    last_seen: datetime  # the last inbound message, else when the account was created


@dataclass(frozen=True, slots=True)
class ProgramInfo:
    code: str
    bot_id: str  # whose settings hold the quiet hours


@dataclass(frozen=True, slots=True)
class Rendered:
    """A message and its JSON, built once per batch for each (version, step, kind, attempt)."""

    outbound: OutboundMessage
    payload: dict[str, Any]
    payload_db: str
    template_db: str | None


@dataclass(slots=True)
class Send:
    row: Due
    learner: Learner
    program: ProgramInfo
    account: Account
    step: Step
    message: Rendered
    tz: ZoneInfo
    quiet: QuietHours


@dataclass
class Batch:
    """What one batch loaded about its rows, then what it decided for each."""

    now: datetime
    learners: dict[str, Learner]
    programs: dict[str, ProgramInfo]
    definitions: dict[str, ProgramDefinition]
    quiet: dict[str, QuietHours]  # by bot id
    accounts: dict[str, Account]  # by user id: the reachable one
    progress: dict[tuple[str, str], tuple[datetime | None, datetime | None]]  # delivered, done
    rendered: dict[tuple[str, str, str, int], Rendered] = field(default_factory=dict)
    sends: list[Send] = field(default_factory=list)
    counts: Counts = field(default_factory=Counts)


# --- raw SQL, portable across SQLite and PostgreSQL ---------------------------------------------


class Params:
    """The placeholders (`?` or `$n`) and values of one raw statement."""

    def __init__(self, db: BaseDBAsyncClient) -> None:
        self.postgres = db.capabilities.dialect == "postgres"
        self.values: list[Any] = []

    def __call__(self, value: Any) -> str:
        self.values.append(value)
        return f"${len(self.values)}" if self.postgres else "?"

    def among(self, values: Collection[Any]) -> str:
        """The right-hand side of `column IN values`."""
        if self.postgres:
            return f"= ANY({self(list(values))})"
        return "IN (" + ",".join(self(v) for v in values) + ")"


async def fetch(db: BaseDBAsyncClient, sql: str, params: Params) -> list[Sequence[Any]]:
    _, rows = await db.execute_query(sql, params.values)
    return cast(list[Sequence[Any]], list(rows))  # sqlite3.Row / asyncpg Record: by position


def moment(value: datetime | str) -> datetime:
    """A stored timestamp as the ORM reads it: tz-aware UTC (SQLite hands back text)."""
    parsed = datetime.fromisoformat(value) if isinstance(value, str) else value
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def maybe_moment(value: datetime | str | None) -> datetime | None:
    return None if value is None else moment(value)


def text_id(value: Any) -> str | None:
    return None if value is None else str(value)


def db_value(model: type[Model], name: str, value: Any) -> Any:
    """`value` as the ORM would write it to the column of `model.name` (JSON encoded, ...)."""
    return model._meta.fields_map[name].to_db_value(value, model)


@dataclass(frozen=True)
class Insert:
    """A raw bulk INSERT into one model's table: each row gives `columns` (by field name, in
    order); every other column gets the model's default, exactly as `bulk_create` writes it.

    SQLite: one `executemany`. PostgreSQL: one INSERT over `unnest` of a typed array per
    column (one statement for the batch, not one per row as `executemany` runs).
    """

    model: type[Model]
    columns: tuple[str, ...]
    ignore_conflicts: bool = False

    async def run(self, db: BaseDBAsyncClient, rows: Sequence[tuple[Any, ...]]) -> None:
        if not rows:
            return
        defaults = self.defaults()
        if db.capabilities.dialect == "postgres":
            arrays = [list(column) for column in zip(*rows, strict=True)]
            await db.execute_query(self.unnest_sql(defaults), [*arrays, *defaults.values()])
        else:
            tail = list(defaults.values())
            await db.execute_many(self.values_sql(defaults), [[*row, *tail] for row in rows])

    def defaults(self) -> dict[str, Any]:
        """Field name -> database value for every field the rows do not give."""
        meta, now = self.model._meta, timezone.localtime()  # what auto_now(_add) fields get
        return {
            name: default_of(self.model, meta.fields_map[name], now)
            for name in meta.fields_db_projection
            if name not in self.columns
        }

    def values_sql(self, defaults: dict[str, Any]) -> str:
        marks = ", ".join("?" for _ in range(len(self.columns) + len(defaults)))
        return f"{self.into(defaults)} VALUES ({marks}){self.conflict}"

    def unnest_sql(self, defaults: dict[str, Any]) -> str:
        given = len(self.columns)
        arrays = ", ".join(f"${n}::{self.pg_type(c)}[]" for n, c in enumerate(self.columns, 1))
        fixed = "".join(f", ${n}::{self.pg_type(c)}" for n, c in enumerate(defaults, given + 1))
        return f"{self.into(defaults)} SELECT u.*{fixed} FROM unnest({arrays}) AS u{self.conflict}"

    def into(self, defaults: dict[str, Any]) -> str:
        projection = self.model._meta.fields_db_projection
        names = ", ".join(f'"{projection[n]}"' for n in (*self.columns, *defaults))
        return f'INSERT INTO "{self.model._meta.db_table}" ({names})'

    @property
    def conflict(self) -> str:
        return " ON CONFLICT DO NOTHING" if self.ignore_conflicts else ""

    def pg_type(self, name: str) -> str:
        return str(self.model._meta.fields_map[name].get_for_dialect("postgres", "SQL_TYPE"))


def default_of(model: type[Model], column: Field[Any], now: datetime) -> Any:
    if column.pk:
        raise ValueError(f"{model.__name__}: every row must give its primary key")
    if getattr(column, "auto_now", False) or getattr(column, "auto_now_add", False):
        return column.to_db_value(now, model)
    value = column.default() if callable(column.default) else column.default
    return column.to_db_value(value, model)


CONVERSATIONS = Insert(
    Conversation, ("id", "user_id", "channel", "message_count", "last_message_at")
)
MESSAGES = Insert(
    Message,
    (
        "id",
        "conversation_id",
        "bot_id",
        "channel",
        "direction",
        "sender_type",
        "content",
        "message_type",
        "metadata",
        "delivery_status",
        "created_at",
    ),
)
OUTBOX = Insert(
    OutboxMessage,
    (
        "id",
        "bot_id",
        "channel_account_id",
        "message_id",
        "channel",
        "idempotency_key",
        "payload",
        "template",
        "status",
        "next_attempt_at",
    ),
)
PROGRESS = Insert(
    StepProgress,
    ("id", "enrollment_id", "step_id", "status", "delivered_at"),
    ignore_conflicts=True,
)
EVENTS = Insert(
    UserInteraction,
    (
        "id",
        "user_id",
        "bot_id",
        "channel",
        "program_id",
        "interaction_type",
        "interaction_data",
        "created_at",
    ),
)
NUDGES = Insert(
    ScheduledSend,
    ("id", "enrollment_id", "step_id", "kind", "attempt", "due_at", "created_at"),
    ignore_conflicts=True,
)


# --- taking and settling ledger rows ----------------------------------------------------------


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


async def run_batch(rows: list[Due], now: datetime) -> Counts:
    """Decide and write everything for these rows (call inside a transaction)."""
    await plan_each_statement(connections.get("default"))
    batch = await load(rows, now)
    for row in rows:
        decide(batch, row)
    await write_sends(batch)
    await settle(rows, batch.now)
    return batch.counts


async def plan_each_statement(db: BaseDBAsyncClient) -> None:
    """PostgreSQL: plan the batch's statements for their actual arrays and table sizes.

    asyncpg prepares each statement once per connection, and PostgreSQL then settles on a
    generic plan chosen while the tables were small (a sequential scan of `conversation` or
    `step_progress`), which a sweep that grows them by 500 rows a batch keeps reusing.
    """
    if db.capabilities.dialect == "postgres":
        await db.execute_script("SET LOCAL plan_cache_mode = force_custom_plan")


async def settle(rows: list[Due], now: datetime) -> None:
    """Write the decisions back: a few grouped UPDATEs instead of one per row."""
    groups: dict[tuple[Any, ...], list[str]] = {}
    for row in rows:
        if row.status == SendStatus.QUEUED and row.outbox_id == row.id:
            key: tuple[Any, ...] = ("queued",)
        elif row.status == SendStatus.PENDING:
            key = ("deferred", row.due_at)
        else:
            key = ("closed", row.status, row.reason, row.outbox_id, row.queued_at)
        groups.setdefault(key, []).append(row.id)
    for key, ids in groups.items():
        query = ScheduledSend.filter(id__in=ids)
        if key[0] == "queued":  # the outbox row shares the ledger row's id
            await query.update(status=SendStatus.QUEUED, queued_at=now, outbox_id=F("id"))
        elif key[0] == "deferred":
            await query.update(due_at=key[1])
        else:
            await query.update(status=key[1], reason=key[2], outbox_id=key[3], queued_at=key[4])


# --- loading what the decisions need: one query per table per batch ----------------------------


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
        accounts=reachable(await accounts_of(db, {x.user_id for x in learners.values()})),
        progress=await progress_of(db, {r.enrollment_id for r in rows}, {r.step_id for r in rows}),
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


async def accounts_of(db: BaseDBAsyncClient, user_ids: Collection[str]) -> list[Account]:
    p = Params(db)
    sql = (
        "SELECT id, end_user_id, channel, blocked, last_inbound_at, created_at"
        f" FROM channel_account WHERE end_user_id {p.among(user_ids)}"
    )
    return [
        Account(str(i), str(user), channel, bool(blocked), moment(inbound or created))
        for i, user, channel, blocked, inbound, created in await fetch(db, sql, p)
    ]


def reachable(accounts: list[Account]) -> dict[str, Account]:
    """Per user, the unblocked account they wrote from most recently."""
    best: dict[str, Account] = {}
    for account in accounts:
        if account.blocked:
            continue
        current = best.get(account.user_id)
        if current is None or account.last_seen > current.last_seen:
            best[account.user_id] = account
    return best


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


# --- deciding, row by row, in memory ------------------------------------------------------------


def decide(batch: Batch, row: Due) -> None:
    learner = batch.learners[row.enrollment_id]
    account = batch.accounts.get(learner.user_id)
    if learner.status != EnrollmentStatus.ACTIVE:
        return close(batch, row, SendStatus.CANCELLED, f"enrollment {learner.status}")
    if account is None:
        return close(batch, row, SendStatus.CANCELLED, "no reachable channel account (blocked)")
    program = batch.programs[learner.program_id]
    tz, quiet = zone(learner.timezone), batch.quiet[program.bot_id]
    step, reason = step_to_send(batch, learner, row)
    if step is None:
        return close(batch, row, SendStatus.SKIPPED, reason)
    message = rendered(batch, learner, step, row)
    local = batch.now.astimezone(tz).time().replace(second=0, microsecond=0)
    if quiet.contains(local):
        row.due_at = outside_quiet_hours(batch.now, tz, quiet)
        batch.counts.deferred += 1
        return None
    batch.sends.append(Send(row, learner, program, account, step, message, tz, quiet))
    return None


def close(batch: Batch, row: Due, status: SendStatus, reason: str) -> None:
    row.status, row.reason = status, reason[:255]
    if status == SendStatus.CANCELLED:
        batch.counts.cancelled += 1
    else:
        batch.counts.skipped += 1


def step_to_send(batch: Batch, learner: Learner, row: Due) -> tuple[Step | None, str]:
    """The step a row sends (or nudges about), or None and why it no longer should."""
    step = batch.definitions[learner.version_id].step(row.step_id)
    if step is None:
        return None, "step not in the enrollment's program version"
    delivered, completed = batch.progress.get((learner.enrollment_id, row.step_id), (None, None))
    if learner.current_step != row.step_id:
        return None, "learner has moved past this step"
    if row.kind != NUDGE:
        if delivered is not None:
            return None, "step already delivered"
        return step, ""
    if delivered is None or completed is not None:
        return None, "step not waiting for the learner"
    if learner.last_activity_at > delivered:
        return None, "learner replied"
    if not 1 <= row.attempt <= len(step.nudges):
        return None, "no such nudge"
    return step, ""


def rendered(batch: Batch, learner: Learner, step: Step, row: Due) -> Rendered:
    key = (learner.version_id, step.id, row.kind, row.attempt)
    if key not in batch.rendered:
        outbound = (
            render.nudge_message(step.nudges[row.attempt - 1])
            if row.kind == NUDGE
            else render.step_message(step)
        )
        payload = outbound.to_json()
        batch.rendered[key] = Rendered(
            outbound=outbound,
            payload=payload,
            payload_db=db_value(OutboxMessage, "payload", payload),
            template_db=db_value(OutboxMessage, "template", payload["template"]),
        )
    return batch.rendered[key]


# --- writing the sends: one INSERT per table per batch ------------------------------------------


async def write_sends(batch: Batch) -> None:
    """Messages, outbox rows, delivery bookkeeping: a few bulk statements for the batch."""
    if not batch.sends:
        return
    db, now = connections.get("default"), batch.now
    existing = await already_enqueued(db, batch.sends)
    fresh = [s for s in batch.sends if s.row.key not in existing]
    conversations = await conversations_for(db, fresh, now)
    message_ids = [str(uuid4()) for _ in fresh]
    await MESSAGES.run(
        db,
        [
            message_row(s, conversations[s.learner.user_id, s.account.channel], m, now)
            for s, m in zip(fresh, message_ids, strict=True)
        ],
    )
    await OUTBOX.run(db, [outbox_row(s, m, now) for s, m in zip(fresh, message_ids, strict=True)])
    existing |= {s.row.key: s.row.id for s in fresh}
    for send in batch.sends:
        send.row.status, send.row.queued_at = SendStatus.QUEUED, now
        send.row.outbox_id = existing[send.row.key]
    await bookkeeping(db, batch)


async def already_enqueued(db: BaseDBAsyncClient, sends: list[Send]) -> dict[str, str]:
    """Outbox rows a previous attempt already wrote for these ledger rows (never written twice)."""
    p = Params(db)
    keys = [s.row.key for s in sends]
    sql = f"SELECT idempotency_key, id FROM outbox_message WHERE idempotency_key {p.among(keys)}"
    return {str(key): str(row_id) for key, row_id in await fetch(db, sql, p)}


async def conversations_for(
    db: BaseDBAsyncClient, sends: list[Send], now: datetime
) -> dict[tuple[str, str], str]:
    """Each learner's open conversation on the send's channel (created where missing), with its
    message count and last message time moved on by this batch's messages."""
    if not sends:
        return {}
    p = Params(db)
    sql = (
        "SELECT user_id, channel, id FROM conversation"
        f" WHERE user_id {p.among({s.learner.user_id for s in sends})}"
        f" AND status = {p(ConversationStatus.ACTIVE.value)} ORDER BY created_at"
    )
    rows = await fetch(db, sql, p)
    found = {(str(user), channel): str(i) for user, channel, i in rows}  # the newest wins
    added = Counter((s.learner.user_id, s.account.channel) for s in sends)
    missing = {pair: str(uuid4()) for pair in sorted(added.keys() - found.keys())}
    await CONVERSATIONS.run(db, [(i, u, ch, added[u, ch], now) for (u, ch), i in missing.items()])
    await count_messages({found[pair]: n for pair, n in added.items() if pair in found}, now)
    return found | missing


async def count_messages(added: dict[str, int], now: datetime) -> None:
    by_count: dict[int, list[str]] = {}
    for conversation_id, count in added.items():
        by_count.setdefault(count, []).append(conversation_id)
    for count, ids in by_count.items():
        await Conversation.filter(id__in=ids).update(
            message_count=F("message_count") + count, last_message_at=now
        )


def message_row(
    send: Send, conversation_id: str, message_id: str, now: datetime
) -> tuple[Any, ...]:
    outbound = send.message.outbound
    metadata = {
        "outbound": send.message.payload,
        "program": send.program.code,
        "step": send.row.step_id,
        "scheduled_send": send.row.id,
    }
    return (
        message_id,
        conversation_id,
        send.learner.bot_id,
        send.account.channel,
        Direction.OUTBOUND.value,
        SenderType.AI.value,
        outbound.text,
        outbound.kind,
        db_value(Message, "metadata", metadata),
        DeliveryStatus.QUEUED.value,
        now,
    )


def outbox_row(send: Send, message_id: str, now: datetime) -> tuple[Any, ...]:
    return (
        send.row.id,  # one outbox row per ledger row: they share the id
        send.learner.bot_id,
        send.account.id,
        message_id,
        send.account.channel,
        send.row.key,
        send.message.payload_db,
        send.message.template_db,
        OutboxStatus.PENDING.value,
        now,
    )


async def bookkeeping(db: BaseDBAsyncClient, batch: Batch) -> None:
    """Steps: progress, step_delivered, the nudge ladder. Nudges: nudge_sent."""
    now = batch.now
    progress: list[tuple[Any, ...]] = []
    events: list[tuple[Any, ...]] = []
    nudges: list[tuple[Any, ...]] = []
    delivered: list[str] = []
    for send in batch.sends:
        row, step, enrollment_id = send.row, send.step, send.learner.enrollment_id
        if row.kind == NUDGE:
            data: dict[str, Any] = {"step": row.step_id, "attempt": row.attempt}
            events.append(event_row(send, "nudge_sent", data, now))
            batch.counts.nudges += 1
            continue
        progress.append((str(uuid4()), enrollment_id, step.id, "delivered", now))
        data = {"step": step.id, "kind": step.kind, "via": "scheduled"}
        events.append(event_row(send, "step_delivered", data, now))
        nudges.extend(nudge_rows(send, now))
        delivered.append(enrollment_id)
        batch.counts.steps += 1
    await PROGRESS.run(db, progress)
    await EVENTS.run(db, events)
    await NUDGES.run(db, nudges)
    if delivered:
        await ProgramEnrollment.filter(id__in=delivered).update(current_step_at=now)


def event_row(send: Send, kind: str, data: dict[str, Any], now: datetime) -> tuple[Any, ...]:
    return (
        str(uuid4()),
        send.learner.user_id,
        send.learner.bot_id,
        send.account.channel,
        send.learner.program_id,
        kind,
        db_value(UserInteraction, "interaction_data", data),
        now,
    )


def nudge_rows(send: Send, now: datetime) -> list[tuple[Any, ...]]:
    """The step's nudge ladder, as the runner writes it (see journey.delivery_rows)."""
    hours = [n.after_hours for n in send.step.nudges]
    times = nudge_times(now, hours, send.tz, send.quiet)
    return [
        (str(uuid4()), send.learner.enrollment_id, send.step.id, NUDGE, attempt, due, now)
        for attempt, due in enumerate(times, start=1)
    ]
