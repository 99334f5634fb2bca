"""Background ingestion: documents queued as rows, processed by a worker the server owns.

Adding knowledge from a request only writes a `Document` row (status pending) and, for an
upload, its bytes under `data_dir/uploads`; the worker claims rows one at a time, reads and
indexes them, and writes progress as it goes. Everything lives in the database, so a process
that dies mid-way loses nothing: a row whose heartbeat stopped goes back to the queue.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

from bot.clock import Clock, SystemClock
from bot.errors import InvalidInput, NotFound, ParleyError
from bot.rag.filetypes import check_name, sniff
from bot.rag.service import KnowledgeService, parse_id
from bot.rag.sources import IngestFailed, Source, from_bytes, from_text
from models.knowledge import Document, KnowledgeBase, ProcessingStatus

log = logging.getLogger(__name__)
POLL_S = 2.0
HEARTBEAT_S = 1.0
STALE_AFTER = timedelta(seconds=30)
READING, EMBEDDING_FROM, EMBEDDING_TO = 5, 10, 95
KINDS = ("upload", "url", "text", "stored")


class Progress:
    """Percent done, written by the embedding thread and read by the heartbeat."""

    def __init__(self) -> None:
        self.percent = READING

    def embedded(self, done: int, total: int) -> None:
        span = EMBEDDING_TO - EMBEDDING_FROM
        self.percent = EMBEDDING_FROM + span * done // max(total, 1)


class IngestQueue:
    """Queue sources for a bot's knowledge, and the worker loop that indexes them."""

    def __init__(
        self, knowledge: KnowledgeService, *, upload_dir: Path, clock: Clock | None = None
    ) -> None:
        self._knowledge = knowledge
        self._upload_dir = upload_dir
        self._clock = clock or SystemClock()
        self._wake = asyncio.Event()

    # -- queueing (called by the API and the studio) ---------------------------------------

    async def enqueue_upload(
        self, creator_id: UUID, bot_slug: str, data: bytes, name: str
    ) -> Document:
        """Queue an uploaded file; its type and size are checked now, its text read later."""
        file_type = self.check_upload(data, name)
        kb = await self._knowledge.knowledge_base(creator_id, bot_slug)
        doc_id = uuid.uuid4()
        path = self._upload_dir / f"{doc_id}{Path(name).suffix.lower()}"
        await asyncio.to_thread(_write, path, data)
        return await self._queue(
            kb,
            doc_id=doc_id,
            title=name,
            source=name,
            kind="upload",
            file_type=file_type,
            file_path=str(path),
            file_size_bytes=len(data),
        )

    def check_upload(self, data: bytes, name: str) -> str:
        """The file's type; refuses an unsupported, empty or oversized file."""
        check_name(name)
        if not data.strip():
            raise IngestFailed(f"{name}: the file is empty")
        limit = self._knowledge.max_file_bytes
        if len(data) > limit:
            raise IngestFailed(f"{name}: {len(data)} bytes is over the {limit}-byte limit")
        return sniff(data, name)

    async def enqueue_uploads(
        self, creator_id: UUID, bot_slug: str, files: list[tuple[bytes, str]]
    ) -> list[Document]:
        """Queue several files, or none of them when one is refused."""
        for data, name in files:
            self.check_upload(data, name)
        return [await self.enqueue_upload(creator_id, bot_slug, d, n) for d, n in files]

    async def enqueue_url(self, creator_id: UUID, bot_slug: str, url: str) -> Document:
        kb = await self._knowledge.knowledge_base(creator_id, bot_slug)
        return await self._queue(kb, title=url[:500], source=url, kind="url")

    async def enqueue_text(
        self, creator_id: UUID, bot_slug: str, title: str, text: str
    ) -> Document:
        checked = from_text(title, text)  # an empty text is refused now, not later
        kb = await self._knowledge.knowledge_base(creator_id, bot_slug)
        return await self._queue(
            kb, title=checked.title[:500], source="text", kind="text", content=checked.text
        )

    async def reindex(self, creator_id: UUID, bot_slug: str, document_id: UUID | str) -> Document:
        """Queue a document again: from its stored text, or its source if it has none yet."""
        doc = await self.document(creator_id, bot_slug, document_id)
        if doc.processing_status in (ProcessingStatus.PENDING, ProcessingStatus.PROCESSING):
            return doc
        kb = await KnowledgeBase.get(id=doc.knowledge_base_id)
        await self._knowledge.indexer.unready(kb, doc)
        queued = dict((doc.metadata or {}).get("queued") or {})
        if doc.content:
            queued["kind"] = "stored"
        await self._pending(doc, queued)
        return doc

    async def document(self, creator_id: UUID, bot_slug: str, document_id: UUID | str) -> Document:
        """One live document of this bot; another creator's or bot's is not found."""
        doc_id = parse_id(document_id, "document")
        bot = await self._knowledge.bot(creator_id, bot_slug)
        kb_ids = await bot.knowledge_bases.all().values_list("id", flat=True)
        doc = await (
            Document.for_creator(creator_id)
            .filter(id=doc_id, knowledge_base_id__in=kb_ids, deleted_at=None)
            .first()
        )
        if doc is None:
            raise NotFound(f"no document {doc_id} in this bot's knowledge")
        return doc

    async def _queue(
        self, kb: KnowledgeBase, *, kind: str, doc_id: UUID | None = None, **fields: Any
    ) -> Document:
        fields.setdefault("content", "")
        doc = Document(
            id=doc_id or uuid.uuid4(),
            knowledge_base=kb,
            content_hash=f"queued:{uuid.uuid4().hex}",
            processing_status=ProcessingStatus.PENDING,
            embedding_status=ProcessingStatus.PENDING,
            metadata={"queued": {"kind": kind}},
            **fields,
        )
        await doc.save(force_create=True)
        self._wake.set()
        return doc

    async def _pending(self, doc: Document, queued: dict[str, Any]) -> None:
        doc.metadata = {**(doc.metadata or {}), "queued": queued}
        doc.processing_status = doc.embedding_status = ProcessingStatus.PENDING
        doc.processing_error, doc.progress, doc.chunk_count = None, 0, 0  # type: ignore[assignment]
        await doc.save()
        self._wake.set()

    # -- the worker -----------------------------------------------------------------------

    async def run(self, stop: asyncio.Event) -> None:
        """Process queued documents until `stop` is set; woken early by new work."""
        while not stop.is_set():
            await self.recover()
            while not stop.is_set() and await self.process_next():
                pass
            await self._idle(stop)

    async def _idle(self, stop: asyncio.Event) -> None:
        self._wake.clear()
        waits = [asyncio.ensure_future(stop.wait()), asyncio.ensure_future(self._wake.wait())]
        await asyncio.wait(waits, timeout=POLL_S, return_when=asyncio.FIRST_COMPLETED)
        for task in waits:
            task.cancel()

    async def recover(self) -> int:
        """Queue again the rows a dead worker was processing (their heartbeat stopped)."""
        cutoff = self._clock.now() - STALE_AFTER
        stale = await Document.filter(
            processing_status=ProcessingStatus.PROCESSING, updated_at__lt=cutoff
        )
        ours = [d.id for d in stale if (d.metadata or {}).get("queued")]
        if ours:
            log.info("re-queueing %d document(s) left processing by a stopped worker", len(ours))
            await Document.filter(id__in=ours).update(processing_status=ProcessingStatus.PENDING)
        return len(ours)

    async def process_next(self) -> bool:
        """Claim and index the oldest queued document; False when there is none."""
        doc = await (
            Document.filter(processing_status=ProcessingStatus.PENDING, deleted_at=None)
            .order_by("created_at")
            .first()
        )
        if doc is None or not (doc.metadata or {}).get("queued"):
            return await self._skip_unqueued(doc)
        claimed = await Document.filter(
            id=doc.id, processing_status=ProcessingStatus.PENDING
        ).update(
            processing_status=ProcessingStatus.PROCESSING,
            progress=READING,
            updated_at=self._clock.now(),
        )
        if claimed:
            await doc.refresh_from_db()
            await self._process(doc)
        return True

    async def _skip_unqueued(self, doc: Document | None) -> bool:
        """A pending row not made by this queue (an older write path) is not ours to index."""
        if doc is None:
            return False
        await Document.filter(id=doc.id).update(
            metadata={**(doc.metadata or {}), "queued": {"kind": "stored"}}
        )
        return True

    async def _process(self, doc: Document) -> None:
        kb = await KnowledgeBase.get(id=doc.knowledge_base_id)
        progress = Progress()
        beat = asyncio.create_task(self._heartbeat(doc.id, progress))
        try:
            source = await self._read(doc)
            await self._knowledge.indexer.ingest_row(kb, doc, source, progress=progress.embedded)
            await Document.filter(id=doc.id).update(progress=100)
            _remove(doc.file_path)
        except ParleyError as exc:
            await self._failed(kb, doc, exc)
        except Exception as exc:  # the worker's error boundary: one bad file never stops it
            log.exception("indexing document %s failed", doc.id)
            await self._failed(kb, doc, IngestFailed(f"internal error while indexing: {exc}"))
        finally:
            beat.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await beat

    async def _failed(self, kb: KnowledgeBase, doc: Document, exc: Exception) -> None:
        await doc.refresh_from_db()
        if doc.processing_status != ProcessingStatus.FAILED:
            await self._knowledge.indexer.mark_failed(kb, doc, exc)

    async def _heartbeat(self, doc_id: UUID, progress: Progress) -> None:
        while True:
            await Document.filter(id=doc_id, processing_status=ProcessingStatus.PROCESSING).update(
                progress=progress.percent, updated_at=self._clock.now()
            )
            await asyncio.sleep(HEARTBEAT_S)

    async def _read(self, doc: Document) -> Source:
        kind = (doc.metadata or {}).get("queued", {}).get("kind")
        if kind == "url":
            return await self._knowledge.read(doc.source)
        if kind == "upload":
            return await self._read_upload(doc)
        if kind in ("text", "stored") and doc.content:
            return Source(doc.title, doc.content, doc.source, doc.file_type or "txt", _size(doc))
        raise InvalidInput(f"{doc.title}: nothing to index; add the source again")

    async def _read_upload(self, doc: Document) -> Source:
        path = Path(doc.file_path or "")
        if not doc.file_path or not path.is_file():
            raise IngestFailed(f"{doc.title}: the uploaded file is gone; upload it again")
        data = await asyncio.to_thread(path.read_bytes)
        return await from_bytes(
            data, doc.title, origin=doc.title, limits=self._knowledge.file_limits
        )


def _size(doc: Document) -> int:
    return doc.file_size_bytes or len(doc.content.encode())


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _remove(file_path: str | None) -> None:
    if file_path:
        Path(file_path).unlink(missing_ok=True)
