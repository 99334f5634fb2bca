"""A learner's way through a program: deliver a step, complete it, advance, finish, events.

Shared by the chat runner (steps delivered inline, in the turn) and the scheduler (steps and
nudges from the ScheduledSend ledger). Row builders (`delivery_rows`, `event`) return unsaved
rows so the scheduler can insert a whole batch at once; the runner saves them one by one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F
from tortoise.transactions import in_transaction

from bot.i18n.catalogue import Texts
from bot.i18n.learner import known_language
from bot.live import parsed
from bot.messages import OutboundMessage
from bot.pipeline import TurnChanges
from bot.programs import render, service
from bot.programs.schema import ProgramDefinition, Step
from bot.programs.timing import quiet_hours_of, step_due
from bot.schedule import QuietHours, nudge_times, zone
from bot.transcript import event_record
from bot.webhooks.events import emit_interactions
from models import (
    Achievement,
    Bot,
    EndUser,
    EnrollmentStatus,
    Program,
    ProgramEnrollment,
    ProgramVersion,
    ScheduledSend,
    SendStatus,
    StepProgress,
    UserInteraction,
)

STEP, NUDGE = "step", "nudge"


@dataclass
class Place:
    """One enrollment with what every decision about it needs."""

    enrollment: ProgramEnrollment
    program: Program
    definition: ProgramDefinition
    user: EndUser
    channel: str
    tz: ZoneInfo
    quiet: QuietHours
    version: int = 0
    session_id: UUID | None = None
    events: list[UserInteraction] = field(default_factory=list)
    texts: Texts = field(default_factory=Texts)  # in the learner's language

    sink: list[UserInteraction] | None = None  # a turn's events: written with its replies
    changes: TurnChanges | None = None  # what the turn did, for learner stats and badges
    dirty: dict[str, Any] = field(default_factory=dict)  # enrollment columns not saved yet
    preloaded: tuple[str, StepProgress | None] | None = None  # (step id, its progress), read
    # with the enrollment; used once by `progress_of`
    points_added: int = 0

    def set(self, **values: Any) -> None:
        """Change enrollment columns; `flush()` writes them all in one UPDATE."""
        for name, value in values.items():
            setattr(self.enrollment, name, value)
        self.dirty |= values

    async def flush(self) -> None:
        values: dict[str, Any] = dict(self.dirty)
        if self.points_added:
            values["points"] = F("points") + self.points_added
        self.dirty, self.points_added = {}, 0
        if values:
            await ProgramEnrollment.filter(id=self.enrollment.id).update(**values)

    @property
    def has_nudges(self) -> bool:
        return any(step.nudges for step in self.definition.steps)

    @property
    def current(self) -> Step | None:
        step_id = self.enrollment.current_step
        return self.definition.step(step_id) if step_id else None

    def event(self, kind: str, data: dict[str, Any], now: datetime) -> UserInteraction:
        """An unsaved event row about this enrollment (also kept in `events`)."""
        row = UserInteraction(
            user_id=self.user.id,
            bot_id=self.user.bot_id,
            channel=self.channel,
            program_id=self.program.id,
            session_id=self.session_id,
            interaction_type=kind,
            interaction_data=data,
            created_at=now,
        )
        self.events.append(row)
        return row

    async def record(self, kind: str, data: dict[str, Any], now: datetime) -> None:
        await self.keep(self.event(kind, data, now))

    async def keep(self, row: UserInteraction) -> None:
        """Save an event row now, or hand it to the turn that writes its events in a batch."""
        if self.sink is not None:
            self.sink.append(row)
        else:
            await row.save()
            await emit_interactions([event_record(row)], now=row.created_at)


async def load_place(
    enrollment: ProgramEnrollment,
    user: EndUser,
    channel: str,
    *,
    bot: Bot | None = None,
    session_id: UUID | None = None,
) -> Place:
    loaded = enrollment.program  # a Program when selected with the enrollment, else a query
    program = loaded if isinstance(loaded, Program) else await Program.get(id=enrollment.program_id)
    number, definition = await published(enrollment.program_version_id)
    bot = bot or await Bot.get(id=user.bot_id)
    return Place(
        enrollment=enrollment,
        program=program,
        definition=definition,
        user=user,
        channel=channel,
        tz=zone(user.timezone),
        quiet=parsed("quiet_hours", bot, lambda b: quiet_hours_of(b.settings)),
        version=number,
        texts=Texts.for_bot(known_language(user), bot),
        session_id=session_id,
    )


_VERSIONS: dict[UUID, tuple[int, ProgramDefinition]] = {}
MAX_VERSIONS = 2000


async def published(version_id: UUID) -> tuple[int, ProgramDefinition]:
    """A published version's number and steps: immutable once published, so cached by id."""
    cached = _VERSIONS.get(version_id)
    if cached is None:
        version = await ProgramVersion.get(id=version_id)
        if len(_VERSIONS) >= MAX_VERSIONS:
            _VERSIONS.clear()
        cached = _VERSIONS[version_id] = (version.version, service.definition_of(version))
    return cached


