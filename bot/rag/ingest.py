"""Indexing: sources become Document rows, chunks, vectors in Chroma; and re-indexing a KB."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tortoise.expressions import F

from bot.clock import Clock
from bot.i18n.language import detect
from bot.rag.choice import wanted_model
from bot.rag.chunking import Chunk, TokenCounter, chunk_text, neutral_tokens
from bot.rag.embedding import Embedder, ProgressFn, Vectors, covers
from bot.rag.lexical import indexed_text
from bot.rag.retrieval import KnowledgeIndexes
from bot.rag.sources import IngestFailed, Source
from bot.rag.store import ChunkStore, collection_name
from bot.settings import RagSettings
from models.knowledge import Document, DocumentChunk, KnowledgeBase, ProcessingStatus

log = logging.getLogger(__name__)
DOCUMENT_SAMPLE_CHARS = 4000


@dataclass(frozen=True)
class IngestResult:
    """A document after `ingest`; `created` is False when identical content was already there."""

    document: Document
    created: bool


def document_language(doc: Document) -> str:
    return detect(doc.content[:DOCUMENT_SAMPLE_CHARS])


def chunk_languages(docs: list[Document], chunked: list[list[Chunk]]) -> list[list[str]]:
    """Each chunk's language; a chunk too short to tell takes its document's language."""
    out = []
    for doc, chunks in zip(docs, chunked, strict=True):
        whole = document_language(doc)
        out.append([detect(f"{chunk.heading}\n{chunk.text}") or whole for chunk in chunks])
    return out


def token_counter(embedder: Embedder, doc: Document) -> TokenCounter:
    """The embedder's tokens where it covers the document's language, else a neutral count."""
    return embedder.count_tokens if covers(embedder, document_language(doc)) else neutral_tokens


def content_hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()


class Indexer:
    """Writes documents into a knowledge base: rows, chunks, vectors, BM25 invalidation."""

    def __init__(
        self,
        store: ChunkStore,
        indexes: KnowledgeIndexes,
        embedder_for: Callable[[str], Embedder],
        *,
        rag: RagSettings,
        clock: Clock,
    ) -> None:
        self._store = store
        self._indexes = indexes
        self._embedder_for = embedder_for
        self._rag = rag
        self._clock = clock

    async def ingest(
        self, kb: KnowledgeBase, sources: list[Source], *, progress: ProgressFn | None = None
    ) -> list[IngestResult]:
        """Index these sources into `kb`; content already indexed there is a no-op."""
        results, todo = await self._claim(kb, sources)
        if todo:
            # a background re-index may have swapped the collection since `kb` was read
            await kb.refresh_from_db(fields=["embedding_model", "collection_name", "embedder"])
            await self._settle_empty(kb, todo)
            embedder = self._embedder_for(kb.embedding_model)
            try:
                await self._index(kb, todo, embedder, progress)
            except Exception as exc:  # recorded on the rows, then raised unchanged
                await self._fail(kb, todo, exc)
                raise
            results += [IngestResult(doc, True) for doc in todo]
        return results

    async def ingest_row(
        self,
        kb: KnowledgeBase,
        doc: Document,
        source: Source,
        *,
        progress: ProgressFn | None = None,
    ) -> Document:
        """Index `source` into an existing (queued) row, which keeps its id; a ready live
        document with the same content makes this one fail as a duplicate."""
        digest = content_hash(source.text)
        await self._supersede(kb, doc, digest)
        self._row(kb, source, digest, doc)
        doc.content_hash = digest
        await doc.save()
        # a background re-index may have swapped the collection since `kb` was read
        await kb.refresh_from_db(fields=["embedding_model", "collection_name", "embedder"])
        await self._settle_empty(kb, [doc])
        embedder = self._embedder_for(kb.embedding_model)
        try:
            await self._index(kb, [doc], embedder, progress)
        except Exception as exc:  # recorded on the row, then raised unchanged
            await self._fail(kb, [doc], exc)
            raise
        return doc

    async def _supersede(self, kb: KnowledgeBase, doc: Document, digest: str) -> None:
        """Other rows holding this content: a live ready one wins; deleted or failed ones go."""
        others = await Document.filter(knowledge_base_id=kb.id, content_hash=digest).exclude(
            id=doc.id
        )
        for other in others:
            if other.deleted_at is None and other.processing_status == ProcessingStatus.READY:
                raise IngestFailed(f"same content as {other.title!r}, already in this knowledge")
        for other in others:
            await self._discard_chunks(kb, other)
            await other.delete()

    async def mark_failed(self, kb: KnowledgeBase, doc: Document, exc: Exception) -> None:
        await self._fail(kb, [doc], exc)

    async def unready(self, kb: KnowledgeBase, doc: Document) -> None:
        """Take a ready document out of the index (before re-indexing it), counters included."""
        await self._discard_chunks(kb, doc)
        if doc.processing_status == ProcessingStatus.READY:
            await KnowledgeBase.filter(id=kb.id).update(
                document_count=F("document_count") - 1,
                total_size_bytes=F("total_size_bytes") - (doc.file_size_bytes or 0),
                updated_at=self._clock.now(),
            )

    async def _settle_empty(self, kb: KnowledgeBase, docs: list[Document]) -> None:
        """An empty knowledge base takes the model its first documents call for (`auto`)."""
        if await DocumentChunk.filter(document__knowledge_base_id=kb.id).exists():
            return
        texts = [(document_language(d), len(d.content)) for d in docs]
        model = wanted_model(kb.embedder, texts, self._rag)
        if model != kb.embedding_model:
            kb.embedding_model, kb.collection_name = model, collection_name(kb.id, model)
            await kb.save(update_fields=["embedding_model", "collection_name", "updated_at"])

    async def _claim(
        self, kb: KnowledgeBase, sources: list[Source]
    ) -> tuple[list[IngestResult], list[Document]]:
        """Existing ready documents (no-ops) and the rows to (re)process, marked PROCESSING."""
        hashes = [content_hash(s.text) for s in sources]
        rows = await Document.filter(knowledge_base_id=kb.id, content_hash__in=hashes)
        existing = {d.content_hash: d for d in rows}
        results: list[IngestResult] = []
        todo: dict[str, Document] = {}
        for source, digest in zip(sources, hashes, strict=True):
            doc = existing.get(digest)
            if (
                doc is not None
                and doc.deleted_at is None
                and doc.processing_status == ProcessingStatus.READY
            ):
                results.append(IngestResult(doc, False))
            elif digest not in todo:
                todo[digest] = self._row(kb, source, digest, doc)
        fresh = [d for d in todo.values() if d.content_hash not in existing]
        await Document.bulk_create(fresh, batch_size=200)
        for doc in todo.values():
            if doc.content_hash in existing:
                await self._discard_chunks(kb, doc)
                await doc.save()
        return results, list(todo.values())

    @staticmethod
    def _row(kb: KnowledgeBase, source: Source, digest: str, doc: Document | None) -> Document:
        doc = doc or Document(knowledge_base=kb, content_hash=digest)
        doc.title, doc.content, doc.source = source.title[:500], source.text, source.origin[:2000]
        doc.file_type, doc.file_size_bytes = source.file_type, source.size_bytes
        doc.processing_status = doc.embedding_status = ProcessingStatus.PROCESSING
        doc.status, doc.deleted_at = "active", None
        doc.processing_error = None  # type: ignore[assignment]
        return doc

    async def _index(
        self,
        kb: KnowledgeBase,
        docs: list[Document],
        embedder: Embedder,
        progress: ProgressFn | None,
    ) -> None:
        chunked = await asyncio.to_thread(self._chunk_all, docs, embedder)
        languages = await asyncio.to_thread(chunk_languages, docs, chunked)
        rows = [
            DocumentChunk(
                document_id=doc.id,
                chunk_index=chunk.index,
                content=chunk.text,
                heading=chunk.heading[:500],
                token_count=chunk.token_count,
                embedding_model=embedder.name,
                language=language,
            )
            for doc, chunks, langs in zip(docs, chunked, languages, strict=True)
            for chunk, language in zip(chunks, langs, strict=True)
        ]
        texts = [
            indexed_text(doc.title, chunk.heading, chunk.text)
            for doc, chunks in zip(docs, chunked, strict=True)
            for chunk in chunks
        ]
        vectors = await asyncio.to_thread(embedder.embed, texts, progress=progress)
        for row in rows:
            row.embedding_id = str(row.id)
        await DocumentChunk.bulk_create(rows, batch_size=500)
        await asyncio.to_thread(self._store.add, kb.collection_name, *self._payload(rows, vectors))
        await self._mark_ready(kb, docs, chunked)

    def _chunk_all(self, docs: list[Document], embedder: Embedder) -> list[list[Chunk]]:
        chunked = [
            chunk_text(
                doc.content,
                count=token_counter(embedder, doc),
                max_tokens=self._rag.chunk_tokens,
                overlap=self._rag.chunk_overlap,
            )
            for doc in docs
        ]
        empty = [doc.title for doc, chunks in zip(docs, chunked, strict=True) if not chunks]
        if empty:
            raise IngestFailed(f"{', '.join(empty)}: nothing to index besides headings")
        return chunked

    @staticmethod
    def _payload(
        rows: list[DocumentChunk], vectors: Vectors
    ) -> tuple[list[str], Vectors, list[dict[str, Any]]]:
        metadatas = [
            {"document_id": str(r.document_id), "chunk_index": r.chunk_index} for r in rows
        ]
        return [str(r.id) for r in rows], vectors, metadatas

    async def _mark_ready(
        self, kb: KnowledgeBase, docs: list[Document], chunked: list[list[Chunk]]
    ) -> None:
        now = self._clock.now()
        for doc, chunks in zip(docs, chunked, strict=True):
            doc.processing_status = doc.embedding_status = ProcessingStatus.READY
            doc.chunk_count, doc.processed_at = len(chunks), now
            await doc.save(
                update_fields=[
                    "processing_status",
                    "embedding_status",
                    "chunk_count",
                    "processed_at",
                ]
            )
        await KnowledgeBase.filter(id=kb.id).update(
            document_count=F("document_count") + len(docs),
            total_size_bytes=F("total_size_bytes") + sum(d.file_size_bytes or 0 for d in docs),
            updated_at=now,
        )
        self._indexes.invalidate(kb.id)

    async def _fail(self, kb: KnowledgeBase, docs: list[Document], exc: Exception) -> None:
        log.warning("indexing %d document(s) into kb %s failed: %s", len(docs), kb.id, exc)
        for doc in docs:
            await self._discard_chunks(kb, doc)
            doc.processing_status = doc.embedding_status = ProcessingStatus.FAILED
            doc.processing_error = str(exc)[:2000]
            await doc.save(
                update_fields=["processing_status", "embedding_status", "processing_error"]
            )

    async def _discard_chunks(self, kb: KnowledgeBase, doc: Document) -> int:
        """Remove a document's chunks from Chroma and the database; returns how many."""
        ids = await DocumentChunk.filter(document_id=doc.id).values_list("id", flat=True)
        await asyncio.to_thread(self._store.delete, kb.collection_name, [str(i) for i in ids])
        await DocumentChunk.filter(document_id=doc.id).delete()
        self._indexes.invalidate(kb.id)
        return len(ids)

    async def remove(self, kb: KnowledgeBase, doc: Document) -> None:
        """Soft-delete a document: its chunks leave Chroma and the database, the row stays."""
        await self._discard_chunks(kb, doc)
        was_ready = doc.processing_status == ProcessingStatus.READY
        doc.status, doc.deleted_at, doc.chunk_count = "deleted", self._clock.now(), 0
        await doc.save(update_fields=["status", "deleted_at", "chunk_count"])
        if was_ready:
            await KnowledgeBase.filter(id=kb.id).update(
                document_count=F("document_count") - 1,
                total_size_bytes=F("total_size_bytes") - (doc.file_size_bytes or 0),
                updated_at=self._clock.now(),
            )

    async def reindex(self, kb: KnowledgeBase, embedder: Embedder) -> None:
        """Embed every chunk with `embedder` into a NEW collection; swap only when complete."""
        # Always a fresh name: the live collection keeps answering until the swap below.
        new_name = f"{collection_name(kb.id, embedder.name)}_{secrets.token_hex(3)}"
        rows = await DocumentChunk.filter(
            document__knowledge_base_id=kb.id, document__deleted_at=None
        ).prefetch_related("document")
        texts = [indexed_text(r.document.title, r.heading, r.content) for r in rows]
        vectors = await asyncio.to_thread(embedder.embed, texts)
        await asyncio.to_thread(self._store.add, new_name, *self._payload(rows, vectors))
        await DocumentChunk.filter(id__in=[r.id for r in rows]).update(
            embedding_model=embedder.name
        )
        old_name = kb.collection_name
        kb.embedding_model, kb.collection_name = embedder.name, new_name
        await kb.save(update_fields=["embedding_model", "collection_name", "updated_at"])
        await self.catch_up(kb, embedder)
        await asyncio.to_thread(self._store.drop, old_name)
        self._indexes.invalidate(kb.id)

    async def catch_up(self, kb: KnowledgeBase, embedder: Embedder) -> None:
        """Chunks ingested into the old collection while the re-index ran join the new one."""
        rows = (
            await DocumentChunk.filter(document__knowledge_base_id=kb.id, document__deleted_at=None)
            .exclude(embedding_model=embedder.name)
            .prefetch_related("document")
        )
        if not rows:
            return
        texts = [indexed_text(r.document.title, r.heading, r.content) for r in rows]
        vectors = await asyncio.to_thread(embedder.embed, texts)
        await asyncio.to_thread(self._store.add, kb.collection_name, *self._payload(rows, vectors))
        await DocumentChunk.filter(id__in=[r.id for r in rows]).update(
            embedding_model=embedder.name
        )
        # A new stamp: another process holding this collection's vectors in memory (taken
        # between the swap and now) reads them again.
        await kb.save(update_fields=["updated_at"])
