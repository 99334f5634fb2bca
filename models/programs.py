"""Programs (courses, challenges), frozen versions, enrollments, progress, the send ledger."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar
from uuid import UUID

from tortoise import fields

from models.base import TenantModel, created_at, updated_at

if TYPE_CHECKING:
    from models.bots import Bot
    from models.creators import Creator
    from models.knowledge import KnowledgeBase
    from models.outbox import OutboxMessage
    from models.users import EndUser


class ProgramStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    ARCHIVED = "archived"


class EnrollmentStatus(StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"
    COMPLETED = "completed"
    DROPPED = "dropped"
    STOPPED = "stopped"


class SendStatus(StrEnum):
    PENDING = "pending"
    QUEUED = "queued"
    SKIPPED = "skipped"
    CANCELLED = "cancelled"


class Program(TenantModel):
    """A creator's program; `flow_definition` is the editable draft, versions are frozen."""

    creator_id: UUID
    creator: fields.ForeignKeyRelation[Creator] = fields.ForeignKeyField(
        "models.Creator", related_name="programs", on_delete=fields.CASCADE
    )
    bot_id: UUID
    bot: fields.ForeignKeyRelation[Bot] = fields.ForeignKeyField(
        "models.Bot", related_name="programs", on_delete=fields.CASCADE
    )
    code = fields.CharField(max_length=64)
    name = fields.CharField(max_length=255)
    description = fields.TextField(default="")
    flow_definition: fields.JSONField[Any] = fields.JSONField()
    status = fields.CharEnumField(
        ProgramStatus, max_length=16, default=ProgramStatus.DRAFT, db_index=True
    )
    version = fields.IntField(default=0)
    settings: fields.JSONField[Any] = fields.JSONField(default=dict)
    knowledge_base_id: UUID | None
    knowledge_base: fields.ForeignKeyNullableRelation[KnowledgeBase] = fields.ForeignKeyField(
        "models.KnowledgeBase", related_name="programs", null=True, on_delete=fields.SET_NULL
    )
    created_at = created_at()
    updated_at = updated_at()
    published_at = fields.DatetimeField(null=True)
    is_active = fields.BooleanField(default=True)
    enrollment_count = fields.IntField(default=0)

    class Meta:
        table = "program"
        unique_together = (("bot", "code"),)
        indexes = (("creator_id", "status", "is_active"),)


class ProgramVersion(TenantModel):
    """A published, frozen program definition; enrollments stay on the version they began."""

    creator_path: ClassVar[str] = "program__creator_id"

    program_id: UUID
    program: fields.ForeignKeyRelation[Program] = fields.ForeignKeyField(
        "models.Program", related_name="versions", on_delete=fields.CASCADE
    )
    version = fields.IntField()
    definition: fields.JSONField[Any] = fields.JSONField()
    created_at = created_at()

    class Meta:
        table = "program_version"
        unique_together = (("program", "version"),)


