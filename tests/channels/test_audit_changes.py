"""The audit log keeps old and new values of changed settings; secrets only as '***'."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot import audit
from bot.auth import issue_api_key
from models import AuditLog
from tests import factories
from tests.channels.conftest import Running, start


def test_diff_keeps_changes_and_masks_secrets() -> None:
    old = {"greeting": "Hi", "traits": ["calm"], "llm_api_key": "sk-old-123", "token": None}
    new = {"greeting": "Hello", "traits": ["calm"], "llm_api_key": "sk-new-456", "token": "1:A"}
    assert audit.diff(old, new) == (
        {"greeting": "Hi", "llm_api_key": "***", "token": None},
        {"greeting": "Hello", "llm_api_key": "***", "token": "***"},
    )


async def test_record_change_writes_only_real_changes(db: str) -> None:
    owner = await factories.creator()
    same = {"a": 1, "webhook_secret": "x"}
    assert await audit.record_change(owner.id, table="t", record_id="1", old=same, new=same) is None
    row = await audit.record_change(
        owner.id, table="t", record_id="1", old=same, new={"a": 2, "webhook_secret": "y"}
    )
    assert row is not None and (row.old_values, row.new_values) == (
        {"a": 1, "webhook_secret": "***"},
        {"a": 2, "webhook_secret": "***"},
    )
    stored = await AuditLog.get(id=row.id)
    assert "x" not in str(stored.old_values) and "y" not in str(stored.new_values)


@pytest.fixture
async def api(db: str, tmp_path: Path) -> AsyncIterator[tuple[Running, dict[str, str]]]:
    async for running in start(db, tmp_path):
        key = await issue_api_key(running.creator, ["read", "write"])
        yield running, {"Authorization": f"Bearer {key.token}"}


async def test_api_changes_to_a_bot_and_to_retention_are_audited(
    api: tuple[Running, dict[str, str]],
) -> None:
    running, headers = api
    client: Any = running.client
    patched = await client.patch(
        "/api/v1/bots/guide", json={"greeting": "Welcome!", "traits": ["kind"]}, headers=headers
    )
    assert patched.status == 200
    (bot_row,) = await AuditLog.filter(table_name="bot", operation="update")
    assert bot_row.old_values == {"greeting": "Hi!", "traits": []}
    assert bot_row.new_values == {"greeting": "Welcome!", "traits": ["kind"]}
    policy = {"message_text_days": 180, "deleted_grace_days": 7}
    put = await client.put("/api/v1/settings/retention", json=policy, headers=headers)
    assert put.status == 200 and (await put.json())["message_text_days"] == 180
    (row,) = await AuditLog.filter(table_name="creator_settings")
    assert row.old_values == {"message_text_days": None, "deleted_grace_days": 30}
    assert row.new_values == {"message_text_days": 180, "deleted_grace_days": 7}
    bad = await client.put("/api/v1/settings/retention", json={"x": 1}, headers=headers)
    assert bad.status == 400
    got = await (await client.get("/api/v1/settings/retention", headers=headers)).json()
    assert got["message_text_days"] == 180
