"""Conversations and their messages, inbound and outbound."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar
from uuid import UUID

from tortoise import fields

from models.base import TenantModel, created_at

if TYPE_CHECKING:
    from models.bots import Bot
    from models.users import EndUser


class ConversationStatus(StrEnum):
    ACTIVE = "active"
    CLOSED = "closed"
    DELETED = "deleted"


class Direction(StrEnum):
    INBOUND = "in"
    OUTBOUND = "out"


class SenderType(StrEnum):
    USER = "user"
    AI = "ai"
    CREATOR = "creator"
    SYSTEM = "system"


class DeliveryStatus(StrEnum):
    QUEUED = "queued"
    SENT = "sent"
    DELIVERED = "delivered"
    READ = "read"
    FAILED = "failed"


class Conversation(TenantModel):
    """A thread between one end user and a bot on one channel."""

    creator_path: ClassVar[str] = "user__creator_id"

    user_id: UUID
    user: fields.ForeignKeyRelation[EndUser] = fields.ForeignKeyField(
        "models.EndUser", related_name="conversations", on_delete=fields.CASCADE
    )
    channel = fields.CharField(max_length=50, db_index=True)
    status = fields.CharEnumField(
        ConversationStatus, max_length=16, default=ConversationStatus.ACTIVE, db_index=True
    )
    context: fields.JSONField[Any] = fields.JSONField(default=dict)
    metadata: fields.JSONField[Any] = fields.JSONField(default=dict)
    created_at = created_at()
    updated_at = fields.DatetimeField(auto_now=True, db_index=True)
    last_message_at = fields.DatetimeField(auto_now_add=True)
    message_count = fields.IntField(default=0)
    # started from the studio's "Try the bot": left out of every metric
    is_test = fields.BooleanField(default=False)
    escalated_to_human = fields.BooleanField(default=False)
    escalated_at = fields.DatetimeField(null=True)
    rating = fields.SmallIntField(null=True)
    feedback = fields.TextField(null=True)
    deleted_at = fields.DatetimeField(null=True)
    hard_delete_at = fields.DatetimeField(null=True)
    # the live inbox (bot/handoff.py): a creator took over, or the learner asked for a human
    # (escalated_to_human) and the bot keeps quiet until `handoff_until` or a release
    taken_over_at = fields.DatetimeField(null=True)
    taken_over_by = fields.UUIDField(null=True)
    handoff_until = fields.DatetimeField(null=True)
    unread_count = fields.IntField(default=0)

    class Meta:
        table = "conversation"
        indexes = (("user_id", "status", "updated_at"),)


class Message(TenantModel):
    """One message; inbound ones are unique per (bot, channel, external id) for idempotency."""

    creator_path: ClassVar[str] = "bot__creator_id"

    conversation_id: UUID
    conversation: fields.ForeignKeyRelation[Conversation] = fields.ForeignKeyField(
        "models.Conversation", related_name="messages", on_delete=fields.CASCADE
    )
    bot_id: UUID
    bot: fields.ForeignKeyRelation[Bot] = fields.ForeignKeyField(
        "models.Bot", related_name="messages", on_delete=fields.CASCADE
    )
    channel = fields.CharField(max_length=50)
    direction = fields.CharEnumField(Direction, max_length=8)
    sender_type = fields.CharEnumField(SenderType, max_length=16)
    sender_id = fields.UUIDField(null=True)
    content = fields.TextField()
    message_type = fields.CharField(max_length=50, default="text")
    metadata: fields.JSONField[Any] = fields.JSONField(default=dict)
    external_message_id = fields.CharField(max_length=255, null=True)
    reply_to_id: UUID | None
    reply_to: fields.ForeignKeyNullableRelation[Message] = fields.ForeignKeyField(
        "models.Message", related_name="replies", null=True, on_delete=fields.SET_NULL
    )
    created_at = fields.DatetimeField(auto_now_add=True, db_index=True)
    delivered_at = fields.DatetimeField(null=True)
    read_at = fields.DatetimeField(null=True)
    response_time_ms = fields.IntField(null=True)
    ai_confidence = fields.DecimalField(max_digits=3, decimal_places=2, null=True)
    delivery_status = fields.CharEnumField(DeliveryStatus, max_length=16, null=True)
    error_code = fields.CharField(max_length=32, null=True)
    error_message = fields.TextField(null=True)
    # the learner's thumbs on a bot reply ("up" / "down") and optional comment (bot/ratings.py)
    rating = fields.CharField(max_length=8, null=True)
    rating_comment = fields.TextField(null=True)
    rated_at = fields.DatetimeField(null=True)
    # the answer step's reply: its best retrieval score and whether it said it does not know
    retrieval_score = fields.FloatField(null=True)
    refused = fields.BooleanField(null=True)

    class Meta:
        table = "message"
        unique_together = (("bot", "channel", "external_message_id"),)
        # (bot_id, created_at): the studio home counts each bot's messages since midnight.
        indexes = (
            ("conversation_id", "created_at"),
            ("sender_type", "sender_id"),
            ("bot_id", "created_at"),
            # studio analytics: the n-th reply time of a range, within one reply-time bucket
            ("bot_id", "direction", "response_time_ms", "created_at"),
        )
