"""The BM25 side: an in-memory bm25s index per knowledge base, built lazily from chunk rows."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import bm25s


@dataclass(frozen=True)
class IndexedChunk:
    """What retrieval returns about a chunk, kept in memory beside its BM25 index."""

    chunk_id: str
    document_id: str
    title: str
    heading: str
    text: str
    source: str


def indexed_text(title: str, heading: str, text: str) -> str:
    """The text that is embedded and BM25-indexed: title and heading give a chunk its context."""
    context = " — ".join(part for part in (title, heading) if part and part != text)
    return f"{context}\n{text}" if context else text


@lru_cache(maxsize=500_000)
def stem(word: str) -> str:
    """Harman's S-stemmer (plural folding; PyStemmer is not installed): 'cells' -> 'cell'."""
    if len(word) > 4 and word.endswith("ies") and word[-4] not in "ae":
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("es") and word[-3] not in "aeo":
        return word[:-1]
    if len(word) > 3 and word.endswith("s") and word[-2] not in "us":
        return word[:-1]
    return word


def tokenize(texts: list[str]) -> list[list[str]]:
    tokens = bm25s.tokenize(texts, stopwords="en", show_progress=False, return_ids=False)
    assert isinstance(tokens, list)
    return [[stem(t) for t in doc] for doc in tokens]


class LexicalIndex:
    """BM25 over one knowledge base's chunks. Building and searching block: use a thread."""

    def __init__(self, chunks: list[IndexedChunk]) -> None:
        self.chunks = chunks
        self.by_id = {c.chunk_id: c for c in chunks}
        self._bm25 = bm25s.BM25()
        if chunks:
            corpus = [indexed_text(c.title, c.heading, c.text) for c in chunks]
            self._bm25.index(tokenize(corpus), show_progress=False)

    def search(self, query: str, k: int) -> list[tuple[str, float]]:
        """(chunk id, BM25 score) of up to `k` chunks sharing a term with the query, best first."""
        terms = tokenize([query])
        if not self.chunks or not terms[0]:
            return []
        found, scores = self._bm25.retrieve(
            terms, k=min(k, len(self.chunks)), show_progress=False, n_threads=0
        )
        return [
            (self.chunks[int(i)].chunk_id, float(s))
            for i, s in zip(found[0], scores[0], strict=True)
            if s > 0
        ]
