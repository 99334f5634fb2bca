"""The audit trail: sensitive operations on a creator's data, recorded without any secret."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from models import AuditLog


async def record(
    creator_id: UUID,
    *,
    table: str,
    operation: str,
    record_id: UUID | str,
    new: dict[str, Any] | None = None,
    old: dict[str, Any] | None = None,
    actor_type: str = "creator",
) -> AuditLog:
    """One audit row; callers pass only non-secret values (ids, names, versions, scopes)."""
    return await AuditLog.create(
        creator_id=creator_id,
        table_name=table,
        operation=operation,
        record_id=str(record_id),
        new_values=new,
        old_values=old,
        actor_type=actor_type,
    )