# --- delivering a step ------------------------------------------------------------------------


@dataclass(frozen=True)
class DeliveryRows:
    progress: StepProgress
    event: UserInteraction
    nudges: list[ScheduledSend]


def delivery_rows(place: Place, step: Step, now: datetime, via: str) -> DeliveryRows:
    """The rows that say `step` was delivered now: progress, event, its nudge ladder."""
    enrollment = place.enrollment
    hours = [n.after_hours for n in step.nudges]
    nudges = [
        ScheduledSend(
            enrollment_id=enrollment.id,
            step_id=step.id,
            kind=NUDGE,
            attempt=attempt,
            due_at=due,
            created_at=now,
        )
        for attempt, due in enumerate(nudge_times(now, hours, place.tz, place.quiet), start=1)
    ]
    progress = StepProgress(
        enrollment_id=enrollment.id, step_id=step.id, status="delivered", delivered_at=now
    )
    event = place.event("step_delivered", {"step": step.id, "kind": step.kind, "via": via}, now)
    return DeliveryRows(progress, event, nudges)


async def deliver_inline(place: Place, step: Step, now: datetime) -> OutboundMessage:
    """Deliver `step` as a reply of the current turn; a pending ledger row for it is claimed."""
    enrollment = place.enrollment
    await ScheduledSend.filter(
        enrollment_id=enrollment.id, step_id=step.id, kind=STEP, status=SendStatus.PENDING
    ).update(status=SendStatus.QUEUED, queued_at=now, reason="delivered inline")
    rows = delivery_rows(place, step, now, "inline")
    existing = await StepProgress.get_or_none(enrollment_id=enrollment.id, step_id=step.id)
    if existing is None:
        await rows.progress.save()
    else:
        await StepProgress.filter(id=existing.id).update(delivered_at=now, status="delivered")
    await place.keep(rows.event)
    if rows.nudges:
        await ScheduledSend.bulk_create(rows.nudges, ignore_conflicts=True)
    place.set(current_step=step.id, current_step_at=now)
    return render.step_message(step)


async def deliver_next(place: Place, step: Step, now: datetime) -> OutboundMessage:
    """Deliver the step `advance` just reached: its ledger row (already queued: nobody else
    could have scheduled it) and nudges in one insert, its progress row in another."""
    rows = delivery_rows(place, step, now, "inline")
    ledger = ledger_row(place.enrollment, step.id, now, now)
    ledger.status, ledger.queued_at, ledger.reason = SendStatus.QUEUED, now, "delivered inline"
    await ScheduledSend.bulk_create([ledger, *rows.nudges], ignore_conflicts=True)
    await StepProgress.bulk_create([rows.progress], ignore_conflicts=True)
    await place.keep(rows.event)
    place.set(current_step=step.id, current_step_at=now)
    return render.step_message(step)


async def deliver_current(place: Place, now: datetime) -> list[OutboundMessage]:
    """Show the learner where they are: the step awaiting them, its arrival time, or deliver it
    now when it is due (or its ledger row was dropped while they were away)."""
    step = place.current
    if step is None:
        return []
    progress = await progress_of(place, step.id)
    if waiting(progress):
        return [render.step_message(step)]
    pending = await pending_step(place, step.id)
    if pending is not None and pending.due_at > now:
        return [arrival_message(place, step, pending.due_at)]
    return [await deliver_inline(place, step, now)]


async def pending_step(place: Place, step_id: str) -> ScheduledSend | None:
    return await ScheduledSend.get_or_none(
        enrollment_id=place.enrollment.id,
        step_id=step_id,
        kind=STEP,
        attempt=0,
        status=SendStatus.PENDING,
    )


def arrival_message(place: Place, step: Step, due: datetime) -> OutboundMessage:
    title = step.title or step.id
    when = render.local_label(due, place.tz)
    text = place.texts.get("next_up", title=title, when=when)
    return OutboundMessage(text=text, kind="system", language=place.texts.language)


async def progress_of(place: Place, step_id: str) -> StepProgress | None:
    """The enrollment's progress on a step: the one read with the enrollment, once, else a read."""
    preloaded, place.preloaded = place.preloaded, None
    if preloaded is not None and preloaded[0] == step_id:
        return preloaded[1]
    return await StepProgress.get_or_none(enrollment_id=place.enrollment.id, step_id=step_id)


