"""Retrieval and answers per language: Parley vs bm25s BM25 (that language's stemmer), one run.

Run:  python bench/languages.py            (quick: subsamples, see below; ~10 min CPU here)
      python bench/languages.py --full     (all SciFact: ~5,200 abstracts, 300 claims; all XQuAD)
      --no-grid: the default fusion only; --languages zh --embedders multilingual: a subset

Data: ../shared/eval/retrieval/{xquad_de,xquad_ru,xquad_zh,scifact} (BEIR layout; XQuAD adds
answers.jsonl). For each language, in this one process:
- the baseline: bm25s over title + text, tokenised by bm25s with that language's Snowball stemmer
  (PyStemmer) and bm25s's stop words; Chinese has no stemmer and gets bm25s's own tokeniser;
- Parley with the knowledge base on `minilm` (the English model: gated off non-English questions)
  and on `multilingual` (multilingual-e5-small), through the production ingest/retrieve path,
  a grid of fusions each (score vs rank fusion, dense weights, without grams: how the
  defaults were chosen); P-lex is Parley's lexical lists alone (stems + character grams);
- ingest chunks/s and query ms per embedder;
- answers: the first N questions asked through the engine as widget turns (`Engine.handle` on the
  web channel, the production step list) with the offline grounded responder: share of replies
  that contain a gold answer span, and share that carry a citation.
Quick mode: XQuAD keeps all 240 paragraphs and asks its first 400 questions (of 1,190), 60 of
them as answer turns; SciFact keeps the first 100 judged test claims, their relevant abstracts
and random other abstracts (seed 0) up to 400 documents. A smaller pool than the full 5,183
makes nDCG higher than on the full set, so the SciFact goal (>= 0.70) is judged on --full.
Goals: nDCG@10 >= BM25 per language; >= BM25 + 0.03 with the multilingual embedder; SciFact
>= 0.70; answers: >= 70% contain the span, >= 90% carry a citation. Ends with one JSON line.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.answer_eval import ask_as_widget
from bot.rag.eval_languages import bm25s_ndcg, load_answers
from bot.rag.evaluation import Dataset, EvalRun, _jsonl, eval_session, load_beir, score
from bot.rag.retrieval import Fusion
from bot.settings import Settings

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval" / "retrieval"
DATASETS = {"de": "xquad_de", "ru": "xquad_ru", "zh": "xquad_zh", "en": "scifact"}
DENSE_WEIGHTS = (0.5, 1.0, 2.0)  # against the lexical lists' 1.0
QUICK_SCIFACT = (100, 400)  # claims, documents
QUICK_XQUAD = 400  # questions


@dataclass
class LanguageResult:
    language: str
    documents: int
    queries: int
    bm25s: float = 0.0
    parley: dict[str, float] = field(default_factory=dict)  # config -> nDCG@10
    weights: dict[str, dict[str, float]] = field(default_factory=dict)  # embedder -> w -> nDCG
    chunks_per_s: dict[str, float] = field(default_factory=dict)
    query_ms: dict[str, float] = field(default_factory=dict)
    answers: dict[str, dict[str, float]] = field(default_factory=dict)


def subsample(data: Dataset, claims: int, documents: int) -> Dataset:
    queries = dict(list(data.queries.items())[:claims])
    qrels = {qid: data.qrels[qid] for qid in queries}
    keep = {doc for rel in qrels.values() for doc in rel if doc in data.corpus}
    others = sorted(set(data.corpus) - keep)
    random.Random(0).shuffle(others)
    keep |= set(others[: max(documents - len(keep), 0)])
    return Dataset({d: data.corpus[d] for d in sorted(keep)}, queries, qrels)


def bm25s_baseline(data: Dataset, language: str) -> float:
    return statistics.fmean(bm25s_ndcg(data, language, list(data.queries)).values())


async def answer_goal(run: EvalRun, directory: Path, limit: int | None) -> dict[str, float]:
    """Questions asked as widget turns; share of replies with a gold span / with a citation."""
    questions = {q["_id"]: q["text"] for q in _jsonl(directory / "queries.jsonl")}
    answers = dict(list(load_answers(directory).items())[:limit])
    if not answers:
        return {}
    outcomes = list((await ask_as_widget(run, questions, answers)).values())
    n = len(outcomes)
    return {
        "questions": n,
        "span": round(sum(span for span, _ in outcomes) / n, 3),
        "cited": round(sum(cited for _, cited in outcomes) / n, 3),
    }


async def run_embedder(
    result: LanguageResult,
    data: Dataset,
    directory: Path,
    embedder: str,
    settings: Settings,
    answers: int | None,
    *,
    grid: bool = True,
) -> None:
    base = Fusion.from_settings(settings.rag)
    async with eval_session(data, settings, embedder=embedder) as run:
        default = await score(run, data, base)
        result.parley[embedder] = default.ndcg
        result.chunks_per_s[embedder] = round(default.ingest_chunks_per_s, 2)
        result.query_ms[embedder] = round(default.query_p50_ms, 2)
        measured = result.weights.setdefault(embedder, {})
        for name, fusion in grid_fusions(base, embedder) if grid else []:
            measured[name] = round((await score(run, data, fusion)).ndcg, 4)
        if embedder == "minilm":
            lexical = Fusion(0.0, 1.0, base.rrf_k, base.candidates)
            result.parley["bm25_only"] = (await score(run, data, lexical)).ndcg
        result.answers[embedder] = await answer_goal(run, directory, answers)


def grid_fusions(base: Fusion, embedder: str) -> list[tuple[str, Fusion]]:
    """The alternatives measured beside the default (language gate off: what each list is worth)."""
    ungated = replace(base, language_gate=False)
    grid = [(f"scores/w{w:g}", replace(ungated, dense_weight=w)) for w in DENSE_WEIGHTS]
    grid += [(f"ranks/k{k}", replace(ungated, method="ranks", rrf_k=k)) for k in (20, 60)]
    grid.append(("no_grams", replace(base, gram_weight=0.0)))
    if embedder == "multilingual":
        grid.append(("dense_only", replace(ungated, sparse_weight=0.0)))
    return grid


def table(results: list[LanguageResult]) -> None:
    head = (
        f"{'lang':<5}{'docs':>6}{'qs':>6}{'bm25s':>8}{'P-lex':>8}{'P-minilm':>10}{'P-e5':>8}"
        f"{'e5-bm25s':>10}{'c/s mini':>10}{'c/s e5':>8}{'ms mini':>9}{'ms e5':>7}"
        f"{'span/cite minilm':>18}{'span/cite e5':>14}"
    )
    print(head)
    for r in results:
        mini, e5 = (r.answers.get(name) or {} for name in ("minilm", "multilingual"))
        print(
            f"{r.language:<5}{r.documents:>6}{r.queries:>6}{r.bm25s:>8.4f}"
            f"{r.parley.get('bm25_only', 0):>8.4f}{r.parley.get('minilm', 0):>10.4f}"
            f"{r.parley.get('multilingual', 0):>8.4f}"
            f"{r.parley.get('multilingual', 0) - r.bm25s:>+10.4f}"
            f"{r.chunks_per_s.get('minilm', 0):>10.2f}{r.chunks_per_s.get('multilingual', 0):>8.2f}"
            f"{r.query_ms.get('minilm', 0):>9.2f}{r.query_ms.get('multilingual', 0):>7.2f}"
            f"{_answers(mini):>18}{_answers(e5):>14}"
        )
    for r in results:
        print(f"{r.language}: fusion grid {json.dumps(r.weights)}")
        print(f"{r.language}: answers {json.dumps(r.answers)}")


def _answers(figures: dict[str, float]) -> str:
    return f"{figures['span']:.2f}/{figures['cited']:.2f}" if figures else "-"


def goals(results: list[LanguageResult]) -> dict[str, bool]:
    met: dict[str, bool] = {}
    for r in results:
        met[f"{r.language}_minilm_ge_bm25"] = r.parley.get("minilm", 0) >= r.bm25s
        met[f"{r.language}_e5_ge_bm25_plus_0.03"] = (
            r.parley.get("multilingual", 0) >= r.bm25s + 0.03
        )
        for name, figures in r.answers.items():
            if figures:
                met[f"{r.language}_{name}_span_ge_0.70"] = figures["span"] >= 0.70
                met[f"{r.language}_{name}_cited_ge_0.90"] = figures["cited"] >= 0.90
        if r.language == "en":
            met["scifact_ge_0.70"] = max(r.parley.values()) >= 0.70
    return met


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--full", action="store_true", help="all of SciFact and of XQuAD")
    parser.add_argument("--languages", default="de,ru,zh,en")
    parser.add_argument("--answers", type=int, default=60, help="answer questions per language")
    parser.add_argument("--data", type=Path, default=SHARED)
    parser.add_argument("--embedders", default="minilm,multilingual")
    parser.add_argument("--no-grid", action="store_true", help="the default fusion only (faster)")
    args = parser.parse_args()
    if not args.data.is_dir():
        print(f"skipped: {args.data} is missing (the shared eval data sits beside the repo)")
        return
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    results = []
    for language in args.languages.split(","):
        directory = args.data / DATASETS[language]
        data = load_beir(directory)
        if language == "en" and not args.full:
            data = subsample(data, *QUICK_SCIFACT)
        elif not args.full:
            data = subsample(data, QUICK_XQUAD, len(data.corpus))
        result = LanguageResult(language, len(data.corpus), len(data.queries))
        started = time.process_time()
        result.bm25s = bm25s_baseline(data, language)
        print(f"{language}: bm25s {result.bm25s:.4f} ({time.process_time() - started:.1f} s CPU)")
        for embedder in args.embedders.split(","):
            await run_embedder(
                result,
                data,
                directory,
                embedder,
                settings,
                None if args.full else args.answers,
                grid=not args.no_grid,
            )
            print(f"{language}/{embedder}: {result.parley} {result.answers.get(embedder)}")
        results.append(result)
        print(f"{language}: {json.dumps(result.__dict__)}", flush=True)
    table(results)
    print(json.dumps({"bench": "languages", "full": args.full, "goals": goals(results),
                      "results": [r.__dict__ for r in results]}))  # fmt: skip


if __name__ == "__main__":
    asyncio.run(main())
