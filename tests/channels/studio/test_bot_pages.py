"""Bot pages: create, edit the draft with errors beside fields, publish, history, archive."""

from __future__ import annotations

from models import Bot, BotStatus, BotVersion
from tests.channels.studio.world import Studio, StudioClient


async def test_create_a_bot_and_see_it_listed(as_editor: StudioClient) -> None:
    response = await as_editor.post("/studio/bots", {"name": "Yoga Coach", "slug": "yoga"})
    assert response.status == 302 and response.headers["Location"] == "/studio/bots/yoga"
    html = await as_editor.page("/studio/bots")
    assert '<a href="/studio/bots/yoga">Yoga Coach</a>' in html
    taken = await as_editor.post("/studio/bots", {"name": "Again", "slug": "yoga"})
    assert taken.status == 400 and "is taken" in await taken.text()


async def test_edit_shows_the_diff_then_publish_freezes_a_version(
    as_editor: StudioClient, studio: Studio
) -> None:
    slug = studio.mine.bot.slug
    saved = await as_editor.post(
        f"/studio/bots/{slug}",
        {"name": "Test Bot", "greeting": "Welcome, friend!", "traits": "warm\nbrief"},
    )
    assert saved.status == 302
    html = await as_editor.page(f"/studio/bots/{slug}")
    assert '<th scope="row">greeting</th><td>—</td><td>Welcome, friend!</td>' in html
    assert "[&#39;warm&#39;, &#39;brief&#39;]" in html
    assert (await Bot.get(id=studio.mine.bot.id)).greeting == ""  # not live before publish
    published = await as_editor.post(f"/studio/bots/{slug}/publish", {"note": "first cut"})
    assert published.status == 302
    html = await as_editor.page(f"/studio/bots/{slug}")
    assert "No unpublished changes" in html and "<td>first cut</td>" in html
    live = await Bot.get(id=studio.mine.bot.id)
    assert (live.greeting, live.traits) == ("Welcome, friend!", ["warm", "brief"])
    assert await BotVersion.filter(bot_id=live.id).count() == 1


async def test_a_bad_setting_is_named_beside_its_field(
    as_editor: StudioClient, studio: Studio
) -> None:
    slug = studio.mine.bot.slug
    response = await as_editor.post(
        f"/studio/bots/{slug}", {"name": "Test Bot", "timezone": "Moon/Base", "greeting": "x"}
    )
    html = await response.text()
    assert response.status == 400
    assert 'id="f-timezone" name="timezone" type="text" value="Moon/Base"' in html
    assert 'aria-invalid="true" aria-describedby="f-timezone-error"' in html
    assert "is not a time zone" in html
    assert (await Bot.get(id=studio.mine.bot.id)).draft == {}


async def test_the_llm_key_is_write_only(as_editor: StudioClient, studio: Studio) -> None:
    slug = studio.mine.bot.slug
    await as_editor.post(f"/studio/bots/{slug}", {"name": "Test Bot", "llm_api_key": "sk-777"})
    html = await as_editor.page(f"/studio/bots/{slug}")
    assert "sk-777" not in html and "A key is set" in html
    assert (await Bot.get(id=studio.mine.bot.id)).llm_api_key == "sk-777"


async def test_archive_and_restore(as_editor: StudioClient, studio: Studio) -> None:
    slug = studio.mine.bot.slug
    await as_editor.post(f"/studio/bots/{slug}/archive")
    assert (await Bot.get(id=studio.mine.bot.id)).status == BotStatus.ARCHIVED
    assert "This bot is archived" in await as_editor.page(f"/studio/bots/{slug}")
    await as_editor.post(f"/studio/bots/{slug}/restore")
    assert (await Bot.get(id=studio.mine.bot.id)).status == BotStatus.DRAFT


async def test_viewers_read_but_cannot_write(as_viewer: StudioClient, studio: Studio) -> None:
    slug = studio.mine.bot.slug
    html = await as_viewer.page(f"/studio/bots/{slug}")
    assert "Save draft" not in html
    refused = await as_viewer.post(f"/studio/bots/{slug}", {"name": "Hacked"})
    assert refused.status == 403
    assert (await Bot.get(id=studio.mine.bot.id)).draft == {}


async def test_another_workspaces_bot_is_not_found(as_owner: StudioClient, studio: Studio) -> None:
    slug = studio.other.bot.slug
    assert (await as_owner.get(f"/studio/bots/{slug}")).status == 404
    assert (await as_owner.post(f"/studio/bots/{slug}/publish")).status == 404
    assert not await BotVersion.filter(bot_id=studio.other.bot.id).exists()


async def test_the_widget_theme_is_edited_on_the_bot_page(
    as_editor: StudioClient, studio: Studio
) -> None:
    slug = studio.mine.bot.slug
    bad = await as_editor.post(f"/studio/bots/{slug}", {"name": "Test Bot", "widget_color": "red"})
    assert bad.status == 400 and "write a colour as #RRGGBB" in await bad.text()
    form = {
        "name": "Test Bot",
        "widget_title": "Ask us",
        "widget_color": "#0F766E",
        "widget_position": "left",
        "widget_starters": "What is this?\n\nHow do I start?",
    }
    assert (await as_editor.post(f"/studio/bots/{slug}", form)).status == 302
    assert (await as_editor.post(f"/studio/bots/{slug}/publish", {"note": "theme"})).status == 302
    live = await Bot.get(id=studio.mine.bot.id)
    assert live.settings["widget"] == {
        "title": "Ask us",
        "color": "#0f766e",
        "position": "left",
        "starters": ["What is this?", "How do I start?"],
    }
    html = await as_editor.page(f"/studio/bots/{slug}")
    assert '<label for="f-widget_starters">Starter questions</label>' in html
    assert "What is this?\nHow do I start?</textarea>" in html
