"""`FakeRetriever`: the `Retriever` plug point over fixed chunks, scored by word overlap."""

from __future__ import annotations

import re
from dataclasses import replace
from uuid import UUID

from bot.rag import RetrievedChunk

_WORD = re.compile(r"\w+")


def words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


class FakeRetriever:
    """Returns the k chunks of the asked knowledge bases sharing most words with the query.

    Like a dense retriever it always returns its nearest chunks, related or not; ties keep the
    order the chunks were added in. Records every call.
    """

    def __init__(self, chunks: dict[UUID, list[RetrievedChunk]] | None = None) -> None:
        self.chunks: dict[UUID, list[RetrievedChunk]] = chunks or {}
        self.calls: list[tuple[list[UUID], str, int]] = []

    def add(self, knowledge_base_id: UUID, chunk: RetrievedChunk) -> None:
        self.chunks.setdefault(knowledge_base_id, []).append(chunk)

    async def retrieve(
        self, knowledge_base_ids: list[UUID], query: str, *, k: int = 5
    ) -> list[RetrievedChunk]:
        self.calls.append((list(knowledge_base_ids), query, k))
        wanted = words(query)
        pool = [c for kb in knowledge_base_ids for c in self.chunks.get(kb, [])]
        scored = [replace(c, score=float(len(wanted & words(c.text)))) for c in pool]
        return sorted(scored, key=lambda c: -c.score)[:k]