class ProgramEnrollment(TenantModel):
    """An end user's place in a program."""

    creator_path: ClassVar[str] = "program__creator_id"

    program_id: UUID
    program: fields.ForeignKeyRelation[Program] = fields.ForeignKeyField(
        "models.Program", related_name="enrollments", on_delete=fields.CASCADE
    )
    program_version_id: UUID
    program_version: fields.ForeignKeyRelation[ProgramVersion] = fields.ForeignKeyField(
        "models.ProgramVersion", related_name="enrollments", on_delete=fields.CASCADE
    )
    user_id: UUID
    user: fields.ForeignKeyRelation[EndUser] = fields.ForeignKeyField(
        "models.EndUser", related_name="enrollments", on_delete=fields.CASCADE
    )
    status = fields.CharEnumField(
        EnrollmentStatus, max_length=16, default=EnrollmentStatus.ACTIVE, db_index=True
    )
    source = fields.CharField(max_length=32, default="")
    progress: fields.JSONField[Any] = fields.JSONField(default=dict)
    current_step = fields.CharField(max_length=255, null=True)
    current_step_at = fields.DatetimeField(null=True)
    enrolled_at = fields.DatetimeField(auto_now_add=True)
    completed_at = fields.DatetimeField(null=True)
    paused_at = fields.DatetimeField(null=True)
    paused_until = fields.DatetimeField(null=True)
    stopped_at = fields.DatetimeField(null=True)
    dropped_at = fields.DatetimeField(null=True)
    last_activity_at = fields.DatetimeField(auto_now_add=True)
    points = fields.IntField(default=0)

    class Meta:
        table = "program_enrollment"
        unique_together = (("program", "user"),)
        indexes = (
            ("user_id", "status"),  # a learner's active programs, read in every turn
            # studio analytics: a program's enrolments by date (funnel, cohorts) and by step
            # covering: the funnel joins on id, the cohorts' live week reads user_id
            ("program_id", "enrolled_at", "id", "user_id"),
            # covering: the funnel's "now here" and "stuck" counts by step, status and activity
            ("program_id", "current_step", "status", "last_activity_at"),
        )


class StepProgress(TenantModel):
    """What happened on one step of one enrollment: delivery, answer, quiz score."""

    creator_path: ClassVar[str] = "enrollment__program__creator_id"

    enrollment_id: UUID
    enrollment: fields.ForeignKeyRelation[ProgramEnrollment] = fields.ForeignKeyField(
        "models.ProgramEnrollment", related_name="steps", on_delete=fields.CASCADE
    )
    step_id = fields.CharField(max_length=128)
    status = fields.CharField(max_length=16, default="delivered")
    delivered_at = fields.DatetimeField(null=True)
    completed_at = fields.DatetimeField(null=True)
    answer = fields.TextField(null=True)
    attempts = fields.IntField(default=0)
    correct = fields.BooleanField(null=True)
    score = fields.DecimalField(max_digits=5, decimal_places=2, null=True)
    points = fields.IntField(default=0)
    created_at = created_at()
    updated_at = updated_at()

    class Meta:
        table = "step_progress"
        unique_together = (("enrollment", "step_id"),)
        indexes = (
            # studio analytics: today's graded quiz answers, and the funnel's steps completed
            # (completed_at) and reached (created_at) since its snapshot (bot.insight.progress)
            ("completed_at",),
            ("created_at",),
            ("enrollment_id", "step_id", "completed_at"),  # covering: the funnel's step join
        )


class ScheduledSend(TenantModel):
    """Ledger of scheduled sends: one row per (enrollment, step, kind, attempt), never two."""

    creator_path: ClassVar[str] = "enrollment__program__creator_id"

    enrollment_id: UUID
    enrollment: fields.ForeignKeyRelation[ProgramEnrollment] = fields.ForeignKeyField(
        "models.ProgramEnrollment", related_name="scheduled_sends", on_delete=fields.CASCADE
    )
    step_id = fields.CharField(max_length=128)
    kind = fields.CharField(max_length=16)
    attempt = fields.IntField(default=0)
    due_at = fields.DatetimeField()
    status = fields.CharEnumField(SendStatus, max_length=16, default=SendStatus.PENDING)
    reason = fields.CharField(max_length=255, default="")
    outbox_id: UUID | None
    outbox: fields.ForeignKeyNullableRelation[OutboxMessage] = fields.ForeignKeyField(
        "models.OutboxMessage", related_name="scheduled_sends", null=True, on_delete=fields.SET_NULL
    )
    created_at = created_at()
    queued_at = fields.DatetimeField(null=True)

    class Meta:
        table = "scheduled_send"
        unique_together = (("enrollment", "step_id", "kind", "attempt"),)
        # the sweep's due sends; studio analytics: the nudges of the last days
        indexes = (("status", "due_at"), ("queued_at",))
