"""End users of a bot, their profiles and the interaction (event) log."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar
from uuid import UUID

from tortoise import fields

from models.base import TenantModel, created_at, updated_at

if TYPE_CHECKING:
    from models.bots import Bot
    from models.conversations import Message
    from models.creators import Creator
    from models.programs import Program


class EndUser(TenantModel):
    """A person talking to one bot, across however many channels they use."""

    creator_id: UUID
    creator: fields.ForeignKeyRelation[Creator] = fields.ForeignKeyField(
        "models.Creator", related_name="end_users", on_delete=fields.CASCADE
    )
    bot_id: UUID
    bot: fields.ForeignKeyRelation[Bot] = fields.ForeignKeyField(
        "models.Bot", related_name="end_users", on_delete=fields.CASCADE
    )
    external_id = fields.CharField(max_length=255, null=True)
    channel = fields.CharField(max_length=50, db_index=True)
    display_name = fields.CharField(max_length=255, default="")
    profile_data: fields.JSONField[Any] = fields.JSONField(default=dict)
    preferences: fields.JSONField[Any] = fields.JSONField(default=dict)
    created_at = created_at()
    updated_at = updated_at()
    last_active_at = fields.DatetimeField(auto_now_add=True)
    is_active = fields.BooleanField(default=True)
    timezone = fields.CharField(max_length=64, default="UTC")
    # a creator trying their own bot from the studio: left out of every metric
    is_test = fields.BooleanField(default=False)
    language = fields.CharField(max_length=10, default="en")
    # Where `language` came from: "" (nobody said; "en" is a guess), "channel", "detected".
    language_source = fields.CharField(max_length=16, default="")

    class Meta:
        table = "end_user"
        indexes = (
            ("external_id", "channel"),
            ("creator_id", "is_active", "last_active_at"),
            ("bot_id", "created_at"),
            # The studio home counts each bot's learners active this week from this index alone.
            ("bot_id", "last_active_at"),
            # studio analytics leave a bot's test learners out of every count
            ("bot_id", "is_test"),
        )


class UserProfile(TenantModel):
    """What the bot has learned about an end user (one row per user)."""

    creator_path: ClassVar[str] = "user__creator_id"

    user_id: UUID
    user: fields.OneToOneRelation[EndUser] = fields.OneToOneField(
        "models.EndUser", related_name="profile", on_delete=fields.CASCADE
    )
    profile_data: fields.JSONField[Any] = fields.JSONField(default=dict)
    interests: fields.JSONField[Any] = fields.JSONField(default=list)
    goals: fields.JSONField[Any] = fields.JSONField(default=list)
    preferences: fields.JSONField[Any] = fields.JSONField(default=dict)
    behavior_patterns: fields.JSONField[Any] = fields.JSONField(default=dict)
    engagement_score = fields.DecimalField(max_digits=5, decimal_places=2, default=0)
    points = fields.IntField(default=0)
    level = fields.IntField(default=1)
    last_updated = updated_at()
    created_at = created_at()

    class Meta:
        table = "user_profile"
        indexes = (("engagement_score",),)


class UserInteraction(TenantModel):
    """The event log: every meaningful thing an end user did, the source of metrics and badges."""

    creator_path: ClassVar[str] = "user__creator_id"

    user_id: UUID
    user: fields.ForeignKeyRelation[EndUser] = fields.ForeignKeyField(
        "models.EndUser", related_name="interactions", on_delete=fields.CASCADE
    )
    bot_id: UUID
    bot: fields.ForeignKeyRelation[Bot] = fields.ForeignKeyField(
        "models.Bot", related_name="interactions", on_delete=fields.CASCADE
    )
    interaction_type = fields.CharField(max_length=100, db_index=True)
    interaction_data: fields.JSONField[Any] = fields.JSONField(default=dict)
    channel = fields.CharField(max_length=50)
    created_at = fields.DatetimeField(auto_now_add=True, db_index=True)
    session_id = fields.UUIDField(null=True, db_index=True)
    program_id: UUID | None
    program: fields.ForeignKeyNullableRelation[Program] = fields.ForeignKeyField(
        "models.Program", related_name="interactions", null=True, on_delete=fields.SET_NULL
    )
    message_id: UUID | None
    message: fields.ForeignKeyNullableRelation[Message] = fields.ForeignKeyField(
        "models.Message", related_name="interactions", null=True, on_delete=fields.SET_NULL
    )

    class Meta:
        table = "user_interaction"
        indexes = (
            ("user_id", "interaction_type", "created_at"),
            ("bot_id", "created_at"),
            # studio analytics: one bot's events of one kind over a date range, and who (the
            # distinct learners of a day or week are counted from the index alone)
            ("bot_id", "interaction_type", "created_at", "user_id"),
        )
