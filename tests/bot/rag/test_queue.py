"""The ingestion queue: rows first, a worker indexes them, progress, failures, restarts."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path

from bot.clock import SystemClock
from bot.rag.queue import STALE_AFTER, IngestQueue
from bot.rag.service import KnowledgeService
from bot.rag.sources import IngestFailed
from models.bots import Bot
from models.knowledge import Document, DocumentChunk, KnowledgeBase, ProcessingStatus

NOTES = b"# Sleep\n\nKeep the bedroom cool and dark. Go to bed at the same time each night.\n"


def queue_of(service: KnowledgeService, tmp_path: Path) -> IngestQueue:
    return IngestQueue(service, upload_dir=tmp_path / "uploads")


async def drain(queue: IngestQueue) -> None:
    while await queue.process_next():
        pass


async def test_an_upload_is_only_queued_until_the_worker_runs(
    service: KnowledgeService, bot: Bot, tmp_path: Path
) -> None:
    queue = queue_of(service, tmp_path)
    doc = await queue.enqueue_upload(bot.creator_id, bot.slug, NOTES, "sleep.md")
    row = await Document.get(id=doc.id)
    assert (row.processing_status, row.chunk_count, row.title) == (
        ProcessingStatus.PENDING,
        0,
        "sleep.md",
    )
    assert Path(row.file_path or "").read_bytes() == NOTES
    await drain(queue)
    row = await Document.get(id=doc.id)
    assert (row.processing_status, row.title, row.progress) == (
        ProcessingStatus.READY,
        "Sleep",
        100,
    )
    assert await DocumentChunk.filter(document_id=doc.id).count() == row.chunk_count == 1
    assert not Path(row.file_path or "").exists()  # the upload is dropped once indexed
    kb = await KnowledgeBase.get(id=row.knowledge_base_id)
    assert kb.document_count == 1


async def test_a_bad_file_fails_with_its_reason_and_the_worker_goes_on(
    service: KnowledgeService, bot: Bot, tmp_path: Path
) -> None:
    queue = queue_of(service, tmp_path)
    broken = await queue.enqueue_upload(bot.creator_id, bot.slug, b"%PDF-1.4 torn off", "x.pdf")
    fine = await queue.enqueue_text(bot.creator_id, bot.slug, "Tea", "Steep green tea briefly.")
    await drain(queue)
    failed = await Document.get(id=broken.id)
    assert failed.processing_status == ProcessingStatus.FAILED
    assert "x.pdf" in (failed.processing_error or "")
    assert (await Document.get(id=fine.id)).processing_status == ProcessingStatus.READY


async def test_refused_uploads_queue_nothing(
    service: KnowledgeService, bot: Bot, tmp_path: Path
) -> None:
    queue = queue_of(service, tmp_path)
    files = [(NOTES, "ok.md"), (b"   ", "blank.txt")]
    try:
        await queue.enqueue_uploads(bot.creator_id, bot.slug, files)
    except IngestFailed as exc:
        assert "blank.txt" in str(exc)
    else:
        raise AssertionError("an empty file was accepted")
    assert await Document.all().count() == 0


async def test_work_left_by_a_dead_worker_resumes(
    service: KnowledgeService, bot: Bot, tmp_path: Path
) -> None:
    queue = queue_of(service, tmp_path)
    waiting = await queue.enqueue_text(bot.creator_id, bot.slug, "A", "First text to index.")
    crashed = await queue.enqueue_text(bot.creator_id, bot.slug, "B", "Second text to index.")
    long_ago = SystemClock().now() - STALE_AFTER - timedelta(seconds=5)
    await Document.filter(id=crashed.id).update(
        processing_status=ProcessingStatus.PROCESSING, updated_at=long_ago
    )
    # a fresh worker (a restarted server) picks both up
    restarted = queue_of(service, tmp_path)
    stop = asyncio.Event()
    task = asyncio.create_task(restarted.run(stop))
    for _ in range(200):
        statuses = await Document.all().values_list("processing_status", flat=True)
        if set(statuses) == {ProcessingStatus.READY}:
            break
        await asyncio.sleep(0.05)
    stop.set()
    await task
    for doc in (waiting, crashed):
        assert (await Document.get(id=doc.id)).processing_status == ProcessingStatus.READY


async def test_a_live_processing_row_is_left_to_its_worker(
    service: KnowledgeService, bot: Bot, tmp_path: Path
) -> None:
    queue = queue_of(service, tmp_path)
    doc = await queue.enqueue_text(bot.creator_id, bot.slug, "A", "Being indexed elsewhere.")
    await Document.filter(id=doc.id).update(
        processing_status=ProcessingStatus.PROCESSING, updated_at=SystemClock().now()
    )
    assert await queue.recover() == 0
    assert not await queue.process_next()


async def test_reindex_requeues_from_the_stored_text(
    service: KnowledgeService, bot: Bot, tmp_path: Path
) -> None:
    queue = queue_of(service, tmp_path)
    doc = await queue.enqueue_upload(bot.creator_id, bot.slug, NOTES, "sleep.md")
    await drain(queue)
    again = await queue.reindex(bot.creator_id, bot.slug, doc.id)
    assert again.processing_status == ProcessingStatus.PENDING
    kb = await KnowledgeBase.get(id=again.knowledge_base_id)
    assert kb.document_count == 0 and await DocumentChunk.all().count() == 0
    await drain(queue)
    row = await Document.get(id=doc.id)
    assert row.processing_status == ProcessingStatus.READY and row.chunk_count == 1
    assert (await KnowledgeBase.get(id=kb.id)).document_count == 1
