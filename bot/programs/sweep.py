"""One batch of due ledger rows turned into outbound messages, with bulk writes.

For each due `ScheduledSend` row the batch decides: send it (an outbound Message in the
learner's conversation plus an outbox row keyed `sched:{id}`, the ledger row marked queued),
defer it (quiet hours: due again at the next allowed minute), skip it (the learner already
moved on) or cancel it (stopped enrollment, blocked account). The caller runs a batch inside
one transaction, so a crash leaves every row of it pending and the next sweep redoes it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID, uuid4

from tortoise.expressions import F

from bot.messages import OutboundMessage
from bot.programs import render, service
from bot.programs.journey import NUDGE, Place, delivery_rows
from bot.programs.schema import ProgramDefinition
from bot.programs.timing import quiet_hours_of
from bot.schedule import outside_quiet_hours, zone
from models import (
    Bot,
    ChannelAccount,
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


@dataclass
class Send:
    row: ScheduledSend
    place: Place
    account: ChannelAccount
    outbound: OutboundMessage


@dataclass
class Batch:
    """What one batch loaded about its rows, then what it decided for each."""

    now: datetime
    enrollments: dict[UUID, ProgramEnrollment]
    definitions: dict[UUID, ProgramDefinition]
    bots: dict[UUID, Bot]
    accounts: dict[UUID, ChannelAccount]
    progress: dict[tuple[UUID, str], StepProgress]
    versions: dict[UUID, int]
    sends: list[Send] = field(default_factory=list)
    counts: Counts = field(default_factory=Counts)


async def due_rows(now: datetime, limit: int, *, lock_rows: bool) -> list[ScheduledSend]:
    query = (
        ScheduledSend.filter(
            status=SendStatus.PENDING, due_at__lte=now, enrollment__status__in=SWEPT_STATUSES
        )
        .order_by("due_at")
        .limit(limit)
    )
    if lock_rows:  # PostgreSQL: a second sweeper skips rows this one holds
        query = query.select_for_update(skip_locked=True, of=("scheduled_send",))
    return list(await query)


async def run_batch(rows: list[ScheduledSend], now: datetime) -> Counts:
    """Decide and write everything for these rows (call inside a transaction)."""
    batch = await load(rows, now)
    for row in rows:
        decide(batch, row)
    await write_sends(batch)
    await settle(rows, batch.now)
    return batch.counts


async def settle(rows: list[ScheduledSend], now: datetime) -> None:
    """Write the decisions back: a few grouped UPDATEs instead of one per row."""
    groups: dict[tuple[Any, ...], list[UUID]] = {}
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


async def load(rows: list[ScheduledSend], now: datetime) -> Batch:
    ids = {r.enrollment_id for r in rows}
    enrollments = {
        e.id: e for e in await ProgramEnrollment.filter(id__in=ids).select_related("user")
    }
    # programs and versions once per batch, not joined per row: their JSON is large
    programs = {
        p.id: p for p in await Program.filter(id__in={e.program_id for e in enrollments.values()})
    }
    for enrollment in enrollments.values():
        enrollment.program = programs[enrollment.program_id]
    versions = await ProgramVersion.filter(
        id__in={e.program_version_id for e in enrollments.values()}
    )
    bots = await Bot.filter(id__in={p.bot_id for p in programs.values()})
    user_ids = {e.user_id for e in enrollments.values()}
    progress = await StepProgress.filter(
        enrollment_id__in=ids, step_id__in={r.step_id for r in rows}
    )
    return Batch(
        now=now,
        enrollments=enrollments,
        definitions={v.id: service.definition_of(v) for v in versions},
        versions={v.id: v.version for v in versions},
        bots={b.id: b for b in bots},
        accounts=reachable(await ChannelAccount.filter(end_user_id__in=user_ids)),
        progress={(p.enrollment_id, p.step_id): p for p in progress},
    )


def reachable(accounts: list[ChannelAccount]) -> dict[UUID, ChannelAccount]:
    """Per user, the unblocked account they wrote from most recently."""
    best: dict[UUID, ChannelAccount] = {}
    for account in accounts:
        if account.blocked:
            continue
        current = best.get(account.end_user_id)
        if current is None or _last(account) > _last(current):
            best[account.end_user_id] = account
    return best


def _last(account: ChannelAccount) -> datetime:
    return account.last_inbound_at or account.created_at


def decide(batch: Batch, row: ScheduledSend) -> None:
    enrollment = batch.enrollments[row.enrollment_id]
    account = batch.accounts.get(enrollment.user_id)
    if enrollment.status != EnrollmentStatus.ACTIVE:
        return close(batch, row, SendStatus.CANCELLED, f"enrollment {enrollment.status.value}")
    if account is None:
        return close(batch, row, SendStatus.CANCELLED, "no reachable channel account (blocked)")
    place = place_of(batch, enrollment, account)
    outbound, reason = message_for(batch, place, row)
    if outbound is None:
        return close(batch, row, SendStatus.SKIPPED, reason)
    local = batch.now.astimezone(place.tz).time().replace(second=0, microsecond=0)
    if place.quiet.contains(local):
        row.due_at = outside_quiet_hours(batch.now, place.tz, place.quiet)
        batch.counts.deferred += 1
        return None
    batch.sends.append(Send(row, place, account, outbound))
    return None


def close(batch: Batch, row: ScheduledSend, status: SendStatus, reason: str) -> None:
    row.status, row.reason = status, reason[:255]
    if status == SendStatus.CANCELLED:
        batch.counts.cancelled += 1
    else:
        batch.counts.skipped += 1


def place_of(batch: Batch, enrollment: ProgramEnrollment, account: ChannelAccount) -> Place:
    bot = batch.bots[enrollment.program.bot_id]
    return Place(
        enrollment=enrollment,
        program=enrollment.program,
        definition=batch.definitions[enrollment.program_version_id],
        user=enrollment.user,
        channel=str(account.channel),
        tz=zone(enrollment.user.timezone),
        quiet=quiet_hours_of(bot.settings),
        version=batch.versions[enrollment.program_version_id],
    )


def message_for(
    batch: Batch, place: Place, row: ScheduledSend
) -> tuple[OutboundMessage | None, str]:
    """The message a row sends, or None and why it no longer should."""
    step = place.definition.step(row.step_id)
    if step is None:
        return None, "step not in the enrollment's program version"
    progress = batch.progress.get((place.enrollment.id, row.step_id))
    if place.enrollment.current_step != row.step_id:
        return None, "learner has moved past this step"
    if row.kind != NUDGE:
        if progress is not None and progress.delivered_at is not None:
            return None, "step already delivered"
        return render.step_message(step), ""
    if progress is None or progress.delivered_at is None or progress.completed_at is not None:
        return None, "step not waiting for the learner"
    if place.enrollment.last_activity_at > progress.delivered_at:
        return None, "learner replied"
    if not 1 <= row.attempt <= len(step.nudges):
        return None, "no such nudge"
    return render.nudge_message(step.nudges[row.attempt - 1]), ""


async def write_sends(batch: Batch) -> None:
    """Messages, outbox rows, delivery bookkeeping: a few bulk statements for the batch."""
    if not batch.sends:
        return
    now = batch.now
    existing = await already_enqueued(batch.sends)
    fresh = [s for s in batch.sends if f"sched:{s.row.id}" not in existing]
    conversations = await conversations_for(fresh, now)
    messages, outbox = [], []
    for send in fresh:
        message = message_row(send, conversations[send.place.user.id, send.place.channel], now)
        messages.append(message)
        outbox.append(outbox_row(send, message.id, now))
    await Message.bulk_create(messages)
    await OutboxMessage.bulk_create(outbox)
    existing |= {o.idempotency_key: o.id for o in outbox}
    for send in batch.sends:
        send.row.status, send.row.queued_at = SendStatus.QUEUED, now
        send.row.outbox_id = existing[f"sched:{send.row.id}"]
    await bookkeeping(batch, batch.sends)
    await count_messages([conversations[s.place.user.id, s.place.channel] for s in fresh], now)


async def already_enqueued(sends: list[Send]) -> dict[str, UUID]:
    """Outbox rows a previous attempt already wrote for these ledger rows (never written twice)."""
    keys = [f"sched:{s.row.id}" for s in sends]
    found = await OutboxMessage.filter(idempotency_key__in=keys).values_list(
        "idempotency_key", "id"
    )
    return {str(key): row_id for key, row_id in found}


async def conversations_for(sends: list[Send], now: datetime) -> dict[tuple[UUID, str], UUID]:
    """Each learner's open conversation on the send's channel, created where missing."""
    users = {s.place.user.id for s in sends}
    rows = (
        await Conversation.filter(user_id__in=users, status=ConversationStatus.ACTIVE)
        .order_by("created_at")
        .values_list("user_id", "channel", "id")
    )
    found = {(user, channel): row_id for user, channel, row_id in rows}  # the newest wins
    missing = {(s.place.user.id, s.place.channel) for s in sends} - found.keys()
    created = [Conversation(id=uuid4(), user_id=u, channel=ch) for u, ch in sorted(missing)]
    await Conversation.bulk_create(created)
    return found | {(c.user_id, c.channel): c.id for c in created}


def message_row(send: Send, conversation_id: UUID, now: datetime) -> Message:
    outbound = send.outbound
    metadata: dict[str, Any] = {
        "outbound": outbound.to_json(),
        "program": send.place.program.code,
        "step": send.row.step_id,
        "scheduled_send": str(send.row.id),
    }
    return Message(
        id=uuid4(),
        conversation_id=conversation_id,
        bot_id=send.place.user.bot_id,
        channel=send.place.channel,
        direction=Direction.OUTBOUND,
        sender_type=SenderType.AI,
        content=outbound.text,
        message_type=outbound.kind,
        metadata=metadata,
        delivery_status=DeliveryStatus.QUEUED,
        created_at=now,
    )


def outbox_row(send: Send, message_id: UUID, now: datetime) -> OutboxMessage:
    payload = send.outbound.to_json()
    return OutboxMessage(
        id=send.row.id,  # one outbox row per ledger row: they share the id
        bot_id=send.place.user.bot_id,
        channel_account_id=send.account.id,
        message_id=message_id,
        channel=send.place.channel,
        idempotency_key=f"sched:{send.row.id}",
        payload=payload,
        template=payload["template"],
        status=OutboxStatus.PENDING,
        next_attempt_at=now,
    )


async def bookkeeping(batch: Batch, sends: list[Send]) -> None:
    """Steps: progress, step_delivered, the nudge ladder. Nudges: nudge_sent."""
    now, progress, events, nudges, delivered = batch.now, [], [], [], []
    for send in sends:
        row, place = send.row, send.place
        if row.kind == NUDGE:
            data = {"step": row.step_id, "attempt": row.attempt}
            events.append(place.event("nudge_sent", data, now))
            batch.counts.nudges += 1
            continue
        step = place.definition.step(row.step_id)
        assert step is not None  # checked by message_for
        rows = delivery_rows(place, step, now, "scheduled")
        progress.append(rows.progress)
        events.append(rows.event)
        nudges.extend(rows.nudges)
        delivered.append(place.enrollment.id)
        batch.counts.steps += 1
    await StepProgress.bulk_create(progress, ignore_conflicts=True)
    await UserInteraction.bulk_create(events)
    await ScheduledSend.bulk_create(nudges, ignore_conflicts=True)
    if delivered:
        await ProgramEnrollment.filter(id__in=delivered).update(current_step_at=now)


async def count_messages(conversation_ids: list[UUID], now: datetime) -> None:
    by_count: dict[int, list[UUID]] = {}
    for conversation_id, count in Counter(conversation_ids).items():
        by_count.setdefault(count, []).append(conversation_id)
    for count, ids in by_count.items():
        await Conversation.filter(id__in=ids).update(
            message_count=F("message_count") + count, last_message_at=now
        )
