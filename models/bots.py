"""Bots: a creator's persona-bearing chat bots and their published prompt versions."""

from __future__ import annotations

import secrets
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar
from uuid import UUID

from tortoise import fields

from models.base import EncryptedTextField, TenantModel, created_at, updated_at

if TYPE_CHECKING:
    from models.creators import Creator
    from models.knowledge import KnowledgeBase


class BotStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    ARCHIVED = "archived"
    DELETED = "deleted"

    @property
    def live(self) -> bool:
        """The one definition of a live bot: it answers messages (published, or a draft its
        creator is trying out). Archived and deleted bots take no messages."""
        return self in LIVE_BOT_STATUSES


LIVE_BOT_STATUSES = (BotStatus.PUBLISHED, BotStatus.DRAFT)


def new_public_key() -> str:
    return "pk_" + secrets.token_urlsafe(24)


class Bot(TenantModel):
    """One bot of a creator: persona, widget key, channels, knowledge and programs hang off it."""

    creator_id: UUID
    creator: fields.ForeignKeyRelation[Creator] = fields.ForeignKeyField(
        "models.Creator", related_name="bots", on_delete=fields.CASCADE
    )
    slug = fields.CharField(max_length=64, unique=True)
    name = fields.CharField(max_length=255)
    status = fields.CharEnumField(BotStatus, max_length=16, default=BotStatus.DRAFT, db_index=True)
    # persona
    persona_name = fields.CharField(max_length=255, default="")
    description = fields.TextField(default="")
    system_prompt = fields.TextField(default="")
    traits: fields.JSONField[Any] = fields.JSONField(default=list)
    backstory = fields.TextField(default="")
    hidden_rules: fields.JSONField[Any] = fields.JSONField(default=list)
    languages: fields.JSONField[Any] = fields.JSONField(default=list)
    greeting = fields.TextField(default="")
    sign_off = fields.TextField(default="")
    # widget and runtime configuration
    public_key = fields.CharField(max_length=64, unique=True, default=new_public_key)
    allowed_origins: fields.JSONField[Any] = fields.JSONField(default=list)
    settings: fields.JSONField[Any] = fields.JSONField(default=dict)
    # edits not yet published (flat editable fields, see bot/configuration.py)
    draft: fields.JSONField[Any] = fields.JSONField(default=dict)
    llm_api_key = EncryptedTextField(null=True)
    current_version = fields.IntField(default=0)
    knowledge_bases: fields.ManyToManyRelation[KnowledgeBase] = fields.ManyToManyField(
        "models.KnowledgeBase", related_name="bots", through="bot_knowledge_base"
    )
    created_at = created_at()
    updated_at = updated_at()
    published_at = fields.DatetimeField(null=True)
    deleted_at = fields.DatetimeField(null=True)
    hard_delete_at = fields.DatetimeField(null=True)

    @property
    def is_live(self) -> bool:
        return BotStatus(self.status).live

    class Meta:
        table = "bot"
        indexes = (("creator_id", "status"),)


class BotVersion(TenantModel):
    """A frozen snapshot of a bot's persona and prompt, one row per publish."""

    creator_path: ClassVar[str] = "bot__creator_id"

    bot_id: UUID
    bot: fields.ForeignKeyRelation[Bot] = fields.ForeignKeyField(
        "models.Bot", related_name="versions", on_delete=fields.CASCADE
    )
    version = fields.IntField()
    system_prompt = fields.TextField(default="")
    persona: fields.JSONField[Any] = fields.JSONField(default=dict)
    note = fields.CharField(max_length=255, default="")
    created_at = created_at()

    class Meta:
        table = "bot_version"
        unique_together = (("bot", "version"),)
