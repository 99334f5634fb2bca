"""Retrieval evaluation: the metrics, and `parley eval retrieval` on a small BEIR-layout set."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.rag import RetrievedChunk
from bot.rag.evaluation import ndcg, ranked_documents, recall, reciprocal_rank

PARLEY = str(Path(sys.executable).with_name("parley"))


def chunk(source: str) -> RetrievedChunk:
    return RetrievedChunk(
        chunk_id=source, document_id=source, title="", text="", score=1.0, source=source
    )


def test_documents_rank_where_their_best_chunk_does() -> None:
    chunks = [chunk(s) for s in ["d1", "d2", "d1", "d3", "d2"]]
    assert ranked_documents(chunks) == ["d1", "d2", "d3"]
    assert ranked_documents(chunks, cutoff=2) == ["d1", "d2"]


def test_metrics_match_hand_computed_values() -> None:
    relevant = {"a": 1, "c": 1}
    ranked = ["a", "b", "c"]
    ideal = 1 + 1 / 1.5849625  # two relevant documents at ranks 1 and 2
    assert ndcg(ranked, relevant) == pytest.approx((1 + 1 / 2) / ideal)
    assert recall(ranked, relevant) == 1.0 and recall(["b", "c"], relevant) == 0.5
    assert reciprocal_rank(["b", "c"], relevant) == 0.5 and reciprocal_rank(["b"], relevant) == 0


def write_dataset(folder: Path) -> Path:
    folder.mkdir()
    docs = {
        "t1": ("Green tea", "Green tea is steeped at eighty degrees for two minutes."),
        "t2": ("Black tea", "Black tea needs boiling water and four minutes of steeping."),
        "t3": ("Storage", "Keep tea leaves in an airtight tin away from light."),
        "t4": ("Matcha", "Matcha is whisked, not steeped, in water below boiling."),
    }
    lines = [json.dumps({"_id": k, "title": t, "text": x}) for k, (t, x) in docs.items()]
    (folder / "corpus.jsonl").write_text("\n".join(lines) + "\n")
    queries = {"q1": "how long do I steep black tea", "q2": "airtight tin storage", "q3": "matcha"}
    (folder / "queries.jsonl").write_text(
        "\n".join(json.dumps({"_id": k, "text": v}) for k, v in queries.items())
    )
    (folder / "qrels.tsv").write_text(
        "query-id\tcorpus-id\tscore\nq1\tt2\t1\nq2\tt3\t1\nq3\tt4\t1\n"
    )
    return folder


def parley(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARLEY_")}
    env |= {"PARLEY_RAG__EMBEDDER": "hashing", "PARLEY_DATA_DIR": str(cwd / "data")}
    return subprocess.run(
        [PARLEY, *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=120
    )


def test_eval_retrieval_prints_figures_and_a_json_line(tmp_path: Path) -> None:
    dataset = write_dataset(tmp_path / "tiny")
    out = parley("eval", "retrieval", "--dataset", str(dataset), "--json", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    assert figures["ndcg@10"] == figures["recall@10"] == figures["mrr@10"] == 1.0
    assert (figures["documents"], figures["chunks"], figures["queries"]) == (4, 4, 3)
    assert figures["query_p95_ms"] >= figures["query_p50_ms"] > 0
    assert figures["ingest_chunks_per_s"] > 0
    assert "ndcg@10: 1.0" in out.stdout
    assert not (tmp_path / "data").exists(), "the evaluation store is temporary"
    limited = parley(
        "eval", "retrieval", "--dataset", str(dataset), "--limit", "1", "--json", cwd=tmp_path
    )
    assert json.loads(limited.stdout.strip().splitlines()[-1])["queries"] == 1


def test_eval_retrieval_rejects_a_folder_that_is_not_a_dataset(tmp_path: Path) -> None:
    out = parley("eval", "retrieval", "--dataset", str(tmp_path), cwd=tmp_path)
    assert out.returncode == 1
    assert out.stderr.strip().splitlines() == [
        f"Error: {tmp_path / 'qrels.tsv'}: missing; is {tmp_path} a BEIR dataset?"
    ]
