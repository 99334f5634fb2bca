"""Merging two learners of one bot into one, counting nothing twice.

`merge_learners(target, source)` moves everything of `source` to `target` and deletes
`source`: channel accounts, conversations (and the sender of their messages), the event log,
badges (one per badge), profile, and enrollments. Two enrollments in one program become one:
the more advanced survives (completed, then more steps done, then more recent activity), the
other's steps it lacks move into it and a step done on both sides counts once, with its points
(`Achievement` rows keyed per enrollment and step) kept once. The stats row is then rebuilt
from the merged rows: steps from step progress, points from achievements, the streak from the
union of active local days in the event log. Call it inside a transaction.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from tortoise.expressions import F

from bot import audit
from bot.insight.tallies import forget
from bot.learners import stats_row
from models import (
    Achievement,
    Badge,
    Certificate,
    ChannelAccount,
    Conversation,
    EndUser,
    EnrollmentStatus,
    LearnerStats,
    Message,
    Program,
    ProgramEnrollment,
    SenderType,
    StepProgress,
    UserBadge,
    UserInteraction,
    UserProfile,
)

RANK = {
    EnrollmentStatus.COMPLETED: 4,
    EnrollmentStatus.ACTIVE: 3,
    EnrollmentStatus.PAUSED: 2,
    EnrollmentStatus.STOPPED: 1,
    EnrollmentStatus.DROPPED: 0,
}


async def merge_learners(
    target: EndUser, source: EndUser, *, now: datetime, actor_type: str = "learner"
) -> LearnerStats:
    """Join `source` into `target` (same bot); returns the target's rebuilt stats row."""
    if target.id == source.id or target.bot_id != source.bot_id:
        raise ValueError("merge needs two different learners of one bot")
    since = await first_trace(source)
    moved = await ChannelAccount.filter(end_user_id=source.id).values_list("id", flat=True)
    await ChannelAccount.filter(end_user_id=source.id).update(end_user_id=target.id)
    await Conversation.filter(user_id=source.id).update(user_id=target.id)
    await Message.filter(sender_type=SenderType.USER, sender_id=source.id).update(
        sender_id=target.id
    )
    await UserInteraction.filter(user_id=source.id).update(user_id=target.id)
    await merge_badges(target, source)
    await merge_enrollments(target, source)
    await Achievement.filter(user_id=source.id).update(user_id=target.id)
    if await UserProfile.filter(user_id=target.id).exists():
        await UserProfile.filter(user_id=source.id).delete()
    else:
        await UserProfile.filter(user_id=source.id).update(user_id=target.id)
    await merge_preferences(target, source)
    await merge_certificates(target, source)
    await LearnerStats.filter(user_id__in=[target.id, source.id]).delete()
    await source.delete()
    await forget(target.creator_id, target.bot_id, since)  # stored analytics counted both
    await audit.record(
        target.creator_id,
        table="end_user",
        operation="merge",
        record_id=target.id,
        old={"learner": str(source.id)},
        new={"learner": str(target.id), "accounts": [str(a) for a in moved]},
        actor_type=actor_type,
    )
    return await stats_row(target, now=now, freezes_per_week=1)


async def merge_badges(target: EndUser, source: EndUser) -> None:
    owned = set(await UserBadge.filter(user_id=target.id).values_list("badge_id", flat=True))
    twice = await UserBadge.filter(user_id=source.id, badge_id__in=owned).values_list(
        "badge_id", flat=True
    )
    for badge_id in twice:  # awarded to one learner now
        await Badge.filter(id=badge_id).update(awarded_count=F("awarded_count") - 1)
    await UserBadge.filter(user_id=source.id, badge_id__in=owned).delete()
    await UserBadge.filter(user_id=source.id).update(user_id=target.id)


async def merge_certificates(target: EndUser, source: EndUser) -> None:
    """Certificates follow the learner; a program certified on both sides keeps the older."""
    mine = await Certificate.filter(user_id=target.id).values_list("program_id", flat=True)
    await Certificate.filter(user_id=source.id, program_id__in=mine).delete()
    await Certificate.filter(user_id=source.id).update(user_id=target.id)


async def merge_preferences(target: EndUser, source: EndUser) -> None:
    """The target's choices win; the source's fill what the target never chose."""
    merged: dict[str, Any] = {**(source.preferences or {}), **(target.preferences or {})}
    if merged != (target.preferences or {}):
        target.preferences = merged
        await EndUser.filter(id=target.id).update(preferences=merged)


async def merge_enrollments(target: EndUser, source: EndUser) -> None:
    mine = {e.program_id: e for e in await ProgramEnrollment.filter(user_id=target.id)}
    for theirs in await ProgramEnrollment.filter(user_id=source.id):
        ours = mine.get(theirs.program_id)
        if ours is None:
            await ProgramEnrollment.filter(id=theirs.id).update(user_id=target.id)
            continue
        survivor, other = await ranked(ours, theirs)
        await fold(survivor, other)
        if survivor.user_id != target.id:
            await ProgramEnrollment.filter(id=survivor.id).update(user_id=target.id)


async def first_trace(user: EndUser) -> datetime:
    """When the learner's earliest counted row (the learner, an event, an enrolment) was made."""
    event = await UserInteraction.filter(user_id=user.id).order_by("created_at").first()
    enrolment = await ProgramEnrollment.filter(user_id=user.id).order_by("enrolled_at").first()
    times = [user.created_at]
    times += [event.created_at] if event else []
    times += [enrolment.enrolled_at] if enrolment else []
    return min(times)


async def ranked(
    a: ProgramEnrollment, b: ProgramEnrollment
) -> tuple[ProgramEnrollment, ProgramEnrollment]:
    """(the more advanced enrollment, the other)."""

    async def key(e: ProgramEnrollment) -> tuple[int, int, datetime]:
        done = await StepProgress.filter(enrollment_id=e.id, completed_at__isnull=False).count()
        return RANK.get(e.status, 0), done, e.last_activity_at

    return (a, b) if await key(a) >= await key(b) else (b, a)


async def fold(survivor: ProgramEnrollment, other: ProgramEnrollment) -> None:
    """The other enrollment's steps the survivor lacks move in (with their points), the rest
    is dropped with the other enrollment; the survivor's points are recounted."""
    steps = StepProgress.filter(enrollment_id=survivor.id)
    kept = set(await steps.values_list("step_id", flat=True))
    for progress in await StepProgress.filter(enrollment_id=other.id).exclude(step_id__in=kept):
        await StepProgress.filter(id=progress.id).update(enrollment_id=survivor.id)
        await Achievement.filter(dedup_key=step_key(other, progress.step_id)).update(
            dedup_key=step_key(survivor, progress.step_id), user_id=survivor.user_id
        )
    await Achievement.filter(dedup_key__startswith=f"step:{other.id}:").delete()
    await other.delete()
    await Program.filter(id=survivor.program_id).update(enrollment_count=F("enrollment_count") - 1)
    points = await Achievement.filter(dedup_key__startswith=f"step:{survivor.id}:").values_list(
        "points", flat=True
    )
    total = sum(int(cast(int, p)) for p in points)
    await ProgramEnrollment.filter(id=survivor.id).update(points=total)


def step_key(enrollment: ProgramEnrollment, step_id: str) -> str:
    """The dedup key `bot.programs.journey.complete_step` gives a step's points."""
    return f"step:{enrollment.id}:{step_id}"
