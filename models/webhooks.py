"""Event webhooks: a creator's endpoints and the persisted log of every delivery to them."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar
from uuid import UUID

from tortoise import fields

from models.base import EncryptedTextField, TenantModel, created_at, updated_at

if TYPE_CHECKING:
    from models.creators import Creator


class WebhookDeliveryStatus(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    DELIVERED = "delivered"
    FAILED = "failed"


class Webhook(TenantModel):
    """An endpoint a creator registered for some events; `secret` signs every delivery."""

    creator_id: UUID
    creator: fields.ForeignKeyRelation[Creator] = fields.ForeignKeyField(
        "models.Creator", related_name="webhooks", on_delete=fields.CASCADE
    )
    url = fields.CharField(max_length=2000)
    events: fields.JSONField[Any] = fields.JSONField(default=list)
    secret = EncryptedTextField()
    created_at = created_at()

    class Meta:
        table = "webhook"


class WebhookDelivery(TenantModel):
    """One event for one webhook, sent until the endpoint accepts it (claimed like the outbox)."""

    creator_path: ClassVar[str] = "webhook__creator_id"

    webhook_id: UUID
    webhook: fields.ForeignKeyRelation[Webhook] = fields.ForeignKeyField(
        "models.Webhook", related_name="deliveries", on_delete=fields.CASCADE
    )
    event_id = fields.UUIDField()
    event = fields.CharField(max_length=32)
    body = fields.TextField()  # the exact JSON signed and sent, the same on every attempt
    status = fields.CharEnumField(
        WebhookDeliveryStatus, max_length=16, default=WebhookDeliveryStatus.PENDING
    )
    attempts = fields.IntField(default=0)
    max_attempts = fields.IntField(default=10)
    next_attempt_at = fields.DatetimeField()
    claimed_at = fields.DatetimeField(null=True)
    claimed_by = fields.CharField(max_length=64, null=True)
    last_error = fields.TextField(null=True)
    last_status_code = fields.IntField(null=True)
    delivered_at = fields.DatetimeField(null=True)
    created_at = created_at()
    updated_at = updated_at()

    class Meta:
        table = "webhook_delivery"
        unique_together = (("webhook", "event_id"),)
        indexes = (("status", "next_attempt_at", "created_at"), ("webhook_id", "created_at"))
