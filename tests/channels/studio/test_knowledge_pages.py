"""Knowledge pages: uploads queue, the worker indexes, status shows live, retrieval test."""

from __future__ import annotations

from aiohttp import FormData

from models import Document, Message, ProcessingStatus
from tests.channels.studio.world import Studio, StudioClient

GUIDE = b"# Quiet hours\n\nNothing is sent during quiet hours, from 21:00 to 08:00 local time.\n"


def files(*named: tuple[str, bytes], csrf: str) -> FormData:
    form = FormData()
    form.add_field("csrf_token", csrf)
    for name, data in named:
        form.add_field("file", data, filename=name)
    return form


async def drain(studio: Studio) -> None:
    while await studio.services.ingest.process_next():
        pass


async def test_upload_several_files_then_watch_them_become_ready(
    as_editor: StudioClient, studio: Studio
) -> None:
    base = f"/studio/bots/{studio.mine.bot.slug}/knowledge"
    await as_editor.page(base)
    form = files(("guide.md", GUIDE), ("broken.pdf", b"%PDF-1.4 torn off"), csrf=as_editor.csrf)
    response = await as_editor.post(base + "/files", form)
    assert response.status == 302
    html = await as_editor.page(base)
    assert "2 file(s) queued" in html and html.count('data-status="pending"') == 2
    assert 'hx-trigger="every 2s"' in html  # the table polls while work is queued
    await drain(studio)
    partial = await as_editor.get(base + "/documents", headers={"HX-Request": "true"})
    block = await partial.text()
    assert block.lstrip().startswith('<section id="documents"') and "<html" not in block
    assert "<td>Quiet hours</td>" in block and "<td>1</td>" in block
    assert "failed: broken.pdf" in block
    assert "every 2s" not in block  # nothing left to wait for: polling stops


async def test_retrieval_test_shows_passages_scores_and_the_cited_reply(
    as_viewer: StudioClient, studio: Studio
) -> None:
    await studio.services.ingest.enqueue_text(
        studio.mine.creator.id, studio.mine.bot.slug, "House rules", GUIDE.decode()
    )
    await drain(studio)
    base = f"/studio/bots/{studio.mine.bot.slug}/knowledge"
    await as_viewer.page(base)
    response = await as_viewer.get(
        base + "/ask", params={"question": "When are quiet hours?"}, headers={"HX-Request": "true"}
    )
    html = await response.text()
    assert response.status == 200 and html.lstrip().startswith('<div id="answer"')
    assert "21:00" in html and "<strong>House rules</strong>" in html
    assert "<td>House rules \u203a Quiet hours</td>" in html
    assert await Message.all().count() == 0


async def test_add_url_and_text_and_errors_are_named(
    as_editor: StudioClient, studio: Studio
) -> None:
    base = f"/studio/bots/{studio.mine.bot.slug}/knowledge"
    await as_editor.page(base)
    bad = await as_editor.post(base + "/url", {"url": "ftp://nope"})
    assert bad.status == 400 and "starting with https://" in await bad.text()
    empty = await as_editor.post(base + "/text", {"title": "x", "text": "  "})
    assert empty.status == 400 and "the text is empty" in await empty.text()
    await as_editor.post(base + "/url", {"url": "https://example.com/faq"})
    await as_editor.post(base + "/text", {"title": "Tips", "text": "Drink water."})
    queued = await Document.all().order_by("created_at").values_list("source", flat=True)
    assert queued == ["https://example.com/faq", "text"]


async def test_delete_and_reindex(as_editor: StudioClient, studio: Studio) -> None:
    doc = await studio.services.ingest.enqueue_text(
        studio.mine.creator.id, studio.mine.bot.slug, "Tips", "Drink water often."
    )
    await drain(studio)
    base = f"/studio/bots/{studio.mine.bot.slug}/knowledge"
    await as_editor.page(base)
    await as_editor.post(f"{base}/{doc.id}/reindex")
    assert (await Document.get(id=doc.id)).processing_status == ProcessingStatus.PENDING
    await drain(studio)
    await as_editor.post(f"{base}/{doc.id}/delete")
    assert (await Document.get(id=doc.id)).deleted_at is not None
    assert "No documents yet." in await as_editor.page(base)


async def test_viewers_cannot_add_and_strangers_get_404(
    as_viewer: StudioClient, as_other_owner: StudioClient, studio: Studio
) -> None:
    base = f"/studio/bots/{studio.mine.bot.slug}/knowledge"
    await as_viewer.page(base)
    refused = await as_viewer.post(base + "/text", {"title": "x", "text": "y"})
    assert refused.status == 403
    doc = await studio.services.ingest.enqueue_text(
        studio.mine.creator.id, studio.mine.bot.slug, "Tips", "Drink water often."
    )
    await as_other_owner.page("/studio/")
    assert (await as_other_owner.get(base)).status == 404
    other_base = f"/studio/bots/{studio.other.bot.slug}/knowledge"
    stolen = await as_other_owner.post(f"{other_base}/{doc.id}/delete")
    assert stolen.status == 404
    assert (await Document.get(id=doc.id)).deleted_at is None
    assert await Document.all().count() == 1


async def test_a_long_list_is_paged_with_totals_for_every_page(
    as_viewer: StudioClient, studio: Studio
) -> None:
    mine = studio.mine
    for n in range(53):
        await studio.services.ingest.enqueue_text(
            mine.creator.id, mine.bot.slug, f"Note {n:02d}", f"Text number {n}."
        )
    base = f"/studio/bots/{mine.bot.slug}/knowledge"
    first = await as_viewer.page(base)
    assert "53 document(s): 0 ready, 53 queued" in first
    assert first.count('data-status="pending"') == 50 and "Page 1 of 2" in first
    assert f'href="{base}?page=2" rel="next"' in first and "Note 49" in first
    second = await as_viewer.page(base + "?page=2")
    assert second.count('data-status="pending"') == 3 and "Note 52" in second
    assert "Note 49" not in second and f'href="{base}?page=1" rel="prev"' in second
    assert f'hx-get="{base}/documents?page=2"' in second  # polling keeps the page
    nonsense = await as_viewer.page(base + "?page=-4")
    assert "Page 1 of 2" in nonsense
