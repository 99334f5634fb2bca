"""The audit trail: sensitive operations on a creator's data, recorded without any secret."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from models import AuditLog, Person


async def record(
    creator_id: UUID,
    *,
    table: str,
    operation: str,
    record_id: UUID | str,
    new: dict[str, Any] | None = None,
    old: dict[str, Any] | None = None,
    actor_type: str = "creator",
    actor: Person | None = None,
) -> AuditLog:
    """One audit row; callers pass only non-secret values (ids, names, versions, scopes).

    `actor` is the studio login that acted; without one the actor is the creator (CLI, API).
    """
    return await AuditLog.create(
        creator_id=creator_id,
        table_name=table,
        operation=operation,
        record_id=str(record_id),
        new_values=new,
        old_values=old,
        actor_type="person" if actor else actor_type,
        actor_id=str(actor.id) if actor else None,
    )
