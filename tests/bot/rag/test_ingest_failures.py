"""A document that fails part-way through indexing leaves no chunks in Chroma or the database."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.rag.errors import IngestFailed
from bot.rag.service import KnowledgeService
from bot.rag.sources import from_text
from models.bots import Bot
from models.knowledge import Document, DocumentChunk, ProcessingStatus

LESSON = "\n\n".join(f"## Step {n}\n\nBreathe in for {n} counts, then out." for n in range(40))


async def test_a_bad_document_in_a_batch_leaves_no_chunks_for_any(
    service: KnowledgeService, bot: Bot
) -> None:
    kb = await service.knowledge_base(bot.creator_id, bot.slug)
    good, bad = from_text("Breathing", LESSON), from_text("", "# Only\n\n## Headings")
    with pytest.raises(IngestFailed, match="nothing to index besides headings"):
        await service.indexer.ingest(kb, [good, bad])
    statuses = await Document.all().values_list("processing_status", flat=True)
    assert sorted(statuses) == [ProcessingStatus.FAILED] * 2
    assert await DocumentChunk.all().count() == 0
    assert service.store.count(kb.collection_name) == 0


async def test_a_store_failure_after_chunks_were_written_removes_them(
    service: KnowledgeService, bot: Bot, tmp_path: Path
) -> None:
    """The knowledge base's collection holds 3-dimensional vectors: Chroma refuses ours only
    after the chunk rows are in the database, and every one of them must go again."""
    kb = await service.knowledge_base(bot.creator_id, bot.slug)
    service.store.collection(kb.collection_name).add(ids=["stale"], embeddings=[[1.0, 0.0, 0.0]])
    (tmp_path / "lesson.md").write_text(LESSON)
    with pytest.raises(Exception, match="dimension"):
        await service.add(bot.creator_id, bot.slug, tmp_path / "lesson.md")
    doc = await Document.get()
    assert doc.processing_status == ProcessingStatus.FAILED and "dimension" in (
        doc.processing_error or ""
    )
    assert await DocumentChunk.all().count() == 0
    assert service.store.collection(kb.collection_name).get()["ids"] == ["stale"]
    assert await service.retriever.retrieve([kb.id], "breathe counts") == []


async def test_text_with_nul_characters_is_stored_on_every_database(
    service: KnowledgeService, bot: Bot, tmp_path: Path
) -> None:
    (tmp_path / "notes.txt").write_bytes(b"Sencha notes. " * 700 + b"Gyokuro\x00 is shaded.")
    result = await service.add(bot.creator_id, bot.slug, tmp_path / "notes.txt")
    assert result.document.processing_status == ProcessingStatus.READY
    chunks = await DocumentChunk.filter(document_id=result.document.id)
    assert any("Gyokuro is shaded." in c.content for c in chunks)
