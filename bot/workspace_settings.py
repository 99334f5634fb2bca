"""A workspace's own settings (data retention, the monthly LLM budget): read, validated, audited.

The creator API (`/api/v1/settings/*`) and the studio's settings page both call these, so a
change made in either place is validated and audited the same way.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from bot import audit, budget
from bot.retention import RetentionPolicy
from models import Creator


class BudgetIn(BaseModel):
    """The monthly LLM token budget; null removes the limit."""

    model_config = ConfigDict(extra="forbid")

    monthly_tokens: int | None = Field(default=None, ge=0, le=10**12)


async def retention_of(creator_id: UUID) -> RetentionPolicy:
    return RetentionPolicy.of(await Creator.get(id=creator_id))


async def _save_section(
    creator: Creator, section: str, before: dict[str, Any], after: dict[str, Any]
) -> None:
    """Store one section of the creator's settings and audit what changed in it."""
    creator.settings = {**(creator.settings or {}), section: after}
    await creator.save(update_fields=["settings", "updated_at"])
    await audit.record_change(
        creator.id, table="creator_settings", record_id=creator.id, old=before, new=after
    )


async def set_retention(creator_id: UUID, policy: RetentionPolicy) -> RetentionPolicy:
    creator = await Creator.get(id=creator_id)
    before = RetentionPolicy.of(creator).model_dump()
    await _save_section(creator, "retention", before, policy.model_dump())
    return policy


async def set_budget(creator_id: UUID, body: BudgetIn, today: date) -> dict[str, Any]:
    """Store the budget and return this month's usage against it (with its warning)."""
    creator = await Creator.get(id=creator_id)
    before = {"monthly_tokens": budget.monthly_budget(creator)}
    await _save_section(creator, "llm_budget", before, body.model_dump())
    return await budget.usage_summary(creator_id, today)
