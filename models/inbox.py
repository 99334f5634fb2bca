"""The persisted inbox: every webhook message is written here before the vendor gets its 200."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar
from uuid import UUID

from tortoise import fields

from models.base import TenantModel

if TYPE_CHECKING:
    from models.bots import Bot


class InboxStatus(StrEnum):
    PENDING = "pending"
    DONE = "done"
    FAILED = "failed"


class InboxMessage(TenantModel):
    """An acknowledged inbound message; a turn that died half-way is picked up again from here."""

    creator_path: ClassVar[str] = "bot__creator_id"

    bot_id: UUID
    bot: fields.ForeignKeyRelation[Bot] = fields.ForeignKeyField(
        "models.Bot", related_name="inbox", on_delete=fields.CASCADE
    )
    channel = fields.CharField(max_length=16)
    external_message_id = fields.CharField(max_length=255)
    payload: fields.JSONField[Any] = fields.JSONField()
    status = fields.CharEnumField(InboxStatus, max_length=16, default=InboxStatus.PENDING)
    attempts = fields.IntField(default=0)
    locked_until = fields.DatetimeField(null=True)
    last_error = fields.TextField(null=True)
    received_at = fields.DatetimeField()
    processed_at = fields.DatetimeField(null=True)

    class Meta:
        table = "inbox_message"
        unique_together = (("bot", "channel", "external_message_id"),)
        indexes = (("status", "locked_until"),)
