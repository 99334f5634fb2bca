"""KnowledgeService: ingest rows, dedup, delete from Chroma, statuses, scoping, re-indexing."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.errors import InvalidInput, NotFound
from bot.rag.embedding import MINILM_NAME, HashingEmbedder, load_embedder
from bot.rag.service import KnowledgeService
from bot.rag.sources import IngestFailed, UnsupportedFileType
from models.bots import Bot
from models.knowledge import Document, DocumentChunk, KnowledgeBase, ProcessingStatus
from tests.bot.rag.conftest import make_bot

GUIDE = """# Green tea
Green tea is steeped at eighty degrees for two minutes. Boiling water makes it bitter.

# Black tea
Black tea takes boiling water and four minutes. Milk is optional.
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


async def vector_ids(service: KnowledgeService, kb: KnowledgeBase) -> set[str]:
    return set(service.store.collection(kb.collection_name).get(include=[])["ids"])


async def test_add_stores_document_chunks_and_vectors(
    service: KnowledgeService, bot: Bot, tmp_path: Path
) -> None:
    seen: list[tuple[int, int]] = []
    result = await service.add(
        bot.creator_id,
        bot.slug,
        write(tmp_path, "tea.md", GUIDE),
        progress=lambda d, t: seen.append((d, t)),
    )
    assert result.created
    doc = await Document.get(id=result.document.id)
    assert (doc.title, doc.file_type, doc.processing_status) == (
        "Green tea",  # the Markdown file's own H1
        "md",
        ProcessingStatus.READY,
    )
    chunks = await DocumentChunk.filter(document_id=doc.id).order_by("chunk_index")
    assert [c.heading for c in chunks] == ["Green tea", "Black tea"]
    assert all(c.token_count > 0 and c.embedding_model == HashingEmbedder.name for c in chunks)
    kb = await KnowledgeBase.get(id=doc.knowledge_base_id)
    assert await bot.knowledge_bases.all().values_list("id", flat=True) == [kb.id]
    assert (kb.document_count, doc.chunk_count, kb.embedding_model) == (1, 2, HashingEmbedder.name)
    assert await vector_ids(service, kb) == {c.embedding_id for c in chunks}
    assert seen[-1] == (2, 2)


async def test_adding_the_same_content_again_is_a_no_op(
    service: KnowledgeService, bot: Bot, tmp_path: Path
) -> None:
    first = await service.add(bot.creator_id, bot.slug, write(tmp_path, "a.md", GUIDE))
    again = await service.add(bot.creator_id, bot.slug, write(tmp_path, "copy.md", GUIDE + "\n\n"))
    assert not again.created and again.document.id == first.document.id
    assert await Document.all().count() == 1
    assert await DocumentChunk.all().count() == 2
    kb = await service.knowledge_base(bot.creator_id, bot.slug)
    assert kb.document_count == 1 and len(await vector_ids(service, kb)) == 2


async def test_remove_deletes_chunks_from_chroma_and_the_database(
    service: KnowledgeService, bot: Bot, tmp_path: Path
) -> None:
    keep = await service.add(bot.creator_id, bot.slug, write(tmp_path, "keep.txt", "Oolong notes."))
    gone = await service.add(bot.creator_id, bot.slug, write(tmp_path, "gone.md", GUIDE))
    kb = await service.knowledge_base(bot.creator_id, bot.slug)
    hits = await service.retriever.retrieve([kb.id], "black tea milk")
    assert hits[0].document_id == str(gone.document.id)
    await service.remove(bot.creator_id, str(gone.document.id))
    keep_ids = await DocumentChunk.filter(document_id=keep.document.id).values_list(
        "embedding_id", flat=True
    )
    assert await vector_ids(service, kb) == set(keep_ids)
    assert await DocumentChunk.filter(document_id=gone.document.id).count() == 0
    row = await Document.get(id=gone.document.id)
    assert row.deleted_at is not None and row.status == "deleted"
    assert [d.id for d in await service.list(bot.creator_id, bot.slug)] == [keep.document.id]
    hits = await service.retriever.retrieve([kb.id], "black tea milk")
    assert hits and str(gone.document.id) not in {h.document_id for h in hits}
    assert (await KnowledgeBase.get(id=kb.id)).document_count == 1


async def test_re_adding_a_removed_document_indexes_it_again(
    service: KnowledgeService, bot: Bot, tmp_path: Path
) -> None:
    path = write(tmp_path, "tea.md", GUIDE)
    first = await service.add(bot.creator_id, bot.slug, path)
    await service.remove(bot.creator_id, first.document.id)
    again = await service.add(bot.creator_id, bot.slug, path)
    assert again.created and again.document.id == first.document.id
    assert [d.id for d in await service.list(bot.creator_id, bot.slug)] == [first.document.id]
    assert await DocumentChunk.filter(document_id=first.document.id).count() == 2


