"""The persisted outbox: every outbound message is written here before it is sent."""

from __future__ import annotations

from enum import IntEnum, StrEnum
from typing import TYPE_CHECKING, Any, ClassVar
from uuid import UUID

from tortoise import fields

from models.base import TenantModel, created_at, updated_at

if TYPE_CHECKING:
    from models.bots import Bot
    from models.channels import ChannelAccount
    from models.conversations import Message


class OutboxStatus(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    BLOCKED_BY_WINDOW = "blocked_by_window"
    CANCELLED = "cancelled"


class Lane(IntEnum):
    """Which sends go first within a bot's vendor rate: replies before scheduled sends."""

    INTERACTIVE = 0  # a reply to a message the learner just sent
    SCHEDULED = 1  # program steps, nudges, broadcasts


class OutboxMessage(TenantModel):
    """An outbound message waiting to be sent, being sent, or finished; claimed atomically."""

    creator_path: ClassVar[str] = "bot__creator_id"

    bot_id: UUID
    bot: fields.ForeignKeyRelation[Bot] = fields.ForeignKeyField(
        "models.Bot", related_name="outbox", on_delete=fields.CASCADE
    )
    channel_account_id: UUID
    channel_account: fields.ForeignKeyRelation[ChannelAccount] = fields.ForeignKeyField(
        "models.ChannelAccount", related_name="outbox", on_delete=fields.CASCADE
    )
    message_id: UUID | None
    message: fields.ForeignKeyNullableRelation[Message] = fields.ForeignKeyField(
        "models.Message", related_name="outbox", null=True, on_delete=fields.SET_NULL
    )
    channel = fields.CharField(max_length=16)
    idempotency_key = fields.CharField(max_length=255, unique=True)
    payload: fields.JSONField[Any] = fields.JSONField()
    template: fields.JSONField[Any] = fields.JSONField(null=True)
    status = fields.CharEnumField(OutboxStatus, max_length=24, default=OutboxStatus.PENDING)
    lane = fields.IntEnumField(Lane, default=Lane.INTERACTIVE)
    attempts = fields.IntField(default=0)
    max_attempts = fields.IntField(default=8)
    next_attempt_at = fields.DatetimeField()
    claimed_at = fields.DatetimeField(null=True)
    claimed_by = fields.CharField(max_length=64, null=True)
    last_error = fields.TextField(null=True)
    external_message_id = fields.CharField(max_length=255, null=True, db_index=True)
    created_at = created_at()
    updated_at = updated_at()
    sent_at = fields.DatetimeField(null=True)

    class Meta:
        table = "outbox_message"
        indexes = (("status", "lane", "next_attempt_at", "created_at"),)  # the claim's order
