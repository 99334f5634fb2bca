"""Passwords and API keys: hashed at rest, verified correctly, revocable and expiring."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.auth import hash_password, issue_api_key, parse_scopes, verify_api_key, verify_password
from bot.errors import InvalidInput
from models import ApiKey
from tests import factories


def test_passwords_are_argon2_hashed_and_verified() -> None:
    hashed = hash_password("correct horse")
    assert hashed.startswith("$argon2id$") and "correct horse" not in hashed
    assert verify_password(hashed, "correct horse")
    assert not verify_password(hashed, "wrong horse")
    assert not verify_password("not-a-hash", "correct horse")
    with pytest.raises(InvalidInput, match="8 characters"):
        hash_password("short")


def test_scopes_are_validated() -> None:
    assert parse_scopes("write, read,read") == ["read", "write"]
    with pytest.raises(InvalidInput, match="scopes must be"):
        parse_scopes("read,delete-everything")
    with pytest.raises(InvalidInput):
        parse_scopes("")


async def test_api_key_is_stored_hashed_and_verifies(db: str) -> None:
    owner = await factories.creator()
    issued = await issue_api_key(owner, ["read", "write"], name="ci")
    row = await ApiKey.get(id=issued.row.id)
    secret = issued.token.split(".", 1)[1]
    assert secret not in row.key_hash and issued.token.startswith(row.prefix + ".")
    found = await verify_api_key(issued.token)
    assert found is not None and found.creator_id == owner.id and found.scopes == ["read", "write"]
    assert (await ApiKey.get(id=row.id)).last_used_at is not None


async def test_wrong_revoked_and_expired_keys_are_refused(db: str) -> None:
    owner = await factories.creator()
    issued = await issue_api_key(owner, ["read"])
    prefix = issued.row.prefix
    assert await verify_api_key(prefix + ".not-the-secret") is None
    assert await verify_api_key("garbage") is None
    assert await verify_api_key("prl_unknown.secret") is None
    now = datetime.now(UTC)
    expiring = await issue_api_key(owner, ["read"], expires_at=now + timedelta(hours=1))
    assert await verify_api_key(expiring.token, now=now) is not None
    assert await verify_api_key(expiring.token, now=now + timedelta(hours=2)) is None
    await ApiKey.filter(id=issued.row.id).update(revoked=True)
    assert await verify_api_key(issued.token) is None
