"""Program lifecycle: import, export, publish, enroll, pause/resume/stop — scoped to a creator.

A program's `flow_definition` is the editable draft; `publish` freezes it as a new
`ProgramVersion`. An enrollment points at the version it started on, so editing and
republishing never changes the steps of anyone already enrolled.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F
from tortoise.functions import Count
from tortoise.transactions import in_transaction

from bot import audit
from bot.badges import criteria_json
from bot.errors import Conflict, NotFound
from bot.live import forget_badges
from bot.media.store import media_id, owned
from bot.programs.loader import Format, dump_text
from bot.programs.schema import (
    BadgeDefinition,
    ProgramDefinition,
    ProgramInvalid,
    Step,
    validate_definition,
)
from bot.programs.timing import quiet_hours_of, step_due
from bot.schedule import zone
from bot.webhooks.events import emit
from models import (
    Badge,
    Bot,
    EndUser,
    EnrollmentStatus,
    KnowledgeBase,
    Program,
    ProgramEnrollment,
    ProgramStatus,
    ProgramVersion,
    ScheduledSend,
)

ENDED = (EnrollmentStatus.STOPPED, EnrollmentStatus.DROPPED)


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)


async def import_program(bot: Bot, definition: ProgramDefinition) -> Program:
    """Create or update the draft of `definition.code` on `bot`, and upsert its badges."""
    creator = bot.creator_id
    knowledge = await _knowledge_base(creator, definition.knowledge)
    await _own_media(creator, definition)
    fields: dict[str, Any] = {
        "name": definition.title,
        "description": definition.description,
        "flow_definition": definition.to_data(),
        "knowledge_base": knowledge,
    }
    code = definition.code
    async with in_transaction():
        program = await Program.for_creator(creator).get_or_none(bot_id=bot.id, code=code)
        if program is None:
            program = await Program.create(creator_id=creator, bot=bot, code=code, **fields)
        else:
            await program.update_from_dict(fields).save()
        for badge in definition.badges:
            await _upsert_badge(bot, badge)
    return program


async def _own_media(creator: UUID, definition: ProgramDefinition) -> None:
    """Steps may send only the creator's own uploaded files."""
    for step in definition.steps:
        for media in [*([step.media] if step.media else []), *step.attachments]:
            if media_id(media.url) is not None and not await owned(creator, media.url):
                raise ProgramInvalid(f"steps[{step.id}].media: no uploaded file {media.url}")


async def _knowledge_base(creator: UUID, name: str | None) -> KnowledgeBase | None:
    if name is None:
        return None
    kb = await KnowledgeBase.for_creator(creator).get_or_none(name=name)
    if kb is None:
        raise ProgramInvalid(f"knowledge: no knowledge base named {name!r} for this creator")
    return kb


async def _upsert_badge(bot: Bot, badge: BadgeDefinition) -> Badge:
    """Badge codes are unique per creator: a later import of the same code redefines it."""
    fields: dict[str, Any] = {
        "bot": bot,
        "name": badge.name,
        "description": badge.description,
        "criteria": criteria_json(badge.criteria),
        "is_active": True,
    }
    forget_badges()
    row = await Badge.for_creator(bot.creator_id).get_or_none(code=badge.code)
    if row is None:
        return await Badge.create(creator_id=bot.creator_id, code=badge.code, **fields)
    await row.update_from_dict(fields).save()
    return row


async def get_program(bot: Bot, code: str) -> Program:
    program = await Program.for_creator(bot.creator_id).get_or_none(bot_id=bot.id, code=code)
    if program is None:
        raise NotFound(f"no program {code!r} on bot {bot.slug!r}")
    return program


async def list_programs(bot: Bot) -> list[Program]:
    return await Program.for_creator(bot.creator_id).filter(bot_id=bot.id).order_by("code")


def draft_of(program: Program) -> ProgramDefinition:
    return validate_definition(program.flow_definition)


async def export_program(bot: Bot, code: str, fmt: Format = "yaml") -> str:
    """The draft as YAML or JSON text; importing it again changes nothing."""
    return dump_text(draft_of(await get_program(bot, code)), fmt)


async def publish_program(bot: Bot, code: str, *, now: datetime | None = None) -> ProgramVersion:
    """Freeze the draft as version N+1; existing enrollments keep the version they are on."""
    async with in_transaction():
        program = await get_program(bot, code)
        definition = draft_of(program).to_data()
        program.version += 1
        program.status = ProgramStatus.PUBLISHED
        program.published_at = _now(now)
        await program.save(update_fields=["version", "status", "published_at", "updated_at"])
        try:
            version = await ProgramVersion.create(
                program=program, version=program.version, definition=definition
            )
        except IntegrityError:
            raise Conflict(f"program {code!r} was published concurrently; try again") from None
        await audit.record(
            bot.creator_id,
            table="program",
            operation="publish",
            record_id=program.id,
            new={"code": code, "version": version.version},
        )
        return version


def definition_of(version: ProgramVersion) -> ProgramDefinition:
    """The frozen steps of a published version."""
    return validate_definition(version.definition)


async def enroll(
    user: EndUser, code: str, *, source: str = "", now: datetime | None = None
) -> ProgramEnrollment:
    """Enroll a user in the latest published version; enrolling twice returns the same row.

    A stopped or dropped enrollment is reactivated where it left off, on its own version.
    """
    creator = user.creator_id
    program = await Program.for_creator(creator).get_or_none(bot_id=user.bot_id, code=code)
    if program is None:
        raise NotFound(f"no program {code!r} on this bot")
    existing = await ProgramEnrollment.for_creator(creator).get_or_none(
        program_id=program.id, user_id=user.id
    )
    if existing is not None:
        return await _reactivate(existing, _now(now)) if existing.status in ENDED else existing
    return await _start(program, user, source=source, now=_now(now))


