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

Other languages: English keeps the tuned prefix stemmer above; any other language (the
question's, or the chunk's when known) is reduced with the retrieval analyser (Snowball stems,
stop words, character bigrams for Chinese, Japanese, Thai), so "share of the question's terms"
means the same thing in every script. When the retrieved chunks include some in the question's
language, only those are quoted: the reply is in the language of the question.

Their thresholds were measured too (`python bench/answer_thresholds.py de ru zh`), on
300 XQuAD questions per language, BM25 top 5, asked once with their source paragraph in the
knowledge base and once without it (the "unanswerable" case):
- words (Snowball stems; de, ru): 0.30 answers 92% / refuses 50-55%; 0.35 answers 79-86% /
  refuses 71-77%. 0.30 is taken: the answer goal asks for >= 90% of replies to cite a source.
- characters (zh; also ja, th, whose terms are character bigrams): a sentence scores the share
  of the question's characters its matching bigrams cover (`units`); all 1,190 zh questions:
  0.25 answers 98% / refuses 37%; 0.30 answers 92% / refuses 58%, the words' operating point,
  so one threshold serves both. The share of bigrams used before (0.25: answers 89% / refuses
  65%; 87% of widget replies cited) undercounts: half a question's bigrams straddle two words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from bot.i18n.language import detect
from bot.llm.prompt import Prompt
from bot.llm.sentences import split_sentences
from bot.messages import Citation, OutboundMessage
from bot.rag import RetrievedChunk
from bot.rag.analysis import analyse, characters, unspaced

RELEVANCE_THRESHOLD = 0.35  # English, prefix stems (SciFact sweep above)
WORDS_THRESHOLD = 0.30  # other languages: Snowball stems / words (de, ru), characters (zh)
STEM = 6
MAX_SENTENCES = 3
FOCUS = 0.75
SNIPPET_CHARS = 200

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
LEGACY = frozenset({"", "en"})  # reduced by the tuned English prefix stemmer
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
    language: str = ""  # how the sentence was read ("" / "en": the tuned English way)


@lru_cache(maxsize=16_384)  # chunk sentences come back question after question
def terms(text: str, language: str = "") -> frozenset[str]:
    """The content terms of a text: lower-cased, stop words dropped, stemmed."""
    if language not in LEGACY or unspaced(text):
        return frozenset(analyse(text, language))
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


@lru_cache(maxsize=4096)  # the same chunks come back question after question
def chunk_sentences(text: str) -> tuple[str, ...]:
    return tuple(split_sentences(text))


def relevance(question_terms: frozenset[str], sentence: str, language: str = "") -> float:
    """Share of the question's terms that the sentence contains; by characters where the
    question's terms are character bigrams (see `units`)."""
    if not question_terms:
        return 0.0
    matched = question_terms & terms(sentence, language)
    if not any(unspaced(term) for term in question_terms):
        return len(matched) / len(question_terms)
    return len(units(matched)) / len(units(question_terms))


def units(found: Iterable[str]) -> set[str]:
    """What a match covers: the characters of bigram terms, whole words otherwise.

    Bigrams of an unspaced question overlap and half of them straddle two words ("了国" in
    "演绎了国歌"): no sentence holds those, so a share of bigrams undercounts a sentence that
    holds every word. The share of characters a matched bigram covers does not.
    """
    return {unit for term in found for unit in (characters(term) if unspaced(term) else [term])}


def in_language(chunks: Sequence[RetrievedChunk], language: str) -> list[RetrievedChunk]:
    """The chunks in the question's language, if any are; else all of them."""
    same = [c for c in chunks if language and c.language == language]
    return same or list(chunks)


def rank_sentences(question: str, chunks: Iterable[RetrievedChunk]) -> list[ScoredSentence]:
    """Every sentence of the chunks, best first (ties keep retrieval order)."""
    asked = detect(question)
    chunks = in_language(list(chunks), asked)
    wanted: dict[str, frozenset[str]] = {}
    scored = []
    for position, (chunk, sentence) in enumerate(
        (c, s) for c in chunks for s in chunk_sentences(c.text)
    ):
        language = chunk.language or asked
        if language not in wanted:
            wanted[language] = terms(question, language)
        score = relevance(wanted[language], sentence, language)
        scored.append(ScoredSentence(score, sentence, chunk, position, language))
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
            text = prompt.texts.get("dont_know", name=prompt.persona.name)
            return OutboundMessage(text=prompt.persona.signed(text))
        snippets = {s.chunk.document_id: s.text for s in reversed(picked)}
        body = " ".join(s.text for s in sorted(picked, key=lambda s: s.position))
        return OutboundMessage(
            text=prompt.persona.signed(body),
            citations=citations_for((s.chunk for s in picked), snippets),
        )

    def threshold_for(self, sentence: ScoredSentence) -> float:
        """The relevance a sentence needs, by how its terms were made (measured per kind)."""
        if sentence.language in LEGACY and not unspaced(sentence.text):
            return self._threshold
        return WORDS_THRESHOLD

    def pick(self, question: str, chunks: Sequence[RetrievedChunk]) -> list[ScoredSentence]:
        """The best sentences that clear the threshold, at most `max_sentences`, no repeats."""
        picked: list[ScoredSentence] = []
        seen: set[str] = set()
        ranked = rank_sentences(question, chunks)
        focus = ranked[0].score * FOCUS if ranked else 1.0
        for sentence in ranked:
            if len(picked) == self._max_sentences:
                break
            if sentence.score < max(self.threshold_for(sentence), focus):
                continue  # a sentence read another way may have a lower bar
            if sentence.text.lower() not in seen:
                seen.add(sentence.text.lower())
                picked.append(sentence)
        return picked
