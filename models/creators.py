"""Creators (the tenants), their API keys and their subscriptions."""

from __future__ import annotations

import uuid
from typing import Any
from uuid import UUID

from tortoise import fields
from tortoise.models import Model

from models.base import TenantModel, created_at, updated_at


class Creator(Model):
    """A coach, teacher or community owner: the tenant every other row belongs to."""

    id = fields.UUIDField(primary_key=True, default=uuid.uuid4)
    email = fields.CharField(max_length=255, unique=True)
    # Legacy: studio logins live on `Person` (models/people.py); kept so old rows still load.
    password_hash = fields.CharField(max_length=255)  # logins live on Person; kept for history
    first_name = fields.CharField(max_length=100, default="")
    last_name = fields.CharField(max_length=100, default="")
    company_name = fields.CharField(max_length=255, null=True)
    subscription_tier = fields.CharField(max_length=50, default="basic")
    subscription_status = fields.CharField(max_length=50, default="active")
    subscription_expires_at = fields.DatetimeField(null=True)
    settings: fields.JSONField[Any] = fields.JSONField(default=dict)
    created_at = created_at()
    updated_at = updated_at()
    last_login_at = fields.DatetimeField(null=True)
    is_active = fields.BooleanField(default=True, db_index=True)
    stripe_customer_id = fields.CharField(max_length=255, null=True)
    onboarding_completed = fields.BooleanField(default=False)

    class Meta:
        table = "creator"
        indexes = (("subscription_tier", "subscription_status"),)

    @property
    def creator_id(self) -> uuid.UUID:
        return self.id


class ApiKey(TenantModel):
    """A creator API key: only a SHA-256 of the secret part is stored, never the key."""

    creator_id: UUID
    creator: fields.ForeignKeyRelation[Creator] = fields.ForeignKeyField(
        "models.Creator", related_name="api_keys", on_delete=fields.CASCADE
    )
    name = fields.CharField(max_length=100, default="")
    prefix = fields.CharField(max_length=24, unique=True)
    key_hash = fields.CharField(max_length=64)
    scopes: fields.JSONField[Any] = fields.JSONField(default=list)
    created_at = created_at()
    expires_at = fields.DatetimeField(null=True)
    last_used_at = fields.DatetimeField(null=True)
    revoked = fields.BooleanField(default=False)
    revoked_at = fields.DatetimeField(null=True)

    class Meta:
        table = "api_key"


class Subscription(TenantModel):
    """A billing subscription mirrored from the payment provider."""

    creator_id: UUID
    creator: fields.ForeignKeyRelation[Creator] = fields.ForeignKeyField(
        "models.Creator", related_name="subscriptions", on_delete=fields.CASCADE
    )
    stripe_subscription_id = fields.CharField(max_length=255, unique=True, null=True)
    plan_name = fields.CharField(max_length=100)
    status = fields.CharField(max_length=50, db_index=True)
    current_period_start = fields.DatetimeField()
    current_period_end = fields.DatetimeField()
    cancel_at_period_end = fields.BooleanField(default=False)
    created_at = created_at()
    updated_at = updated_at()

    class Meta:
        table = "subscription"
