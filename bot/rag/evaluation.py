"""Retrieval evaluation on a BEIR-layout dataset through the production ingest/retrieve path."""

from __future__ import annotations

import csv
import json
import math
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tortoise import Tortoise

from bot.errors import InvalidInput
from bot.i18n.language import detect
from bot.rag import RetrievedChunk
from bot.rag.choice import parse_choice
from bot.rag.retrieval import Fusion
from bot.rag.service import KnowledgeService
from bot.rag.sources import Source
from bot.settings import ChromaSettings, Settings
from models.bots import Bot
from models.creators import Creator
from models.db import close_db, init_db
from models.knowledge import DocumentChunk, KnowledgeBase

CUTOFF = 10
MIXED_SHARE = 0.05
INGEST_BATCH = 64
SPLITS = {
    "test": ("queries.jsonl", "qrels.tsv"),
    "train": ("queries_train.jsonl", "qrels_train.tsv"),
}
Qrels = dict[str, dict[str, int]]
Progress = Callable[[str], None]


@dataclass(frozen=True)
class Dataset:
    corpus: dict[str, tuple[str, str]]  # id -> (title, text)
    queries: dict[str, str]
    qrels: Qrels


@dataclass(frozen=True)
class EvalReport:
    fusion: Fusion
    ndcg: float
    recall: float
    mrr: float
    query_p50_ms: float
    query_p95_ms: float
    ingest_chunks_per_s: float
    documents: int
    chunks: int
    queries: int
    embedding_model: str = ""
    # query language -> (queries, nDCG@10); filled when the dataset mixes languages
    by_language: dict[str, tuple[int, float]] = field(default_factory=dict)
    per_query: dict[str, float] = field(default_factory=dict)  # query id -> nDCG@10

    def as_json(self) -> dict[str, object]:
        return {
            "embedding_model": self.embedding_model,
            "by_language": {
                lang: {"queries": n, f"ndcg@{CUTOFF}": round(score, 4)}
                for lang, (n, score) in self.by_language.items()
            },
            f"ndcg@{CUTOFF}": round(self.ndcg, 4),
            f"recall@{CUTOFF}": round(self.recall, 4),
            f"mrr@{CUTOFF}": round(self.mrr, 4),
            "query_p50_ms": round(self.query_p50_ms, 2),
            "query_p95_ms": round(self.query_p95_ms, 2),
            "ingest_chunks_per_s": round(self.ingest_chunks_per_s, 2),
            "documents": self.documents,
            "chunks": self.chunks,
            "queries": self.queries,
        }