def waiting(progress: StepProgress | None) -> bool:
    """Delivered and not yet completed: the learner's next message may answer it."""
    return progress is not None and progress.delivered_at is not None and not progress.completed_at


# --- completing and advancing -------------------------------------------------------------------


async def complete_step(
    place: Place,
    step: Step,
    progress: StepProgress,
    now: datetime,
    *,
    answer: str,
    points: int,
    correct: bool | None = None,
    score: float | None = None,
) -> None:
    """Mark the step done, store the answer, award its points once."""
    progress.status, progress.completed_at, progress.answer = "completed", now, answer
    progress.correct, progress.points = correct, points
    progress.score = Decimal(str(score)) if score is not None else None
    await progress.save()  # its nudges were cancelled when the learner wrote (`touch`)
    key = f"step:{place.enrollment.id}:{step.id}"
    if points and await award_points(place, points, key, now, {"step": step.id}):
        place.enrollment.points += points
        place.points_added += points
        if place.changes is not None:
            place.changes.points += points
    await place.record("step_completed", {"step": step.id, "kind": step.kind}, now)
    if place.changes is not None:
        place.changes.steps_completed += 1
        if correct is not None:
            place.changes.quiz_scores.append((score or 0.0, correct))


async def award_points(
    place: Place, points: int, dedup_key: str, now: datetime, data: dict[str, Any]
) -> bool:
    """One Achievement row per dedup_key: a second award of the same key counts nothing."""
    try:
        async with in_transaction():  # a savepoint: a duplicate must not abort the caller's
            await Achievement.create(
                user_id=place.user.id,
                achievement_type="program_step",
                achievement_data=data,
                points=points,
                dedup_key=dedup_key,
                program_id=place.program.id,
                created_at=now,
            )
    except IntegrityError:
        return False
    return True


async def advance(place: Place, done: Step, now: datetime) -> list[OutboundMessage]:
    """After `done`: deliver the next step now, put it in the ledger, or finish the program."""
    following = place.definition.after(done.id)
    if following is None:
        return [await finish(place, now)]
    enrollment = place.enrollment
    due = step_due(
        following,
        enrolled_at=enrollment.enrolled_at,
        previous_at=now,
        tz=place.tz,
        quiet=place.quiet,
    )
    if due <= now:
        return [await deliver_next(place, following, now)]
    place.set(current_step=following.id, current_step_at=None)
    await schedule_step(enrollment, following.id, due, now)
    return [arrival_message(place, following, due)]


async def schedule_step(
    enrollment: ProgramEnrollment, step_id: str, due: datetime, now: datetime
) -> None:
    """The step's ledger row (one per enrollment and step, whoever asks twice)."""
    await ScheduledSend.bulk_create(
        [ledger_row(enrollment, step_id, due, now)], ignore_conflicts=True
    )


def ledger_row(
    enrollment: ProgramEnrollment, step_id: str, due: datetime, now: datetime
) -> ScheduledSend:
    return ScheduledSend(
        enrollment_id=enrollment.id,
        step_id=step_id,
        kind=STEP,
        attempt=0,
        due_at=due,
        created_at=now,
    )


async def finish(place: Place, now: datetime) -> OutboundMessage:
    place.set(status=EnrollmentStatus.COMPLETED, completed_at=now)
    await cancel_pending(place.enrollment, now, reason="program completed")
    await place.record("program_completed", {"code": place.program.code}, now)
    if place.changes is not None:
        place.changes.completed_programs.append(place.program.code)
    text = place.texts.get("program_completed", title=place.definition.title)
    return OutboundMessage(text=text, kind="system", language=place.texts.language)


async def cancel_pending(
    enrollment: ProgramEnrollment, now: datetime, *, reason: str, kind: str | None = None
) -> int:
    """Cancel what the ledger still holds for this enrollment (all, or one kind)."""
    query = ScheduledSend.filter(enrollment_id=enrollment.id, status=SendStatus.PENDING)
    if kind is not None:
        query = query.filter(kind=kind)
    return await query.update(status=SendStatus.CANCELLED, reason=reason[:255])


async def touch(place: Place, now: datetime) -> None:
    """The learner wrote: activity is recorded and the nudge ladder stops (a program without
    nudges has none to stop)."""
    place.set(last_activity_at=now)
    if place.has_nudges:
        await cancel_pending(place.enrollment, now, kind=NUDGE, reason="learner replied")


async def resume(place: Place, now: datetime) -> None:
    """Active again; reminders that came due during the pause are dropped, not sent late."""
    await service.resume(place.enrollment, now=now)
    await cancel_pending(place.enrollment, now, kind=NUDGE, reason="resumed after pause")
    await place.record("program_resumed", {"code": place.program.code}, now)
