"""Sweep the grounded responder's relevance threshold on XQuAD, per language.

Run: python bench/answer_thresholds.py de ru zh [--questions 300]

For each question: BM25 (Parley's lexical index, per-language analysis) takes the top 5
paragraphs; the best sentence's relevance is recorded (a) with the question's source paragraph
in the knowledge base and (b) with it removed, the unanswerable case. Per threshold: share of
answerable questions answered, share whose best sentence holds a gold span, share of
unanswerable ones refused. `bot/llm/grounded.py` took its per-kind thresholds from this.
Ends with one JSON line.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.i18n.language import detect
from bot.llm.grounded import ScoredSentence, rank_sentences
from bot.rag import RetrievedChunk
from bot.rag.lexical import IndexedChunk, LexicalIndex

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval" / "retrieval"
THRESHOLDS = (0.2, 0.25, 0.3, 0.35, 0.4)


def jsonl(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def folded(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def best(index: LexicalIndex, question: str, drop: str = "") -> ScoredSentence | None:
    hits = [h for h in index.search(question, 6, language=detect(question)) if h[0] != drop][:5]
    chunks = [
        RetrievedChunk(cid, cid, c.title, c.text, score, language=c.language)
        for cid, score in hits
        for c in [index.by_id[cid]]
    ]
    ranked = rank_sentences(question, chunks)
    return ranked[0] if ranked else None


def sweep(language: str, questions: int) -> dict[str, dict[str, float]]:
    directory = SHARED / f"xquad_{language}"
    corpus = jsonl(directory / "corpus.jsonl")
    texts = {str(q["_id"]): str(q["text"]) for q in jsonl(directory / "queries.jsonl")}
    chunks = [
        IndexedChunk(str(c["_id"]), str(c["_id"]), str(c["title"]), "", str(c["text"]),
                     str(c["_id"]), detect(str(c["text"])))
        for c in corpus
    ]  # fmt: skip
    index = LexicalIndex(chunks)
    answerable, unanswerable = [], []
    for row in jsonl(directory / "answers.jsonl")[:questions]:
        question = texts[str(row["_id"])]
        top = best(index, question)
        spans = [folded(str(a)) for a in row["answers"]]  # type: ignore[attr-defined]
        hit = top is not None and any(a in folded(top.text) for a in spans)
        answerable.append((top.score if top else 0.0, hit))
        away = best(index, question, drop=str(row["corpus_id"]))
        unanswerable.append(away.score if away else 0.0)
    n = len(answerable)
    return {
        f"{t:g}": {
            "answered": round(sum(s >= t for s, _ in answerable) / n, 3),
            "span_top1": round(sum(s >= t and ok for s, ok in answerable) / n, 3),
            "refused_unanswerable": round(sum(s < t for s in unanswerable) / n, 3),
        }
        for t in THRESHOLDS
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("languages", nargs="+")
    parser.add_argument("--questions", type=int, default=300)
    args = parser.parse_args()
    results = {}
    for language in args.languages:
        results[language] = sweep(language, args.questions)
        for threshold, figures in results[language].items():
            print(language, threshold, figures)
    print(json.dumps({"bench": "answer_thresholds", "results": results}))


if __name__ == "__main__":
    main()