def _jsonl(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        raise InvalidInput(f"{path}: missing; a BEIR dataset has corpus.jsonl, queries, qrels")
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def load_qrels(path: Path) -> Qrels:
    qrels: Qrels = {}
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            qrels.setdefault(row["query-id"], {})[row["corpus-id"]] = int(row["score"])
    return qrels


def load_beir(directory: Path, *, split: str = "test", limit: int | None = None) -> Dataset:
    """Corpus, the judged queries of a split (first `limit` of them) and their qrels."""
    queries_file, qrels_file = SPLITS[split]
    if not (directory / qrels_file).is_file():
        raise InvalidInput(f"{directory / qrels_file}: missing; is {directory} a BEIR dataset?")
    corpus = {d["_id"]: (d.get("title", ""), d["text"]) for d in _jsonl(directory / "corpus.jsonl")}
    qrels = load_qrels(directory / qrels_file)
    judged = [q for q in _jsonl(directory / queries_file) if q["_id"] in qrels]
    queries = {q["_id"]: q["text"] for q in judged[:limit]}
    return Dataset(corpus, queries, {qid: qrels[qid] for qid in queries})


def ranked_documents(chunks: list[RetrievedChunk], cutoff: int = CUTOFF) -> list[str]:
    """Corpus ids in rank order, each once (a document ranks where its best chunk does)."""
    seen: dict[str, None] = {}
    for chunk in chunks:
        seen.setdefault(chunk.source, None)
    return list(seen)[:cutoff]


def ndcg(ranked: list[str], relevant: dict[str, int], cutoff: int = CUTOFF) -> float:
    dcg = sum(relevant.get(d, 0) / math.log2(i + 2) for i, d in enumerate(ranked[:cutoff]))
    ideal_gains = sorted((g for g in relevant.values() if g > 0), reverse=True)[:cutoff]
    ideal = sum(g / math.log2(i + 2) for i, g in enumerate(ideal_gains))
    return dcg / ideal if ideal else 0.0


def recall(ranked: list[str], relevant: dict[str, int], cutoff: int = CUTOFF) -> float:
    wanted = {d for d, g in relevant.items() if g > 0}
    return len(wanted & set(ranked[:cutoff])) / len(wanted) if wanted else 0.0


def reciprocal_rank(ranked: list[str], relevant: dict[str, int], cutoff: int = CUTOFF) -> float:
    for i, doc in enumerate(ranked[:cutoff]):
        if relevant.get(doc, 0) > 0:
            return 1.0 / (i + 1)
    return 0.0


def percentile(values: list[float], q: int) -> float:
    return (
        statistics.quantiles(values, n=100, method="inclusive")[q - 1]
        if len(values) > 1
        else values[0]
    )


@dataclass
class EvalRun:
    """What one evaluation holds while it runs."""

    service: KnowledgeService
    kb: KnowledgeBase
    chunks_per_s: float = 0.0
    chunks: int = 0
    reports: list[EvalReport] = field(default_factory=list)


async def _ingest(run: EvalRun, data: Dataset, progress: Progress) -> None:
    sources = [
        Source(title or doc_id, text, doc_id, "txt", len(text.encode()))
        for doc_id, (title, text) in data.corpus.items()
    ]
    started = time.perf_counter()
    for start in range(0, len(sources), INGEST_BATCH):
        await run.service.indexer.ingest(run.kb, sources[start : start + INGEST_BATCH])
        progress(f"ingested {min(start + INGEST_BATCH, len(sources))}/{len(sources)} documents")
    elapsed = time.perf_counter() - started
    run.chunks = await DocumentChunk.filter(document__knowledge_base_id=run.kb.id).count()
    run.chunks_per_s = run.chunks / elapsed if elapsed else 0.0


async def score(run: EvalRun, data: Dataset, fusion: Fusion) -> EvalReport:
    run.service.retriever.fusion = fusion
    latencies, totals = [], [0.0, 0.0, 0.0]
    per_query: dict[str, float] = {}
    for qid, text in data.queries.items():
        started = time.perf_counter()
        chunks = await run.service.retriever.retrieve([run.kb.id], text, k=3 * CUTOFF)
        latencies.append((time.perf_counter() - started) * 1000)
        ranked = ranked_documents(chunks)
        for i, metric in enumerate((ndcg, recall, reciprocal_rank)):
            totals[i] += metric(ranked, data.qrels[qid])
        per_query[qid] = ndcg(ranked, data.qrels[qid])
    n = len(data.queries)
    kb = await KnowledgeBase.get(id=run.kb.id)
    languages = query_languages(data.queries)
    mixed = len(set(languages.values())) > 1
    return EvalReport(
        fusion, totals[0] / n, totals[1] / n, totals[2] / n,
        percentile(latencies, 50), percentile(latencies, 95),
        run.chunks_per_s, len(data.corpus), run.chunks, n, kb.embedding_model,
        mean_by_language(per_query, languages) if mixed else {}, per_query,
    )  # fmt: skip


def query_languages(queries: dict[str, str]) -> dict[str, str]:
    """Each question's language: as detected when that language has `MIXED_SHARE` of the
    questions, else the dataset's main question language (a handful of misdetected questions
    do not make a language of their own)."""
    detected = {qid: detect(text) or "?" for qid, text in queries.items()}
    counts = Counter(detected.values())
    main = next((lang for lang, _ in counts.most_common() if lang != "?"), "?")
    kept = {lang for lang, n in counts.items() if lang != "?" and n >= MIXED_SHARE * len(queries)}
    return {qid: lang if lang in kept else main for qid, lang in detected.items()}


def mean_by_language(
    per_query: dict[str, float], languages: dict[str, str]
) -> dict[str, tuple[int, float]]:
    """(questions, mean) per language of the questions in `per_query`."""
    groups: dict[str, list[float]] = {}
    for qid, value in per_query.items():
        groups.setdefault(languages[qid], []).append(value)
    return {lang: (len(v), sum(v) / len(v)) for lang, v in sorted(groups.items())}


async def _eval_kb(service: KnowledgeService, embedder: str | None) -> KnowledgeBase:
    creator = await Creator.create(email="eval@parley.invalid", password_hash="-")
    await Bot.create(creator=creator, slug="eval", name="Eval")
    kb = await service.knowledge_base(creator.id, "eval")
    if embedder is not None:  # empty: the first ingest settles the model from this choice
        kb.embedder = parse_choice(embedder)
        await kb.save(update_fields=["embedder"])
    return kb


def scratch_settings(settings: Settings, directory: Path) -> Settings:
    """The same RAG settings, with a database and embedded Chroma inside `directory`."""
    chroma = ChromaSettings(mode="embedded", path=directory / "chroma")
    return settings.model_copy(update={"data_dir": directory, "database_url": "", "chroma": chroma})


@asynccontextmanager
async def eval_session(
    data: Dataset,
    settings: Settings,
    *,
    embedder: str | None = None,
    progress: Progress = lambda line: None,
) -> AsyncIterator[EvalRun]:
    """The corpus ingested into a temporary database and Chroma, for scoring; removed after."""
    with tempfile.TemporaryDirectory(prefix="parley-eval-") as tmp:
        scratch = scratch_settings(settings, Path(tmp))
        await init_db(scratch.db_url)
        try:
            await Tortoise.generate_schemas()
            service = KnowledgeService(scratch)
            run = EvalRun(service, await _eval_kb(service, embedder))
            await _ingest(run, data, progress)
            yield run
        finally:
            await close_db()


async def evaluate_retrieval(
    dataset: Path,
    settings: Settings,
    *,
    split: str = "test",
    limit: int | None = None,
    fusions: list[Fusion] | None = None,
    embedder: str | None = None,
    progress: Progress = lambda line: None,
) -> list[EvalReport]:
    """Ingest the corpus into a temporary store once, then score each fusion setting."""
    data = load_beir(dataset, split=split, limit=limit)
    if not data.queries:
        raise InvalidInput(f"{dataset}: no judged queries in the {split} split")
    async with eval_session(data, settings, embedder=embedder, progress=progress) as run:
        return [await score(run, data, f) for f in fusions or [Fusion.from_settings(settings.rag)]]
