"""Retrieval (and answers) per language over several datasets, against bm25s in the same run.

For each dataset and embedder choice: the corpus goes through the production ingest/retrieve
path (`evaluation.eval_session`); each question gets a language (`query_languages`); per
language, Parley's nDCG@10 is set beside plain bm25s BM25 (that language's Snowball stemmer and
bm25s's stop words where they exist) on the same questions, and, where the dataset has
`answers.jsonl` and an `Asker` is given, the share of replies holding a gold span and carrying
a citation. Goals (issue 11): nDCG@10 >= BM25, >= BM25 + 0.03 on a model that covers every
language (multilingual-e5); >= 70% of replies hold the span, >= 90% cite.
"""

from __future__ import annotations

import json
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import bm25s

from bot.errors import InvalidInput
from bot.rag.analysis import stemmer
from bot.rag.embedding import embedder_named
from bot.rag.evaluation import (
    CUTOFF,
    Dataset,
    EvalRun,
    Progress,
    _jsonl,
    eval_session,
    load_beir,
    ndcg,
    query_languages,
    score,
)
from bot.rag.retrieval import Fusion
from bot.settings import Settings

MULTILINGUAL_MARGIN = 0.03
SPAN_GOAL = 0.70
CITED_GOAL = 0.90
# the languages bm25s ships stop words for (bm25s.tokenization._infer_stopwords)
BM25S_STOPWORDS = frozenset(
    {"en", "de", "nl", "fr", "es", "pt", "it", "ru", "sv", "no", "zh", "tr", "ko", "da"}
)
Answers = dict[str, list[str]]  # query id -> gold answer spans
Outcome = tuple[bool, bool]  # (reply holds a gold span, reply carries a citation)
Asker = Callable[[EvalRun, dict[str, str], Answers], Awaitable[dict[str, Outcome]]]


def load_answers(directory: Path) -> Answers:
    """Gold answer spans by query id (XQuAD's answers.jsonl); empty when the file is absent."""
    path = directory / "answers.jsonl"
    if not path.is_file():
        return {}
    return {str(row["_id"]): list(row["answers"]) for row in _jsonl(path)}


def bm25s_ndcg(data: Dataset, language: str, qids: list[str]) -> dict[str, float]:
    """nDCG@10 per question of plain bm25s over title + text, read as `language`."""
    ids = list(data.corpus)
    options: dict[str, Any] = {
        "stopwords": language if language in BM25S_STOPWORDS else None,
        "stemmer": stemmer(language),
        "show_progress": False,
    }
    texts = [f"{title}\n{text}" for title, text in data.corpus.values()]
    retriever = bm25s.BM25()
    retriever.index(bm25s.tokenize(texts, **options), show_progress=False)
    tokens = bm25s.tokenize([data.queries[q] for q in qids], **options)
    found, _ = retriever.retrieve(tokens, k=min(CUTOFF, len(ids)), show_progress=False, n_threads=0)
    return {
        qid: ndcg([ids[int(i)] for i in row], data.qrels[qid])
        for qid, row in zip(qids, found, strict=True)
    }