async def _start(
    program: Program, user: EndUser, *, source: str, now: datetime
) -> ProgramEnrollment:
    if program.status != ProgramStatus.PUBLISHED or program.version == 0:
        raise Conflict(f"program {program.code!r} is not published yet")
    version = await ProgramVersion.get(program_id=program.id, version=program.version)
    first = definition_of(version).steps[0]
    try:
        async with in_transaction():
            enrollment = await ProgramEnrollment.create(
                program=program,
                program_version=version,
                user=user,
                source=source[:32],
                current_step=first.id,
                enrolled_at=now,
                last_activity_at=now,
            )
            await _schedule_first(enrollment, first, user, now)
            await emit_enrolled(user, program, source, now)
    except IntegrityError:
        # A concurrent enroll of the same user won the unique (program, user) row.
        return await ProgramEnrollment.get(program_id=program.id, user_id=user.id)
    await Program.filter(id=program.id).update(enrollment_count=F("enrollment_count") + 1)
    return enrollment


async def _schedule_first(
    enrollment: ProgramEnrollment, first: Step, user: EndUser, now: datetime
) -> None:
    """The first step's ledger row: the scheduler sends it unless a chat turn delivers it first."""
    bot = await Bot.get(id=user.bot_id)
    due = step_due(
        first,
        enrolled_at=now,
        previous_at=now,
        tz=zone(user.timezone),
        quiet=quiet_hours_of(bot.settings),
    )
    await ScheduledSend.create(
        enrollment=enrollment, step_id=first.id, kind="step", attempt=0, due_at=due, created_at=now
    )


async def _reactivate(enrollment: ProgramEnrollment, now: datetime) -> ProgramEnrollment:
    enrollment.status = EnrollmentStatus.ACTIVE
    enrollment.stopped_at = enrollment.dropped_at = None
    enrollment.last_activity_at = now
    async with in_transaction():
        await enrollment.save(
            update_fields=["status", "stopped_at", "dropped_at", "last_activity_at"]
        )
        program = await Program.get(id=enrollment.program_id)
        user = await EndUser.get(id=enrollment.user_id)
        await emit_enrolled(user, program, "rejoin", now)
    return enrollment


async def emit_enrolled(user: EndUser, program: Program, source: str, now: datetime) -> None:
    """The `enrolled` webhook event, in the enrollment's transaction (chat, API or studio)."""
    data = {
        "bot_id": str(user.bot_id),
        "learner_id": str(user.id),
        "channel": user.channel,
        "program_id": str(program.id),
        "code": program.code,
        "source": source,
    }
    await emit(user.creator_id, "enrolled", data, now=now)


async def get_enrollment(creator_id: UUID, enrollment_id: UUID) -> ProgramEnrollment:
    enrollment = await ProgramEnrollment.for_creator(creator_id).get_or_none(id=enrollment_id)
    if enrollment is None:
        raise NotFound(f"no enrollment {enrollment_id}")
    return enrollment


def _require(enrollment: ProgramEnrollment, action: str, *allowed: EnrollmentStatus) -> None:
    if enrollment.status not in allowed:
        raise Conflict(f"cannot {action} an enrollment that is {enrollment.status.value}")


async def pause(
    enrollment: ProgramEnrollment, *, until: datetime | None = None, now: datetime | None = None
) -> ProgramEnrollment:
    """Stop sending until `until` (or until resumed); nothing is lost meanwhile."""
    _require(enrollment, "pause", EnrollmentStatus.ACTIVE, EnrollmentStatus.PAUSED)
    enrollment.status = EnrollmentStatus.PAUSED
    enrollment.paused_at = _now(now)
    enrollment.paused_until = until
    await enrollment.save(update_fields=["status", "paused_at", "paused_until"])
    return enrollment


async def resume(
    enrollment: ProgramEnrollment, *, now: datetime | None = None
) -> ProgramEnrollment:
    _require(enrollment, "resume", EnrollmentStatus.PAUSED, EnrollmentStatus.ACTIVE)
    enrollment.status = EnrollmentStatus.ACTIVE
    enrollment.paused_until = None
    enrollment.last_activity_at = _now(now)
    await enrollment.save(update_fields=["status", "paused_until", "last_activity_at"])
    return enrollment


async def stop(enrollment: ProgramEnrollment, *, now: datetime | None = None) -> ProgramEnrollment:
    """The learner asked to stop: nothing more is sent until they enroll again."""
    if enrollment.status == EnrollmentStatus.STOPPED:
        return enrollment
    _require(enrollment, "stop", EnrollmentStatus.ACTIVE, EnrollmentStatus.PAUSED)
    enrollment.status = EnrollmentStatus.STOPPED
    enrollment.stopped_at = _now(now)
    await enrollment.save(update_fields=["status", "stopped_at"])
    return enrollment


async def enrollment_counts(bot: Bot) -> dict[UUID, tuple[int, int]]:
    """Per program of `bot`: (enrollments, completed enrollments)."""
    rows = await (
        ProgramEnrollment.filter(program__bot_id=bot.id, program__creator_id=bot.creator_id)
        .group_by("program_id", "status")
        .annotate(n=Count("id"))
        .values("program_id", "status", "n")
    )
    counts: dict[UUID, list[int]] = {}
    for row in rows:
        total = counts.setdefault(UUID(str(row["program_id"])), [0, 0])
        total[0] += row["n"]
        if row["status"] == EnrollmentStatus.COMPLETED:
            total[1] += row["n"]
    return {k: (v[0], v[1]) for k, v in counts.items()}
