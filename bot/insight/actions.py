"""Acting on learners picked from a number: pause, resume or stop their program enrolment, or
send each a message through `bot.outreach` (the outbox). One outcome per learner, never all or
nothing: a learner whose enrolment cannot be paused is reported with the reason."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from bot.errors import Conflict, InvalidInput, NotFound
from bot.outreach import send_to_learner
from bot.programs import journey, service
from models import EndUser, Program, ProgramEnrollment

MAX_BULK = 500
Action = Literal["pause", "resume", "stop", "message"]


class BulkIn(BaseModel):
    """`learners`: end user ids; `program`: the code whose enrolment to pause/resume/stop."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    action: Action
    learners: list[UUID] = Field(min_length=1, max_length=MAX_BULK)
    program: str | None = Field(default=None, max_length=64)
    text: str | None = Field(default=None, max_length=4000)


@dataclass(frozen=True)
class Outcome:
    learner: UUID
    status: str  # "paused", "resumed", "stopped", "queued", "blocked", "skipped"
    reason: str | None = None

    def to_json(self) -> dict[str, str | None]:
        return {"learner": str(self.learner), "status": self.status, "reason": self.reason}


async def enrolment(creator_id: UUID, program: Program, user_id: UUID) -> ProgramEnrollment:
    found = await (
        ProgramEnrollment.for_creator(creator_id)
        .filter(program_id=program.id, user_id=user_id)
        .select_related("user")
        .first()
    )
    if found is None:
        raise NotFound("not enrolled in this program")
    return found


async def change(enrollment: ProgramEnrollment, action: Action, now: datetime) -> str:
    if action == "pause":
        await service.pause(enrollment, now=now)
        return "paused"
    if action == "stop":
        await service.stop(enrollment, now=now)
        return "stopped"
    user = enrollment.user
    await journey.resume(await journey.load_place(enrollment, user, user.channel), now)
    return "resumed"


async def program_action(
    creator_id: UUID, program: Program, user_id: UUID, action: Action, now: datetime
) -> Outcome:
    try:
        enrollment = await enrolment(creator_id, program, user_id)
        return Outcome(user_id, await change(enrollment, action, now))
    except (Conflict, NotFound) as exc:
        return Outcome(user_id, "skipped", str(exc))


async def message(
    creator_id: UUID, user_id: UUID, text: str, actor: UUID | None, now: datetime
) -> Outcome:
    try:
        sent = await send_to_learner(creator_id, user_id, text, actor_user_id=actor, now=now)
    except NotFound as exc:
        return Outcome(user_id, "skipped", str(exc))
    return Outcome(user_id, sent.status, sent.reason)


async def check_learners(creator_id: UUID, ids: list[UUID]) -> None:
    """Every id must be one of the creator's learners (another tenant's is a 404, as a whole)."""
    found = await EndUser.for_creator(creator_id).filter(id__in=ids).count()
    if found != len(set(ids)):
        raise NotFound("no such learner")


async def bulk(
    creator_id: UUID, body: BulkIn, *, actor: UUID | None, now: datetime, program: Program | None
) -> list[Outcome]:
    """Apply one action to each learner; outcomes in the order given."""
    await check_learners(creator_id, body.learners)
    if body.action == "message":
        if not body.text:
            raise InvalidInput("text: write a message")
        return [await message(creator_id, u, body.text, actor, now) for u in body.learners]
    if program is None:
        raise InvalidInput("program: say which program's enrolment to change")
    return [await program_action(creator_id, program, u, body.action, now) for u in body.learners]
