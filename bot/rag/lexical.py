"""The BM25 side: an in-memory bm25s index per knowledge base, built lazily from chunk rows."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import bm25s
import bm25s.selection

from bot.i18n.language import main_language
from bot.rag.analysis import analyse, char_grams, query_terms


@dataclass(frozen=True)
class IndexedChunk:
    """What retrieval returns about a chunk, kept in memory beside its BM25 index."""

    chunk_id: str
    document_id: str
    title: str
    heading: str
    text: str
    source: str
    language: str = ""  # detected at ingestion; "" when unknown


def indexed_text(title: str, heading: str, text: str) -> str:
    """The text that is embedded and BM25-indexed: title and heading give a chunk its context."""
    context = " — ".join(part for part in (title, heading) if part and part != text)
    return f"{context}\n{text}" if context else text


MAX_QUERY_LANGUAGES = 2
MIN_LANGUAGE_SHARE = 0.1


def _languages_by_share(languages: list[str]) -> list[str]:
    """The languages of at least `MIN_LANGUAGE_SHARE` of the chunks, most frequent first."""
    counts = Counter(languages)
    total = len(languages) or 1
    return [lang for lang, n in counts.most_common() if n / total >= MIN_LANGUAGE_SHARE]


class LexicalIndex:
    """BM25 over one knowledge base's chunks, by word stems and by character grams.

    Building and searching block: use a thread.
    """

    def __init__(self, chunks: list[IndexedChunk]) -> None:
        self.chunks = chunks
        self.by_id = {c.chunk_id: c for c in chunks}
        self.languages = _languages_by_share([c.language for c in chunks])
        self.main_language = main_language([c.language for c in chunks])
        self._stems = bm25s.BM25()
        self._grams = bm25s.BM25()
        if chunks:
            texts = [(indexed_text(c.title, c.heading, c.text), c.language) for c in chunks]
            self._stems.index([analyse(*text) for text in texts], show_progress=False)
            self._grams.index([char_grams(*text) for text in texts], show_progress=False)

    def search(self, query: str, k: int, *, language: str = "") -> list[tuple[str, float]]:
        """(chunk id, BM25 score) of up to `k` chunks sharing a stem with the query, best first.

        The query is analysed as `language` and as the index's main languages, so a short
        question whose language was not detected still meets the documents' stems.
        """
        terms = query_terms(query, [language, *self.languages[:MAX_QUERY_LANGUAGES]])
        return self._retrieve(self._stems, terms, k)

    def search_grams(self, query: str, k: int, *, language: str = "") -> list[tuple[str, float]]:
        """(chunk id, BM25 score) of up to `k` chunks by the query's character grams."""
        return self._retrieve(self._grams, char_grams(query, language), k)

    def _retrieve(self, bm25: bm25s.BM25, terms: list[str], k: int) -> list[tuple[str, float]]:
        if not self.chunks or not terms:
            return []
        # What `bm25.retrieve([terms], k)` does for one query, without its per-call batch
        # machinery (input checks, a progress bar object, arrays of arrays): same scores, same
        # top-k selection, same order.
        scores, found = bm25s.selection.topk(
            bm25.get_scores(terms), k=min(k, len(self.chunks)), sorted=True
        )
        return [
            (self.chunks[int(i)].chunk_id, float(s))
            for i, s in zip(found, scores, strict=True)
            if s > 0
        ]
