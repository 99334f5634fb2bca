"""`GroundedResponder`: the offline LLM that answers with the most relevant sentences it retrieved.

How relevance is scored: a question and a sentence are reduced to content terms (lower-cased
words minus stop words, each cut to its first `STEM` characters, a crude but language-agnostic
stemmer: "vaccination"/"vaccines" -> "vaccin"). A sentence's score is the share of the question's
terms it contains. The best sentence must reach `RELEVANCE_THRESHOLD` or the responder says it
does not know.

The threshold was tuned, not guessed: `python -m tests.bot.test_llm` sweeps it on BEIR SciFact
(../shared/eval/retrieval/scifact) with a 300-document knowledge base and 200 claims, half whose
source abstract is in the knowledge base, half whose source is not (the retriever still returns
its 5 nearest abstracts, all on biomedical topics, so "unrelated" is the hard case). Measured:
threshold 0.35 answers 79% of answerable claims and refuses 72% of unanswerable ones (balanced
accuracy 0.755, the sweep's best; 0.30 -> 0.86/0.52, 0.40 -> 0.71/0.76). Plain truncation to
4/5/6 letters and length-weighted terms were tried too and were no better (best 0.71-0.745).

Beyond the best sentence, others are quoted only when they score at least `FOCUS` times the best
one: a presentation choice (answers stay on the point), not a relevance cut.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from bot.llm.prompt import Prompt
from bot.messages import Citation, OutboundMessage
from bot.persona import Persona
from bot.rag import RetrievedChunk

RELEVANCE_THRESHOLD = 0.35
STEM = 6
MAX_SENTENCES = 3
FOCUS = 0.75
SNIPPET_CHARS = 200

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
# A sentence ends at . ! ? before a capital, unless the dot closes "Dr." "J." "Mrs." "e.g." "i.e.".
_NOT_ABBREVIATION = r"(?<!\b[A-Z]\.)(?<!\b[A-Z][a-z]\.)(?<!\bMrs\.)(?<!\be\.g\.)(?<!\bi\.e\.)"
_SENTENCE_END = re.compile(
    rf"(?<=[.!?]){_NOT_ABBREVIATION}\s+(?=[\"'(\[]?[A-Z0-9])|\n\s*\n|\n(?=\s*[-*•#]\s)"
)
_STOP_WORDS_TEXT = """
    a about above after again against all am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself yourselves
    tell explain please know say says said get got also may might must shall let us one
    """
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())
_SUFFIXES = ("ing", "ed", "es", "s")


@dataclass(frozen=True)
class ScoredSentence:
    """One sentence of a retrieved chunk with its relevance to the question (0..1)."""

    score: float
    text: str
    chunk: RetrievedChunk
    position: int


@lru_cache(maxsize=16_384)  # chunk sentences come back question after question
def terms(text: str) -> frozenset[str]:
    """The content terms of a text: lower-cased, stop words dropped, stemmed."""
    words = (w.lower() for w in _WORD.findall(text))
    return frozenset(stem(w) for w in words if w not in STOP_WORDS and (len(w) > 1 or w.isdigit()))


def stem(word: str) -> str:
    """Strip one ending ("warming" -> "warm", "running" -> "run"), keep `STEM` letters."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            if suffix in {"ing", "ed"} and len(word) > 3 and word[-1] == word[-2]:
                word = word[:-1]  # running -> runn -> run
            break
    return word[:STEM]


@lru_cache(maxsize=4096)
def split_sentences(text: str) -> tuple[str, ...]:
    """Sentences of a chunk; headings and bullet lines count as their own sentences."""
    parts = (" ".join(p.split()) for p in _SENTENCE_END.split(text))
    return tuple(p for p in parts if p)


def relevance(question_terms: frozenset[str], sentence: str) -> float:
    """Share of the question's terms that the sentence contains."""
    if not question_terms:
        return 0.0
    return len(question_terms & terms(sentence)) / len(question_terms)


def rank_sentences(question: str, chunks: Iterable[RetrievedChunk]) -> list[ScoredSentence]:
    """Every sentence of the chunks, best first (ties keep retrieval order)."""
    wanted = terms(question)
    scored = [
        ScoredSentence(relevance(wanted, sentence), sentence, chunk, position)
        for position, (chunk, sentence) in enumerate(
            (c, s) for c in chunks for s in split_sentences(c.text)
        )
    ]
    return sorted(scored, key=lambda s: (-s.score, s.position))


def best_score(question: str, chunks: Sequence[RetrievedChunk]) -> float:
    ranked = rank_sentences(question, chunks)
    return ranked[0].score if ranked else 0.0


def citations_for(
    chunks: Iterable[RetrievedChunk], snippets: dict[str, str]
) -> tuple[Citation, ...]:
    """One citation per document, in first-seen order; the snippet is what was used from it."""
    seen: dict[str, Citation] = {}
    for chunk in chunks:
        if chunk.document_id not in seen:
            snippet = snippets.get(chunk.document_id, chunk.text)
            seen[chunk.document_id] = Citation(
                document=chunk.document_id,
                title=chunk.title,
                snippet=shorten(snippet),
                url=chunk.source if chunk.source.startswith(("http://", "https://")) else "",
            )
    return tuple(seen.values())


def shorten(text: str, limit: int = SNIPPET_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


class GroundedResponder:
    """The default, offline `LLM`: quotes the best retrieved sentences, or says it does not know.

    Deterministic and network-free. Citations name the documents the quoted sentences come from.
    """

    def __init__(
        self, *, threshold: float = RELEVANCE_THRESHOLD, max_sentences: int = MAX_SENTENCES
    ) -> None:
        self._threshold = threshold
        self._max_sentences = max_sentences

    uses_history = False  # answers from the retrieved context alone
    remote = False

    async def reply(self, prompt: Prompt) -> OutboundMessage:
        picked = self.pick(prompt.question, prompt.context)
        if not picked:
            return OutboundMessage(text=prompt.persona.signed(dont_know(prompt.persona)))
        snippets = {s.chunk.document_id: s.text for s in reversed(picked)}
        body = " ".join(s.text for s in sorted(picked, key=lambda s: s.position))
        return OutboundMessage(
            text=prompt.persona.signed(body),
            citations=citations_for((s.chunk for s in picked), snippets),
        )

    def pick(self, question: str, chunks: Sequence[RetrievedChunk]) -> list[ScoredSentence]:
        """The best sentences that clear the threshold, at most `max_sentences`, no repeats."""
        picked: list[ScoredSentence] = []
        seen: set[str] = set()
        ranked = rank_sentences(question, chunks)
        floor = max(self._threshold, ranked[0].score * FOCUS) if ranked else 1.0
        for sentence in ranked:
            if sentence.score < floor or len(picked) == self._max_sentences:
                break
            if sentence.text.lower() not in seen:
                seen.add(sentence.text.lower())
                picked.append(sentence)
        return picked


def dont_know(persona: Persona) -> str:
    return (
        "I'm sorry, I don't know the answer to that: I couldn't find anything about it in "
        f"{persona.name}'s material. Could you rephrase, or ask about something else?"
    )
