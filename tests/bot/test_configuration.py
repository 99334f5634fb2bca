"""Bot settings: validated edits land in the draft, publish applies and freezes them."""

from __future__ import annotations

import pytest
from tortoise import connections

from bot import configuration
from bot.configuration import FieldInvalid
from bot.errors import Conflict
from bot.persona import Persona
from models import Bot, BotStatus, BotVersion
from tests import factories


@pytest.fixture
async def bot(db: str) -> Bot:
    return await factories.bot(await factories.creator(), "coach", greeting="Hello")


async def test_an_edit_stays_in_the_draft_until_published(bot: Bot) -> None:
    await configuration.edit(
        bot, {"greeting": "Welcome!", "quiet_hours": "22:00-07:00", "llm_model": "qwen"}
    )
    live = await Bot.get(id=bot.id)
    assert Persona.from_bot(live).welcome() == "Hello"  # learners still get the old greeting
    assert [c.field for c in configuration.changes(live)] == [
        "greeting",
        "quiet_hours",
        "llm_model",
    ]
    version = await configuration.publish(live, note="warmer")
    row = await Bot.get(id=bot.id)
    assert row.greeting == "Welcome!" and row.settings == {
        "quiet_hours": "22:00-07:00",
        "llm": {"model": "qwen"},
    }
    assert row.draft == {} and configuration.changes(row) == []
    frozen = await BotVersion.get(id=version.id)
    assert (frozen.version, frozen.note, frozen.persona["greeting"]) == (1, "warmer", "Welcome!")


async def test_editing_back_to_the_published_value_clears_the_change(bot: Bot) -> None:
    await configuration.edit(bot, {"greeting": "Yo"})
    await configuration.edit(bot, {"greeting": "Hello"})
    assert (await Bot.get(id=bot.id)).draft == {}


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        ({"timezone": "Mars/Olympus"}, "timezone", "time zone"),
        ({"quiet_hours": "late"}, "quiet_hours", "HH:MM-HH:MM"),
        ({"allowed_origins": ["example.com"]}, "allowed_origins", "origin"),
        ({"languages": ["English!"]}, "languages", "language code"),
        ({"llm_provider": "magic"}, "llm_provider", "offline"),
        ({"llm_base_url": "ftp://x"}, "llm_base_url", "pattern"),
        ({"name": ""}, "name", "at least 1"),
        ({"colour": "red"}, "colour", "not permitted"),
    ],
)
async def test_bad_settings_name_their_field_and_change_nothing(
    bot: Bot, data: dict[str, object], field: str, words: str
) -> None:
    with pytest.raises(FieldInvalid) as caught:
        await configuration.edit(bot, data)
    assert caught.value.field == field and words in caught.value.message
    assert (await Bot.get(id=bot.id)).draft == {}


async def test_the_llm_key_is_stored_encrypted_at_once(bot: Bot) -> None:
    await configuration.edit(bot, {}, llm_api_key="sk-secret-123")
    assert (await Bot.get(id=bot.id)).llm_api_key == "sk-secret-123"
    rows = await connections.get("default").execute_query_dict("SELECT llm_api_key FROM bot")
    assert rows[0]["llm_api_key"].startswith("enc:v1:") and "sk-secret" not in str(rows)
    assert "sk-secret" not in str(configuration.draft_values(bot))


async def test_archive_stops_publishing_and_restore_brings_it_back(bot: Bot) -> None:
    await configuration.publish(bot)
    await configuration.archive(bot)
    assert (await Bot.get(id=bot.id)).status == BotStatus.ARCHIVED
    with pytest.raises(Conflict):
        await configuration.publish(bot)
    await configuration.restore(bot)
    assert (await Bot.get(id=bot.id)).status == BotStatus.PUBLISHED
    assert [v.version for v in await configuration.versions(bot)] == [1]
