"""The audit trail: sensitive operations on a creator's data, recorded without any secret."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
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


@dataclass(frozen=True)
class AuditQuery:
    """What the audit log page asks for; every part is optional."""

    actor: str = ""  # a person's id, or "creator" for the CLI/API
    action: str = ""  # "table.operation", e.g. "api_key.revoke"
    since: datetime | None = None
    until: datetime | None = None
    before: datetime | None = None  # paging cursor: entries strictly older than this


async def entries(creator_id: UUID, query: AuditQuery, *, limit: int = 50) -> list[AuditLog]:
    """Newest first, through the (creator_id, created_at) index."""
    rows = AuditLog.for_creator(creator_id)
    if query.actor == "creator":
        rows = rows.filter(actor_id=None)
    elif query.actor:
        rows = rows.filter(actor_id=query.actor)
    if query.action:
        table, _, operation = query.action.partition(".")
        rows = rows.filter(table_name=table, operation=operation)
    if query.since:
        rows = rows.filter(created_at__gte=query.since)
    if query.until:
        rows = rows.filter(created_at__lt=query.until)
    if query.before:
        rows = rows.filter(created_at__lt=query.before)
    return await rows.order_by("-created_at").limit(limit)


async def actions(creator_id: UUID) -> list[str]:
    pairs = await AuditLog.for_creator(creator_id).distinct().values_list("table_name", "operation")
    return sorted(f"{table}.{operation}" for table, operation in pairs)


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
