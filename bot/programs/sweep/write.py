"""Writing a batch's decisions: sends through the one outbound write path, then the ledger."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import datetime
from typing import Any
from uuid import uuid4

from tortoise import connections
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.expressions import F

from bot.delivery import OutboundMeta, OutboundRecord, write_outbound
from bot.delivery.bulk import Insert, Params, fetch
from bot.programs.journey import NUDGE
from bot.programs.sweep.batch import Batch, Due, Send
from bot.schedule import nudge_times
from models import (
    Conversation,
    ConversationStatus,
    Lane,
    ProgramEnrollment,
    ScheduledSend,
    SendStatus,
    StepProgress,
)

CONVERSATIONS = Insert(
    Conversation, ("id", "user_id", "channel", "message_count", "last_message_at")
)
PROGRESS = Insert(
    StepProgress,
    ("id", "enrollment_id", "step_id", "status", "delivered_at"),
    ignore_conflicts=True,
)
NUDGES = Insert(
    ScheduledSend,
    ("id", "enrollment_id", "step_id", "kind", "attempt", "due_at", "created_at"),
    ignore_conflicts=True,
)


async def write_sends(batch: Batch) -> None:
    """Messages, outbox rows, events (the write path a turn uses), then the program's own
    bookkeeping: a few bulk statements for the batch."""
    if not batch.sends:
        return
    db, now = connections.get("default"), batch.now
    existing = await already_enqueued(db, batch.sends)
    fresh = [s for s in batch.sends if s.row.key not in existing]
    conversations, created = await conversations_for(db, fresh, now)
    records = [record_of(s, conversations[s.learner.user_id, s.account.channel]) for s in fresh]
    await write_outbound(records, now=now, precounted=created)
    existing |= {s.row.key: s.row.id for s in fresh}
    for send in batch.sends:
        send.row.status, send.row.queued_at = SendStatus.QUEUED, now
        send.row.outbox_id = existing[send.row.key]
    await bookkeeping(db, batch)


def record_of(send: Send, conversation_id: str) -> OutboundRecord:
    row, step = send.row, send.step
    data: dict[str, Any] = (
        {"step": row.step_id, "attempt": row.attempt}
        if row.kind == NUDGE
        else {"step": step.id, "kind": step.kind, "via": "scheduled"}
    )
    return OutboundRecord(
        bot_id=send.learner.bot_id,
        user_id=send.learner.user_id,
        conversation_id=conversation_id,
        channel_account_id=send.account.id,
        channel=send.account.channel,
        meta=OutboundMeta(
            outbound=send.message,
            program=send.program.code,
            step=row.step_id,
            scheduled_send=row.id,
        ),
        idempotency_key=row.key,
        lane=Lane.SCHEDULED,
        event_kind="nudge_sent" if row.kind == NUDGE else "step_delivered",
        event_data=data,
        program_id=send.learner.program_id,
        outbox_id=row.id,  # one outbox row per ledger row: they share the id
    )


async def already_enqueued(db: BaseDBAsyncClient, sends: list[Send]) -> dict[str, str]:
    """Outbox rows a previous attempt already wrote for these ledger rows (never written twice)."""
    p = Params(db)
    keys = [s.row.key for s in sends]
    sql = f"SELECT idempotency_key, id FROM outbox_message WHERE idempotency_key {p.among(keys)}"
    return {str(key): str(row_id) for key, row_id in await fetch(db, sql, p)}


async def conversations_for(
    db: BaseDBAsyncClient, sends: list[Send], now: datetime
) -> tuple[dict[tuple[str, str], str], set[str]]:
    """Each learner's open conversation on the send's channel, and the ids of those created
    here (already counting this batch's messages: the writer counts only the others)."""
    if not sends:
        return {}, set()
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
    return found | missing, set(missing.values())


async def bookkeeping(db: BaseDBAsyncClient, batch: Batch) -> None:
    """Steps: progress, the nudge ladder, the enrollment's current_step_at."""
    now = batch.now
    steps = [s for s in batch.sends if s.row.kind != NUDGE]
    batch.counts.nudges += len(batch.sends) - len(steps)
    batch.counts.steps += len(steps)
    progress = [(str(uuid4()), s.learner.enrollment_id, s.step.id, "delivered", now) for s in steps]
    await PROGRESS.run(db, progress)
    await NUDGES.run(db, [n for s in steps for n in nudge_rows(s, now)])
    if steps:
        delivered = [s.learner.enrollment_id for s in steps]
        await ProgramEnrollment.filter(id__in=delivered).update(current_step_at=now)


def nudge_rows(send: Send, now: datetime) -> list[tuple[Any, ...]]:
    """The step's nudge ladder, as the runner writes it (see journey.delivery_rows)."""
    hours = [n.after_hours for n in send.step.nudges]
    times = nudge_times(now, hours, send.tz, send.quiet)
    return [
        (str(uuid4()), send.learner.enrollment_id, send.step.id, NUDGE, attempt, due, now)
        for attempt, due in enumerate(times, start=1)
    ]


async def settle(rows: Iterable[Due], now: datetime) -> None:
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