async def test_a_failed_ingest_is_recorded_on_the_document(
    service: KnowledgeService, bot: Bot, tmp_path: Path
) -> None:
    with pytest.raises(IngestFailed, match="nothing to index besides headings"):
        await service.add(bot.creator_id, bot.slug, write(tmp_path, "h.md", "# Only\n## Headings"))
    doc = await Document.get()
    assert doc.processing_status == ProcessingStatus.FAILED
    assert "nothing to index besides headings" in (doc.processing_error or "")
    assert await DocumentChunk.all().count() == 0


async def test_bad_input_is_refused_before_anything_is_stored(
    service: KnowledgeService, bot: Bot, tmp_path: Path
) -> None:
    with pytest.raises(UnsupportedFileType):
        await service.add(bot.creator_id, bot.slug, write(tmp_path, "x.exe", "MZ"))
    with pytest.raises(NotFound, match="no bot 'nobody'"):
        await service.add(bot.creator_id, "nobody", write(tmp_path, "a.txt", "hi"))
    with pytest.raises(InvalidInput, match="not a document id"):
        await service.remove(bot.creator_id, "12")
    assert await Document.all().count() == 0


async def test_creators_cannot_see_or_remove_each_others_documents(
    service: KnowledgeService, bot: Bot, tmp_path: Path
) -> None:
    other = await make_bot("rival")
    mine = await service.add(bot.creator_id, bot.slug, write(tmp_path, "tea.md", GUIDE))
    with pytest.raises(NotFound):
        await service.list(other.creator_id, bot.slug)
    assert await service.list(other.creator_id, other.slug) == []
    with pytest.raises(NotFound, match="no document"):
        await service.remove(other.creator_id, mine.document.id)
    with pytest.raises(NotFound):
        await service.add(other.creator_id, bot.slug, write(tmp_path, "b.txt", "sneaky"))
    assert (await Document.get(id=mine.document.id)).deleted_at is None
    assert await DocumentChunk.filter(document_id=mine.document.id).count() == 2


async def test_remove_with_a_bot_only_touches_that_bots_documents(
    service: KnowledgeService, bot: Bot, tmp_path: Path
) -> None:
    sibling = await Bot.create(creator_id=bot.creator_id, slug="sibling", name="Sibling")
    doc = await service.add(bot.creator_id, bot.slug, write(tmp_path, "tea.md", GUIDE))
    with pytest.raises(NotFound):
        await service.remove(bot.creator_id, doc.document.id, bot_slug=sibling.slug)
    await service.remove(bot.creator_id, doc.document.id, bot_slug=bot.slug)
    assert await service.list(bot.creator_id, bot.slug) == []


@pytest.mark.slow
async def test_reindex_builds_a_new_collection_and_swaps_when_complete(
    service: KnowledgeService, bot: Bot, tmp_path: Path
) -> None:
    await service.add(bot.creator_id, bot.slug, write(tmp_path, "tea.md", GUIDE))
    kb = await service.knowledge_base(bot.creator_id, bot.slug)
    old_name = kb.collection_name
    chunk_ids = set(await DocumentChunk.all().values_list("embedding_id", flat=True))
    await service.reindex(bot.creator_id, kb.id, load_embedder("minilm"))
    kb = await KnowledgeBase.get(id=kb.id)
    assert kb.collection_name != old_name and kb.embedding_model == MINILM_NAME
    assert await vector_ids(service, kb) == chunk_ids
    assert old_name not in {c.name for c in service.store.client.list_collections()}
    assert set(await DocumentChunk.all().values_list("embedding_model", flat=True)) == {MINILM_NAME}
    hits = await service.retriever.retrieve([kb.id], "can I add milk to my black tea?")
    assert hits[0].heading == "Black tea"
    assert all(h.dense_score is not None and -1 <= h.dense_score <= 1 for h in hits)


async def test_uploads_and_inline_text_for_the_creator_api(
    service: KnowledgeService, bot: Bot, tmp_path: Path
) -> None:
    uploaded = await service.add_upload(bot.creator_id, bot.slug, GUIDE.encode(), "guide.md")
    assert (uploaded.created, uploaded.document.file_type, uploaded.document.chunk_count) == (
        True,
        "md",
        2,
    )
    inline = await service.add_json(bot.creator_id, bot.slug, None, "", "Hojicha is roasted.")
    assert inline.document.title == "Hojicha is roasted." and inline.document.chunk_count == 1
    with pytest.raises(UnsupportedFileType):
        await service.add_upload(bot.creator_id, bot.slug, b"MZ", "tool.exe")
    with pytest.raises(IngestFailed, match="the text is empty"):
        await service.add_json(bot.creator_id, bot.slug, None, "t", "  \n ")
    with pytest.raises(InvalidInput, match="either a url or a text"):
        await service.add_json(bot.creator_id, bot.slug, None, None, None)
    assert len(await service.list(bot.creator_id, bot.slug)) == 2
