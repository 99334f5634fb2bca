"""Knowledge retrieval: ingest documents, chunk, embed into ChromaDB, retrieve (dense + BM25)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol
from uuid import UUID


@dataclass(frozen=True)
class RetrievedChunk:
    """One chunk returned for a query, best first; `score` is the fused score (higher = better)."""

    chunk_id: str
    document_id: str
    title: str
    text: str
    score: float
    dense_score: float | None = None
    sparse_score: float | None = None
    source: str = ""
    heading: str = ""
    language: str = ""  # the chunk's language, detected at ingestion ("" unknown)


class Retriever(Protocol):
    """What the engine needs from knowledge: the best chunks of these knowledge bases."""

    async def retrieve(
        self, knowledge_base_ids: list[UUID], query: str, *, k: int = 5
    ) -> list[RetrievedChunk]: ...
