"""Audit log page: entries of this workspace only, filtered by actor, action and date."""

from __future__ import annotations

from datetime import UTC, datetime

from bot import audit
from models import AuditLog
from tests.channels.studio.world import Studio, StudioClient


async def _seed(studio: Studio) -> None:
    mine = studio.mine.creator.id
    await audit.record(mine, table="bot", operation="publish", record_id="b1", new={"slug": "s1"})
    await audit.record(
        mine, table="api_key", operation="revoke", record_id="k1", actor=studio.mine.editor
    )
    await audit.record(studio.other.creator.id, table="bot", operation="delete", record_id="x")
    old = await audit.record(mine, table="bot", operation="archive", record_id="b0")
    await AuditLog.filter(id=old.id).update(created_at=datetime(2025, 1, 10, 12, tzinfo=UTC))


async def test_audit_log_lists_this_workspace_and_filters(
    studio: Studio, as_viewer: StudioClient
) -> None:
    await _seed(studio)
    html = await as_viewer.page("/studio/audit")
    assert "bot.publish" in html and "api_key.revoke" in html and "bot.archive" in html
    assert "bot.delete" not in html  # the other workspace's entry
    by_editor = await as_viewer.page(f"/studio/audit?actor={studio.mine.editor.id}")
    assert "api_key.revoke" in by_editor and "<td>bot.publish</td>" not in by_editor
    by_action = await as_viewer.page("/studio/audit?action=bot.publish")
    assert "<td>bot.publish</td>" in by_action and "<td>api_key.revoke</td>" not in by_action
    dated = await as_viewer.page("/studio/audit?from=2025-01-10&to=2025-01-10")
    assert "<td>bot.archive</td>" in dated and "<td>bot.publish</td>" not in dated


async def test_a_bad_date_is_named(as_viewer: StudioClient) -> None:
    response = await as_viewer.get("/studio/audit?from=yesterday")
    assert response.status == 400
    assert "From: use a date like 2026-03-31" in await response.text()
