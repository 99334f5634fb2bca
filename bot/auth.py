"""Credentials: creator passwords (argon2) and creator API keys (prefix + SHA-256 hash)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from bot import audit
from bot.errors import InvalidInput, NotFound
from models import ApiKey, Creator, Person

SCOPES = frozenset({"read", "write", "admin"})
KEY_PREFIX = "prl_"
_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    if len(password) < 8:
        raise InvalidInput("password must be at least 8 characters")
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def hash_key(secret: str) -> str:
    # API keys carry 256 bits of entropy, so a fast hash is the right tool (no stretching needed).
    return hashlib.sha256(secret.encode()).hexdigest()


def parse_scopes(raw: str | list[str]) -> list[str]:
    items = raw.split(",") if isinstance(raw, str) else raw
    scopes = sorted({s.strip() for s in items if s.strip()})
    unknown = set(scopes) - SCOPES
    if unknown or not scopes:
        raise InvalidInput(f"scopes must be some of {', '.join(sorted(SCOPES))}")
    return scopes


@dataclass(frozen=True)
class IssuedKey:
    """A freshly issued key: `token` is shown once and never stored."""

    row: ApiKey
    token: str


async def issue_api_key(
    creator: Creator,
    scopes: list[str],
    *,
    name: str = "",
    expires_at: datetime | None = None,
    actor: Person | None = None,
) -> IssuedKey:
    if len(name) > 100:
        raise InvalidInput("a key name is at most 100 characters")
    prefix = KEY_PREFIX + secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    row = await ApiKey.create(
        creator=creator,
        name=name,
        prefix=prefix,
        key_hash=hash_key(secret),
        scopes=parse_scopes(scopes),
        expires_at=expires_at,
    )
    await audit.record(
        creator.id,
        table="api_key",
        operation="create",
        record_id=row.id,
        new={"prefix": prefix, "scopes": row.scopes, "expires_at": str(expires_at or "")},
        actor=actor,
    )
    return IssuedKey(row=row, token=f"{prefix}.{secret}")


async def verify_api_key(token: str, *, now: datetime | None = None) -> ApiKey | None:
    """The live key a token belongs to, or None (unknown, wrong secret, revoked, expired)."""
    prefix, _, secret = token.partition(".")
    if not prefix.startswith(KEY_PREFIX) or not secret:
        return None
    row = await ApiKey.get_or_none(prefix=prefix).select_related("creator")
    if row is None or not hmac.compare_digest(row.key_hash, hash_key(secret)):
        return None
    now = now or datetime.now(UTC)
    if row.revoked or (row.expires_at is not None and row.expires_at <= now):
        return None
    row.last_used_at = now
    await row.save(update_fields=["last_used_at"])
    return row


async def api_keys(creator_id: UUID) -> list[ApiKey]:
    """A creator's keys, live ones first, newest first within each group."""
    return await ApiKey.for_creator(creator_id).order_by("revoked", "-created_at")


async def revoke_api_key(
    creator_id: UUID, key_id: UUID | str, *, now: datetime, actor: Person | None = None
) -> ApiKey:
    """Revoke one of the creator's keys; it stops working at once. Revoking twice is harmless."""
    row = await ApiKey.for_creator(creator_id).get_or_none(id=key_id)
    if row is None:
        raise NotFound("no such API key for this creator")
    if not row.revoked:
        row.revoked, row.revoked_at = True, now
        await row.save(update_fields=["revoked", "revoked_at"])
        await audit.record(
            creator_id,
            table="api_key",
            operation="revoke",
            record_id=row.id,
            new={"prefix": row.prefix},
            actor=actor,
        )
    return row