@dataclass(frozen=True)
class LanguageRow:
    """One dataset's questions in one language, on one embedding model."""

    dataset: str
    language: str
    embedding_model: str
    queries: int
    ndcg: float
    baseline: float | None  # bm25s on the same questions; None when not measured
    margin: float  # what the goal asks over the baseline
    chunks_per_s: float
    query_p50_ms: float
    answered: int = 0  # questions asked through the engine
    span: float = 0.0
    cited: float = 0.0

    @property
    def delta(self) -> float | None:
        return None if self.baseline is None else self.ndcg - self.baseline

    def goals(self) -> dict[str, bool]:
        met: dict[str, bool] = {}
        if self.baseline is not None:
            met[f"ndcg_ge_bm25+{self.margin:g}"] = self.ndcg >= self.baseline + self.margin
        if self.answered:
            met[f"span_ge_{SPAN_GOAL:g}"] = self.span >= SPAN_GOAL
            met[f"cited_ge_{CITED_GOAL:g}"] = self.cited >= CITED_GOAL
        return met

    def as_json(self) -> dict[str, object]:
        delta = self.delta
        return {
            "dataset": self.dataset,
            "language": self.language,
            "embedding_model": self.embedding_model,
            "queries": self.queries,
            f"ndcg@{CUTOFF}": round(self.ndcg, 4),
            "bm25s": None if self.baseline is None else round(self.baseline, 4),
            "delta": None if delta is None else round(delta, 4),
            "ingest_chunks_per_s": round(self.chunks_per_s, 2),
            "query_p50_ms": round(self.query_p50_ms, 2),
            "answered": self.answered,
            "span": round(self.span, 3),
            "cited": round(self.cited, 3),
            "goals": self.goals(),
        }


def margin_for(model_name: str) -> float:
    """The goal's margin over BM25: 0.03 for a model covering every language, else 0."""
    return MULTILINGUAL_MARGIN if embedder_named(model_name).languages is None else 0.0


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def language_rows(
    name: str,
    report_figures: tuple[str, float, float, dict[str, float]],
    languages: dict[str, str],
    baselines: dict[str, float],
    outcomes: dict[str, Outcome],
) -> list[LanguageRow]:
    """The rows of one scored dataset: (model, chunks/s, query ms, nDCG per query) by language."""
    model, chunks_per_s, query_ms, per_query = report_figures
    rows = []
    for language in sorted(set(languages.values())):
        qids = [q for q in per_query if languages[q] == language]
        asked = [outcomes[q] for q in qids if q in outcomes]
        rows.append(
            LanguageRow(
                name, language, model, len(qids),
                _mean([per_query[q] for q in qids]),
                _mean([baselines[q] for q in qids]) if baselines else None,
                margin_for(model), chunks_per_s, query_ms, len(asked),
                _mean([float(span) for span, _ in asked]),
                _mean([float(cited) for _, cited in asked]),
            )
        )  # fmt: skip
    return rows


def baselines_by_language(data: Dataset, languages: dict[str, str]) -> dict[str, float]:
    """bm25s nDCG@10 per query id, each question's language deciding its analysis."""
    out: dict[str, float] = {}
    for language in sorted(set(languages.values())):
        qids = [q for q in data.queries if languages[q] == language]
        out |= bm25s_ndcg(data, language, qids)
    return out


async def evaluate_languages(
    datasets: list[Path],
    settings: Settings,
    *,
    embedders: list[str | None],
    split: str = "test",
    limit: int | None = None,
    baseline: bool = True,
    asker: Asker | None = None,
    progress: Progress = lambda line: None,
) -> list[LanguageRow]:
    """Per dataset, language and embedder choice: Parley vs bm25s (and answers), one run."""
    rows: list[LanguageRow] = []
    for directory in datasets:
        data = load_beir(directory, split=split, limit=limit)
        if not data.queries:
            raise InvalidInput(f"{directory}: no judged queries in the {split} split")
        languages = query_languages(data.queries)
        started = time.process_time()
        baselines = baselines_by_language(data, languages) if baseline else {}
        progress(f"{directory.name}: bm25s in {time.process_time() - started:.1f} s CPU")
        answers = {q: a for q, a in load_answers(directory).items() if q in data.queries}
        for embedder in embedders:
            async with eval_session(data, settings, embedder=embedder, progress=progress) as run:
                report = await score(run, data, Fusion.from_settings(settings.rag))
                outcomes = await asker(run, data.queries, answers) if asker and answers else {}
            figures = (
                report.embedding_model, report.ingest_chunks_per_s, report.query_p50_ms,
                report.per_query,
            )  # fmt: skip
            found = language_rows(directory.name, figures, languages, baselines, outcomes)
            for row in found:
                progress(json.dumps(row.as_json()))
            rows += found
    return rows
