"""Workspace settings page: retention and the LLM budget, through the same services as the API."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.budget import add_tokens
from models import AuditLog, Creator
from tests.channels.studio.world import Studio, StudioClient


async def test_owner_sets_retention_and_it_is_audited(
    studio: Studio, as_owner: StudioClient
) -> None:
    form = {
        "interaction_events_days": "90",
        "message_text_days": "",
        "test_conversations_days": "3",
        "deleted_grace_days": "10",
    }
    response = await as_owner.post("/studio/settings/retention", form)
    assert response.status == 303
    creator = await Creator.get(id=studio.mine.creator.id)
    assert creator.settings["retention"] == {
        "interaction_events_days": 90,
        "message_text_days": None,
        "test_conversations_days": 3,
        "deleted_grace_days": 10,
    }
    page = await as_owner.page("/studio/settings")
    assert "Retention settings saved." in page and 'value="90"' in page
    change = await AuditLog.get(table_name="creator_settings")
    assert change.new_values["interaction_events_days"] == 90


async def test_bad_retention_is_explained_and_nothing_changes(
    studio: Studio, as_owner: StudioClient
) -> None:
    response = await as_owner.post(
        "/studio/settings/retention", {"interaction_events_days": "0", "message_text_days": "x"}
    )
    html = await response.text()
    assert response.status == 400
    assert "greater than or equal to 1" in html and "valid integer" in html
    creator = await Creator.get(id=studio.mine.creator.id)
    assert "retention" not in (creator.settings or {})


async def test_budget_warning_shows_on_settings_and_home(
    studio: Studio, as_owner: StudioClient
) -> None:
    response = await as_owner.post("/studio/settings/llm-budget", {"monthly_tokens": "1000"})
    assert response.status == 303
    await add_tokens(studio.mine.creator.id, 850, datetime.now(UTC).date())
    page = await as_owner.page("/studio/settings")
    assert "850</strong> tokens used of 1,000 (85.0%)" in page
    assert "85% of the monthly LLM token budget is used" in page
    home = await as_owner.page("/studio/")
    assert "85% of the monthly LLM token budget is used" in home
    assert 'href="/studio/settings"' in home


async def test_viewers_and_editors_cannot_change_settings(
    studio: Studio, as_viewer: StudioClient, as_editor: StudioClient
) -> None:
    page = await as_viewer.page("/studio/settings")
    assert "Save retention" not in page and "Data retention" in page
    for client in (as_viewer, as_editor):
        refused = await client.post("/studio/settings/llm-budget", {"monthly_tokens": "5"})
        assert refused.status == 403
    creator = await Creator.get(id=studio.mine.creator.id)
    assert "llm_budget" not in (creator.settings or {})
