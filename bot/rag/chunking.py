"""Structure-aware chunking: sections by heading, packed paragraphs/sentences, token overlap."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from bot.llm.sentences import CLOSERS, HARD_STOPS
from bot.rag.analysis import words

TokenCounter = Callable[[str], int]

_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.+?)\s*#*\s*$")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# A sentence ends at . ! ? before a space, or at a mark that needs none (CJK full stops, Devanagari
# danda, Arabic full stop ...; after its closing quote if any). Without these, Chinese paragraphs
# were cut at stray spaces mid-sentence (158 of 413 XQuAD zh chunks ended inside a sentence).
_SENTENCE_END = re.compile(
    rf"(?<=[.!?])\s+(?=\S)"
    rf"|(?:(?<=[{HARD_STOPS}])|(?<=[{HARD_STOPS}][{CLOSERS}]))(?![{CLOSERS}{HARD_STOPS}])\s*(?=\S)"
)
_MIN_HEADING_BUDGET = 16


TOKENS_PER_WORD = 4 / 3  # English WordPiece/SentencePiece average, the budget's usual unit


def neutral_tokens(text: str) -> int:
    """A model-free token estimate: ~4 per 3 words, ~1 per character where words have no spaces.

    Sizes chunks of text the embedder does not cover: an English WordPiece vocabulary cuts a
    Russian word into ~6 pieces, which would split a paragraph into 4-5 chunks and scatter the
    evidence BM25 (the list that ranks such text) adds up per chunk.
    """
    return math.ceil(len(words(text, "")) * TOKENS_PER_WORD)


@dataclass(frozen=True)
class Chunk:
    """One piece of a document, ready to embed; `heading` is the nearest heading above it."""

    index: int
    text: str
    heading: str
    token_count: int


@dataclass(frozen=True)
class _Piece:
    text: str
    tokens: int
    joiner: str  # how it attaches to the piece before it: a paragraph break or a space


def sections(text: str) -> Iterator[tuple[str, str]]:
    """(heading, body) pairs of a markdown-ish text; text before the first heading has ""."""
    heading, lines = "", []
    for line in text.splitlines():
        match = _HEADING.match(line)
        if match is None:
            lines.append(line)
            continue
        if "\n".join(lines).strip():
            yield heading, "\n".join(lines).strip()
        heading, lines = match.group(2).strip(), []
    if "\n".join(lines).strip():
        yield heading, "\n".join(lines).strip()


def _split_once(text: str) -> list[tuple[str, str]] | None:
    """Split along the coarsest boundary present: paragraphs, then sentences.

    Each part comes with what joins it to the part before: nothing after a CJK full stop.
    """
    for pattern, joiner in ((_PARAGRAPH_BREAK, "\n\n"), (_SENTENCE_END, " ")):
        parts: list[tuple[str, str]] = []
        start, before = 0, joiner
        for match in pattern.finditer(text):
            if text[start : match.start()].strip():
                parts.append((text[start : match.start()].strip(), before))
            start, before = match.end(), joiner if match.group() else ""
        if text[start:].strip():
            parts.append((text[start:].strip(), before))
        if len(parts) > 1:
            return parts
    return None


def pieces(
    text: str, budget: int, count: TokenCounter, *, grain: int, joiner: str = "\n\n"
) -> list[_Piece]:
    """`text` cut into pieces of at most `budget` tokens, along the coarsest boundaries.

    Text without any sentence boundary becomes runs of whole words of at most `grain` tokens,
    so that overlap between chunks still works there.
    """
    tokens = count(text)
    if tokens <= budget:
        return [_Piece(text, tokens, joiner)]
    split = _split_once(text)
    if split is None:
        return _word_runs(text, grain, count, joiner)
    return [
        piece
        for i, (part, inner) in enumerate(split)
        for piece in pieces(part, budget, count, grain=grain, joiner=joiner if i == 0 else inner)
    ]


def _word_runs(text: str, budget: int, count: TokenCounter, joiner: str) -> list[_Piece]:
    """A text with no sentence boundary, cut into runs of whole words of <= `budget` tokens."""
    runs: list[_Piece] = []
    for word in text.split():
        tokens = count(word)
        last = runs[-1] if runs else None
        if last is not None and last.tokens + tokens <= budget:
            runs[-1] = _Piece(f"{last.text} {word}", last.tokens + tokens, last.joiner)
        else:
            runs.append(_Piece(word, tokens, " " if runs else joiner))
    return runs


def _overlap_tail(chunk: list[_Piece], overlap: int) -> list[_Piece]:
    """The trailing whole pieces of a chunk that fit in `overlap` tokens."""
    tail: list[_Piece] = []
    total = 0
    for piece in reversed(chunk):
        if total + piece.tokens > overlap:
            break
        tail.insert(0, piece)
        total += piece.tokens
    return tail if len(tail) < len(chunk) else []


def pack(items: list[_Piece], budget: int, overlap: int) -> Iterator[list[_Piece]]:
    """Greedy packing into chunks of <= `budget` tokens; each new chunk repeats a tail."""
    current: list[_Piece] = []
    for piece in items:
        if current and sum(p.tokens for p in current) + piece.tokens > budget:
            yield current
            current = _overlap_tail(current, overlap)
            if sum(p.tokens for p in current) + piece.tokens > budget:
                current = []
        current.append(piece)
    if current:
        yield current


def render(chunk: list[_Piece]) -> str:
    return "".join(p.text if i == 0 else p.joiner + p.text for i, p in enumerate(chunk))


def chunk_text(text: str, *, count: TokenCounter, max_tokens: int, overlap: int) -> list[Chunk]:
    """Chunks that never cross a heading, each <= `max_tokens` (heading included) if splittable."""
    if overlap >= max_tokens:
        raise ValueError("chunk overlap must be smaller than the chunk size")
    chunks: list[Chunk] = []
    for heading, body in sections(text):
        budget = max(max_tokens - count(heading), _MIN_HEADING_BUDGET)
        grain = min(overlap, budget) or budget
        for group in pack(pieces(body, budget, count, grain=grain), budget, overlap):
            content = render(group)
            chunks.append(Chunk(len(chunks), content, heading, sum(p.tokens for p in group)))
    return chunks
