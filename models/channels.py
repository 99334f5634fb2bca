"""Channels a bot is reachable on, and the per-channel identities of its end users."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar
from uuid import UUID

from tortoise import fields

from models.base import EncryptedTextField, TenantModel, created_at, updated_at

if TYPE_CHECKING:
    from models.bots import Bot
    from models.conversations import Conversation
    from models.creators import Creator
    from models.users import EndUser


class ChannelType(StrEnum):
    WEB = "web"
    TELEGRAM = "telegram"
    WHATSAPP = "whatsapp"


class Channel(TenantModel):
    """A bot's configured channel; vendor secrets are encrypted at rest."""

    creator_id: UUID
    creator: fields.ForeignKeyRelation[Creator] = fields.ForeignKeyField(
        "models.Creator", related_name="channels", on_delete=fields.CASCADE
    )
    bot_id: UUID
    bot: fields.ForeignKeyRelation[Bot] = fields.ForeignKeyField(
        "models.Bot", related_name="channels", on_delete=fields.CASCADE
    )
    channel_type = fields.CharEnumField(ChannelType, max_length=16, db_index=True)
    channel_name = fields.CharField(max_length=255, default="")
    configuration: fields.JSONField[Any] = fields.JSONField(default=dict)
    secret = EncryptedTextField(null=True)
    webhook_secret = EncryptedTextField(null=True)
    status = fields.CharField(max_length=50, default="active", db_index=True)
    created_at = created_at()
    updated_at = updated_at()
    last_activity_at = fields.DatetimeField(null=True)
    user_count = fields.IntField(default=0)

    class Meta:
        table = "channel"
        unique_together = (("bot", "channel_type"),)


class ChannelAccount(TenantModel):
    """One identity (Telegram chat, WhatsApp number, widget session) of an end user."""

    creator_path: ClassVar[str] = "bot__creator_id"

    bot_id: UUID
    bot: fields.ForeignKeyRelation[Bot] = fields.ForeignKeyField(
        "models.Bot", related_name="channel_accounts", on_delete=fields.CASCADE
    )
    end_user_id: UUID
    end_user: fields.ForeignKeyRelation[EndUser] = fields.ForeignKeyField(
        "models.EndUser", related_name="channel_accounts", on_delete=fields.CASCADE
    )
    # a channel's name (`ChannelType` for the built-in ones; a channel added later has its own)
    channel = fields.CharField(max_length=16)
    external_id = fields.CharField(max_length=255)
    # The account's open conversation, loaded with the account (a hint: checked to be active).
    conversation_id: UUID | None
    conversation: fields.ForeignKeyNullableRelation[Conversation] = fields.ForeignKeyField(
        "models.Conversation", related_name="current_for", null=True, on_delete=fields.SET_NULL
    )
    display_name = fields.CharField(max_length=255, default="")
    metadata: fields.JSONField[Any] = fields.JSONField(default=dict)
    blocked = fields.BooleanField(default=False)
    blocked_at = fields.DatetimeField(null=True)
    # WhatsApp's 24-hour customer-care window is measured from the last inbound message.
    last_inbound_at = fields.DatetimeField(null=True)
    window_closed_at = fields.DatetimeField(null=True)
    created_at = created_at()
    updated_at = updated_at()

    class Meta:
        table = "channel_account"
        unique_together = (("bot", "channel", "external_id"),)
        indexes = (("end_user_id",),)


class WidgetPresence(TenantModel):
    """An open widget WebSocket: which process (`node`) holds which session, until it expires.

    The holder refreshes `seen_at` on a heartbeat; a row not refreshed within a few beats
    belongs to a process that died and is ignored (then deleted by the survivors).
    """

    creator_path: ClassVar[str] = "bot__creator_id"

    bot_id: UUID
    bot: fields.ForeignKeyRelation[Bot] = fields.ForeignKeyField(
        "models.Bot", related_name="widget_presence", on_delete=fields.CASCADE
    )
    session = fields.CharField(max_length=128)
    node = fields.CharField(max_length=64)
    seen_at = fields.DatetimeField()

    class Meta:
        table = "widget_presence"
        unique_together = (("bot", "session", "node"),)
        indexes = (("node",),)


class LinkCode(TenantModel):
    """A one-time code joining another channel account to the learner who asked for it.

    Only a hash of the code is kept (`code_hash`: sha256 of bot id and code); it works once
    (`used_at`) and until `expires_at`."""

    creator_path: ClassVar[str] = "bot__creator_id"

    bot_id: UUID
    bot: fields.ForeignKeyRelation[Bot] = fields.ForeignKeyField(
        "models.Bot", related_name="link_codes", on_delete=fields.CASCADE
    )
    end_user_id: UUID
    end_user: fields.ForeignKeyRelation[EndUser] = fields.ForeignKeyField(
        "models.EndUser", related_name="link_codes", on_delete=fields.CASCADE
    )
    code_hash = fields.CharField(max_length=64, unique=True)
    created_at = fields.DatetimeField()
    expires_at = fields.DatetimeField()
    used_at = fields.DatetimeField(null=True)

    class Meta:
        table = "link_code"
        indexes = (("end_user_id", "created_at"),)
