"""A bot's Texts tab: per-language overrides of built-in texts, as the engine then sends them."""

from __future__ import annotations

from bot.i18n.catalogue import Texts
from models import AuditLog, Bot
from tests.channels.studio.world import Studio, StudioClient


async def test_editor_overrides_a_spanish_text_and_the_bot_uses_it(
    studio: Studio, as_editor: StudioClient
) -> None:
    slug = studio.mine.bot.slug
    page = await as_editor.page(f"/studio/bots/{slug}/texts?language=es")
    assert "Lo siento, no sé la respuesta" in page  # the shipped Spanish text, shown as the default
    response = await as_editor.post(
        f"/studio/bots/{slug}/texts",
        {
            "language": "es",
            "text:dont_know": "No lo sé todavía, pregunta a {name}.",
            "text:fallback": "",
        },
    )
    assert response.status == 303
    bot = await Bot.get(id=studio.mine.bot.id)
    assert bot.settings["texts"] == {"dont_know": {"es": "No lo sé todavía, pregunta a {name}."}}
    assert (
        Texts.for_bot("es", bot).get("dont_know", name="Ana") == "No lo sé todavía, pregunta a Ana."
    )
    assert "Lo siento" not in Texts.for_bot("en", bot).get("dont_know", name="Ana")
    after = await as_editor.page(f"/studio/bots/{slug}/texts?language=es")
    assert "Texts for es saved." in after and "No lo sé todavía" in after
    assert await AuditLog.filter(table_name="bot_texts", record_id=str(bot.id)).count() == 1


async def test_other_languages_keep_their_overrides(
    studio: Studio, as_editor: StudioClient
) -> None:
    slug = studio.mine.bot.slug
    await as_editor.post(f"/studio/bots/{slug}/texts", {"language": "es", "text:fallback": "Ayuda"})
    await as_editor.post(f"/studio/bots/{slug}/texts", {"language": "*", "text:fallback": "Help!"})
    bot = await Bot.get(id=studio.mine.bot.id)
    assert bot.settings["texts"] == {"fallback": {"es": "Ayuda", "*": "Help!"}}


async def test_a_missing_placeholder_is_refused_with_the_reason(
    studio: Studio, as_editor: StudioClient
) -> None:
    slug = studio.mine.bot.slug
    response = await as_editor.post(
        f"/studio/bots/{slug}/texts", {"language": "en", "text:paused_until": "Paused."}
    )
    html = await response.text()
    assert response.status == 400
    assert "placeholders must be exactly: {title}, {when}" in html and "Paused." in html
    assert "texts" not in (await Bot.get(id=studio.mine.bot.id)).settings


async def test_viewers_cannot_save_and_other_workspaces_bots_are_404(
    studio: Studio, as_viewer: StudioClient, as_editor: StudioClient
) -> None:
    refused = await as_viewer.post(
        f"/studio/bots/{studio.mine.bot.slug}/texts", {"language": "en", "text:fallback": "x"}
    )
    assert refused.status == 403
    theirs = await as_editor.get(f"/studio/bots/{studio.other.bot.slug}/texts")
    assert theirs.status == 404
    bad = await as_editor.get(f"/studio/bots/{studio.mine.bot.slug}/texts?language=%3Cx%3E")
    assert bad.status == 400
