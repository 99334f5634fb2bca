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
from bot.messages import OutboundMessage
from bot.programs import render, service
from bot.programs.schema import ProgramDefinition, Step
from bot.programs.timing import quiet_hours_of, step_due
from bot.schedule import QuietHours, nudge_times, zone
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
        await self.event(kind, data, now).save()


async def load_place(
    enrollment: ProgramEnrollment,
    user: EndUser,
    channel: str,
    *,
    bot: Bot | None = None,
    session_id: UUID | None = None,
) -> Place:
    program = await Program.get(id=enrollment.program_id)
    version = await ProgramVersion.get(id=enrollment.program_version_id)
    bot = bot or await Bot.get(id=user.bot_id)
    return Place(
        enrollment=enrollment,
        program=program,
        definition=service.definition_of(version),
        user=user,
        channel=channel,
        tz=zone(user.timezone),
        quiet=quiet_hours_of(bot.settings),
        version=version.version,
        texts=Texts.for_bot(known_language(user), bot),
        session_id=session_id,
    )


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
    await rows.event.save()
    await ScheduledSend.bulk_create(rows.nudges, ignore_conflicts=True)
    enrollment.current_step, enrollment.current_step_at = step.id, now
    await enrollment.save(update_fields=["current_step", "current_step_at"])
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
    await progress.save()
    await cancel_pending(place.enrollment, now, kind=NUDGE, reason="step completed")
    key = f"step:{place.enrollment.id}:{step.id}"
    if points and await award_points(place, points, key, now, {"step": step.id}):
        place.enrollment.points += points
        await ProgramEnrollment.filter(id=place.enrollment.id).update(points=F("points") + points)
    await place.record("step_completed", {"step": step.id, "kind": step.kind}, now)


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
    enrollment.current_step, enrollment.current_step_at = following.id, None
    await enrollment.save(update_fields=["current_step", "current_step_at"])
    await schedule_step(enrollment, following.id, due, now)
    if due <= now:
        return [await deliver_inline(place, following, now)]
    return [arrival_message(place, following, due)]


async def schedule_step(
    enrollment: ProgramEnrollment, step_id: str, due: datetime, now: datetime
) -> None:
    """The step's ledger row (one per enrollment and step, whoever asks twice)."""
    await ScheduledSend.bulk_create(
        [
            ScheduledSend(
                enrollment_id=enrollment.id,
                step_id=step_id,
                kind=STEP,
                attempt=0,
                due_at=due,
                created_at=now,
            )
        ],
        ignore_conflicts=True,
    )


async def finish(place: Place, now: datetime) -> OutboundMessage:
    enrollment = place.enrollment
    enrollment.status, enrollment.completed_at = EnrollmentStatus.COMPLETED, now
    await enrollment.save(update_fields=["status", "completed_at"])
    await cancel_pending(enrollment, now, reason="program completed")
    await place.record("program_completed", {"code": place.program.code}, now)
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
    """The learner wrote: activity is recorded and the nudge ladder stops."""
    place.enrollment.last_activity_at = now
    await place.enrollment.save(update_fields=["last_activity_at"])
    await cancel_pending(place.enrollment, now, kind=NUDGE, reason="learner replied")


async def resume(place: Place, now: datetime) -> None:
    """Active again; reminders that came due during the pause are dropped, not sent late."""
    await service.resume(place.enrollment, now=now)
    await cancel_pending(place.enrollment, now, kind=NUDGE, reason="resumed after pause")
    await place.record("program_resumed", {"code": place.program.code}, now)
