"""Program pages: import with a mistake, fix it, publish, badges, preview timeline."""

from __future__ import annotations

from pathlib import Path

from aiohttp import FormData

from models import Program, ProgramVersion
from tests.channels.studio.world import Studio, StudioClient

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "programs" / "focus-course.yaml"


async def test_import_with_a_mistake_then_fix_publish_and_preview(
    as_editor: StudioClient, studio: Studio
) -> None:
    base = f"/studio/bots/{studio.mine.bot.slug}/programs"
    await as_editor.page(base)
    good = EXAMPLE.read_text()
    broken = good.replace("kind: quiz", "kind: quizz", 1)
    response = await as_editor.post(base, {"definition": broken})
    html = await response.text()
    assert response.status == 400
    assert "step &#39;lesson-2-quiz&#39; (index 2): kind: must be one of" in html
    assert "kind: quizz" in html  # the text stays in the editor to be fixed
    assert not await Program.exists()
    fixed = await as_editor.post(base, {"definition": good})
    assert fixed.status == 302
    page = fixed.headers["Location"]
    assert page == f"{base}/focus-course"
    html = await as_editor.page(page)
    assert "<strong>Focused</strong> (focus-graduate)" in html  # the program's badges
    assert "The draft has changes learners do not get yet." in html
    await as_editor.post(page + "/publish")
    assert await ProgramVersion.filter(program__code="focus-course").count() == 1
    html = await as_editor.page(page)
    assert "The draft is published." in html
    listed = await as_editor.page(base)
    assert "<td>1</td>" in listed and "focus-course" in listed
    preview = await as_editor.get(
        page + "/preview",
        params={"days": "7", "learners": "2", "tz": "Europe/Paris"},
        headers={"HX-Request": "true"},
    )
    block = await preview.text()
    assert preview.status == 200 and block.lstrip().startswith('<div id="preview"')
    assert "<td>lesson-1</td><td>step</td>" in block
    assert "<td>learner-2</td>" in block and "<td>1</td>" in block


async def test_preview_options_are_validated(as_viewer: StudioClient, studio: Studio) -> None:
    await _import(studio)
    page = f"/studio/bots/{studio.mine.bot.slug}/programs/focus-course"
    await as_viewer.page(page)
    response = await as_viewer.get(page + "/preview", params={"days": "0", "tz": "Nowhere/City"})
    html = await response.text()
    assert response.status == 400
    assert 'aria-describedby="f-days-error"' in html and "is not a time zone" in html


async def test_an_uploaded_file_is_imported(as_editor: StudioClient, studio: Studio) -> None:
    base = f"/studio/bots/{studio.mine.bot.slug}/programs"
    await as_editor.page(base)
    form = FormData()
    form.add_field("csrf_token", as_editor.csrf)
    form.add_field("file", EXAMPLE.read_bytes(), filename="focus.yaml")
    response = await as_editor.post(base, form)
    assert response.status == 302
    assert await Program.filter(code="focus-course", bot_id=studio.mine.bot.id).exists()


async def test_viewers_cannot_import_or_publish(as_viewer: StudioClient, studio: Studio) -> None:
    await _import(studio)
    base = f"/studio/bots/{studio.mine.bot.slug}/programs"
    await as_viewer.page(base)
    assert (await as_viewer.post(base, {"definition": EXAMPLE.read_text()})).status == 403
    assert (await as_viewer.post(base + "/focus-course/publish")).status == 403
    assert not await ProgramVersion.exists()


async def _import(studio: Studio) -> None:
    from bot.programs import service
    from bot.programs.loader import load_file

    await service.import_program(studio.mine.bot, load_file(EXAMPLE))
