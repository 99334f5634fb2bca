"""Daily metric rollups, usage tracking and the audit log."""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any, ClassVar
from uuid import UUID

from tortoise import fields
from tortoise.models import Model

from models.base import TenantModel, created_at

if TYPE_CHECKING:
    from models.bots import Bot
    from models.creators import Creator
    from models.programs import Program


def dimensions_key(dimensions: dict[str, Any]) -> str:
    """A stable hash of a dimensions dict: JSON columns cannot sit in a portable unique index."""
    return hashlib.sha256(json.dumps(dimensions, sort_keys=True).encode()).hexdigest()


class EngagementMetric(TenantModel):
    """One daily value of one metric for a creator (and optionally one bot)."""

    creator_id: UUID
    creator: fields.ForeignKeyRelation[Creator] = fields.ForeignKeyField(
        "models.Creator", related_name="engagement_metrics", on_delete=fields.CASCADE
    )
    bot_id: UUID | None
    bot: fields.ForeignKeyNullableRelation[Bot] = fields.ForeignKeyField(
        "models.Bot", related_name="engagement_metrics", null=True, on_delete=fields.CASCADE
    )
    metric_type = fields.CharField(max_length=100, db_index=True)
    metric_value = fields.DecimalField(max_digits=14, decimal_places=2)
    dimensions: fields.JSONField[Any] = fields.JSONField(default=dict)
    dimensions_key = fields.CharField(max_length=64)
    date = fields.DateField(db_index=True)
    created_at = created_at()

    class Meta:
        table = "engagement_metric"
        unique_together = (("creator", "metric_type", "date", "dimensions_key"),)
        indexes = (("creator_id", "date", "metric_type"),)


class ProgramAnalytic(TenantModel):
    """One daily value of one program metric (per step where `dimensions` names it)."""

    creator_path: ClassVar[str] = "program__creator_id"

    program_id: UUID
    program: fields.ForeignKeyRelation[Program] = fields.ForeignKeyField(
        "models.Program", related_name="analytics", on_delete=fields.CASCADE
    )
    metric_type = fields.CharField(max_length=100, db_index=True)
    metric_value = fields.DecimalField(max_digits=14, decimal_places=2)
    dimensions: fields.JSONField[Any] = fields.JSONField(default=dict)
    dimensions_key = fields.CharField(max_length=64)
    date = fields.DateField(db_index=True)
    created_at = created_at()

    class Meta:
        table = "program_analytic"
        unique_together = (("program", "metric_type", "date", "dimensions_key"),)


class UsageTracking(TenantModel):
    """Daily usage counters per creator (AI interactions, storage, users)."""

    creator_id: UUID
    creator: fields.ForeignKeyRelation[Creator] = fields.ForeignKeyField(
        "models.Creator", related_name="usage", on_delete=fields.CASCADE
    )
    usage_type = fields.CharField(max_length=100, db_index=True)
    usage_value = fields.BigIntField()
    date = fields.DateField(db_index=True)
    created_at = created_at()

    class Meta:
        table = "usage_tracking"
        unique_together = (("creator", "usage_type", "date"),)


class AuditLog(TenantModel):
    """Who changed what: sensitive operations on a creator's data."""

    creator_id: UUID
    creator: fields.ForeignKeyRelation[Creator] = fields.ForeignKeyField(
        "models.Creator", related_name="audit_log", on_delete=fields.CASCADE
    )
    table_name = fields.CharField(max_length=100)
    record_id = fields.CharField(max_length=64, default="")
    operation = fields.CharField(max_length=16)
    old_values: fields.JSONField[Any] = fields.JSONField(null=True)
    new_values: fields.JSONField[Any] = fields.JSONField(null=True)
    actor_type = fields.CharField(max_length=32, default="creator")
    actor_id = fields.CharField(max_length=64, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "audit_log"
        indexes = (("creator_id", "created_at"),)


class InsightTally(TenantModel):
    """A rolled-up count behind a studio analytics chart (`bot.insight.tallies`): one subject (a
    bot or a program), one closed local period (a day, or a week's Monday), one key.

    Each (subject, kind, period) that was rolled up has a `key = "."` row, so a period with
    nothing to count is told apart from a period not rolled up yet."""

    creator_id: UUID
    creator: fields.ForeignKeyRelation[Creator] = fields.ForeignKeyField(
        "models.Creator", related_name="insight_tallies", on_delete=fields.CASCADE
    )
    subject_id = fields.UUIDField()
    kind = fields.CharField(max_length=32)
    period = fields.DateField()
    key = fields.CharField(max_length=255)
    n = fields.BigIntField()

    class Meta:
        table = "insight_tally"
        unique_together = (("subject_id", "kind", "period", "key"),)


class RollupLease(Model):
    """Who may run a named background job right now: the holder renews its lease while it
    works; another process takes over only once the lease has expired (both dialects)."""

    name = fields.CharField(max_length=64, primary_key=True)
    holder = fields.CharField(max_length=128)
    expires_at = fields.DatetimeField()

    class Meta:
        table = "rollup_lease"
