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


MASK = "***"
SECRET_WORDS = ("token", "secret", "password", "api_key", "apikey", "auth")


def is_secret(name: str) -> bool:
    lowered = name.lower()
    return any(word in lowered for word in SECRET_WORDS)


def _shown(name: str, value: Any) -> Any:
    if is_secret(name):
        return None if value in (None, "") else MASK  # "was set" / "is set", never the value
    return value


def diff(old: dict[str, Any], new: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(old values, new values) of the fields that changed; secrets appear only as '***'."""
    changed = [k for k in dict.fromkeys([*old, *new]) if old.get(k) != new.get(k)]
    return (
        {k: _shown(k, old.get(k)) for k in changed},
        {k: _shown(k, new.get(k)) for k in changed},
    )


async def record_change(
    creator_id: UUID,
    *,
    table: str,
    record_id: UUID | str,
    old: dict[str, Any],
    new: dict[str, Any],
    actor_type: str = "creator",
) -> AuditLog | None:
    """An 'update' row with the old and new values of what changed (nothing if nothing did)."""
    before, after = diff(old, new)
    if not after:
        return None
    return await record(
        creator_id,
        table=table,
        operation="update",
        record_id=record_id,
        old=before,
        new=after,
        actor_type=actor_type,
    )
