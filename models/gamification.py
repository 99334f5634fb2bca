"""Badges, the badges users earned, and achievements (points)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar
from uuid import UUID

from tortoise import fields

from models.base import TenantModel, created_at, updated_at

if TYPE_CHECKING:
    from models.bots import Bot
    from models.creators import Creator
    from models.programs import Program
    from models.users import EndUser


class Badge(TenantModel):
    """A badge a creator defines, with declarative award criteria."""

    creator_id: UUID
    creator: fields.ForeignKeyRelation[Creator] = fields.ForeignKeyField(
        "models.Creator", related_name="badges", on_delete=fields.CASCADE
    )
    bot_id: UUID | None
    bot: fields.ForeignKeyNullableRelation[Bot] = fields.ForeignKeyField(
        "models.Bot", related_name="badges", null=True, on_delete=fields.CASCADE
    )
    code = fields.CharField(max_length=64)
    name = fields.CharField(max_length=255)
    description = fields.TextField(default="")
    criteria: fields.JSONField[Any] = fields.JSONField()
    design: fields.JSONField[Any] = fields.JSONField(default=dict)
    is_active = fields.BooleanField(default=True)
    created_at = created_at()
    updated_at = updated_at()
    awarded_count = fields.IntField(default=0)

    class Meta:
        table = "badge"
        unique_together = (("creator", "code"),)
        indexes = (("creator_id", "is_active"),)


class UserBadge(TenantModel):
    """A badge earned by an end user: awarded once, whatever happens twice."""

    creator_path: ClassVar[str] = "user__creator_id"

    user_id: UUID
    user: fields.ForeignKeyRelation[EndUser] = fields.ForeignKeyField(
        "models.EndUser", related_name="badges", on_delete=fields.CASCADE
    )
    badge_id: UUID
    badge: fields.ForeignKeyRelation[Badge] = fields.ForeignKeyField(
        "models.Badge", related_name="awards", on_delete=fields.CASCADE
    )
    earned_at = fields.DatetimeField(auto_now_add=True, db_index=True)
    criteria_met: fields.JSONField[Any] = fields.JSONField(default=dict)
    notified = fields.BooleanField(default=False)

    class Meta:
        table = "user_badge"
        unique_together = (("user", "badge"),)


class LearnerStats(TenantModel):
    """A learner's running totals, updated in each turn so badges never rescan the event log.

    Rebuilt from the event log (`bot.badges.user_stats`) when missing; `owned_badges` mirrors
    the user's UserBadge rows (which stay the authority: awarding is unique per user and badge).
    """

    creator_path: ClassVar[str] = "user__creator_id"

    user_id: UUID
    user: fields.OneToOneRelation[EndUser] = fields.OneToOneField(
        "models.EndUser", related_name="stats", on_delete=fields.CASCADE
    )
    points = fields.IntField(default=0)
    messages_sent = fields.IntField(default=0)
    steps_completed = fields.IntField(default=0)
    quizzes_passed = fields.IntField(default=0)
    quizzes_scored = fields.IntField(default=0)
    quiz_score_sum = fields.FloatField(default=0.0)
    streak_days = fields.IntField(default=0)
    last_active_day = fields.DateField(null=True)
    freezes: fields.JSONField[Any] = fields.JSONField(default=dict)  # ISO week -> freezes used
    completed_programs: fields.JSONField[Any] = fields.JSONField(default=list)
    owned_badges: fields.JSONField[Any] = fields.JSONField(default=list)
    updated_at = updated_at()

    class Meta:
        table = "learner_stats"


class Achievement(TenantModel):
    """Points earned for a step, a quiz or a streak."""

    creator_path: ClassVar[str] = "user__creator_id"

    user_id: UUID
    user: fields.ForeignKeyRelation[EndUser] = fields.ForeignKeyField(
        "models.EndUser", related_name="achievements", on_delete=fields.CASCADE
    )
    achievement_type = fields.CharField(max_length=100, db_index=True)
    achievement_data: fields.JSONField[Any] = fields.JSONField(default=dict)
    points = fields.IntField(default=0)
    dedup_key = fields.CharField(max_length=255, null=True, unique=True)
    created_at = fields.DatetimeField(auto_now_add=True, db_index=True)
    program_id: UUID | None
    program: fields.ForeignKeyNullableRelation[Program] = fields.ForeignKeyField(
        "models.Program", related_name="achievements", null=True, on_delete=fields.SET_NULL
    )

    class Meta:
        table = "achievement"


class Certificate(TenantModel):
    """A completion certificate: what it shows is copied in when issued, so it never changes.

    `code` is public (printed, verified at `/c/{code}`); the PDF is served only to whoever
    holds the secret token whose sha256 is `token_hash`."""

    creator_id: UUID
    creator: fields.ForeignKeyRelation[Creator] = fields.ForeignKeyField(
        "models.Creator", related_name="certificates", on_delete=fields.CASCADE
    )
    program_id: UUID
    program: fields.ForeignKeyRelation[Program] = fields.ForeignKeyField(
        "models.Program", related_name="certificates", on_delete=fields.CASCADE
    )
    user_id: UUID
    user: fields.ForeignKeyRelation[EndUser] = fields.ForeignKeyField(
        "models.EndUser", related_name="certificates", on_delete=fields.CASCADE
    )
    code = fields.CharField(max_length=16, unique=True)
    token_hash = fields.CharField(max_length=64, unique=True)
    learner_name = fields.CharField(max_length=255)
    program_title = fields.CharField(max_length=255)
    creator_name = fields.CharField(max_length=255)
    issued_at = fields.DatetimeField()
    revoked_at = fields.DatetimeField(null=True)
    revoked_reason = fields.CharField(max_length=255, default="")

    class Meta:
        table = "certificate"
        unique_together = (("program", "user"),)
