"""`parley eval retrieval` on a dataset mixing languages reports nDCG per question language."""

from __future__ import annotations

import json
from pathlib import Path

from tests.bot.rag.test_evaluation import parley

DOCS = {
    "e1": ("Green tea", "Green tea is steeped at eighty degrees for two minutes."),
    "e2": ("Storage", "Keep tea leaves in an airtight tin away from light and moisture."),
    "d1": ("Grüner Tee", "Grüner Tee wird bei achtzig Grad zwei Minuten lang gezogen."),
    "d2": ("Aufbewahrung", "Teeblätter bewahrt man in einer luftdichten Dose ohne Licht auf."),
}
QUERIES = {
    "q1": ("How long is green tea steeped, and at which temperature?", "e1"),
    "q2": ("Where should I keep my tea leaves so they stay fresh?", "e2"),
    "q3": ("Wie lange wird grüner Tee gezogen und bei welcher Temperatur?", "d1"),
    "q4": ("Wo bewahrt man Teeblätter am besten auf, damit sie frisch bleiben?", "d2"),
}


def write_mixed(folder: Path) -> Path:
    folder.mkdir()
    corpus = [json.dumps({"_id": k, "title": t, "text": x}) for k, (t, x) in DOCS.items()]
    (folder / "corpus.jsonl").write_text("\n".join(corpus) + "\n")
    queries = [json.dumps({"_id": k, "text": q}) for k, (q, _) in QUERIES.items()]
    (folder / "queries.jsonl").write_text("\n".join(queries) + "\n")
    qrels = "".join(f"{k}\t{doc}\t1\n" for k, (_, doc) in QUERIES.items())
    (folder / "qrels.tsv").write_text("query-id\tcorpus-id\tscore\n" + qrels)
    return folder


def test_mixed_dataset_is_reported_per_language(tmp_path: Path) -> None:
    dataset = write_mixed(tmp_path / "mixed")
    out = parley("eval", "retrieval", "--dataset", str(dataset), "--json", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    by_language = figures["by_language"]
    assert {lang: v["queries"] for lang, v in by_language.items()} == {"de": 2, "en": 2}
    assert all(0 < v["ndcg@10"] <= 1 for v in by_language.values())
    assert "ndcg@10 [de]" in out.stdout and "ndcg@10 [en]" in out.stdout


def test_a_single_language_dataset_has_no_breakdown(tmp_path: Path) -> None:
    dataset = write_mixed(tmp_path / "mixed")
    (dataset / "queries.jsonl").write_text(
        json.dumps({"_id": "q1", "text": QUERIES["q1"][0]}) + "\n"
        + json.dumps({"_id": "q2", "text": QUERIES["q2"][0]}) + "\n"
    )  # fmt: skip
    out = parley("eval", "retrieval", "--dataset", str(dataset), "--json", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout.strip().splitlines()[-1])["by_language"] == {}


def write_answers(dataset: Path, spans: dict[str, str]) -> None:
    rows = [json.dumps({"_id": qid, "answers": [span]}) for qid, span in spans.items()]
    (dataset / "answers.jsonl").write_text("\n".join(rows) + "\n")


def test_several_datasets_give_a_row_per_language_against_bm25s(tmp_path: Path) -> None:
    mixed = write_mixed(tmp_path / "mixed")
    write_answers(mixed, {"q1": "EIGHTY  degrees", "q3": "achtzig Grad", "q4": "no such span"})
    english = write_mixed(tmp_path / "english")
    (english / "queries.jsonl").write_text(
        json.dumps({"_id": "q2", "text": QUERIES["q2"][0]}) + "\n"
    )
    out = parley(
        "eval", "retrieval", "--dataset", str(mixed), "--dataset", str(english),
        "--answers", "--json", cwd=tmp_path,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    rows = {(r["dataset"], r["language"]): r for r in figures["languages"]}
    assert sorted(rows) == [("english", "en"), ("mixed", "de"), ("mixed", "en")]
    assert [rows[k]["queries"] for k in sorted(rows)] == [1, 2, 2]
    assert all(0 < r["bm25s"] <= 1 and 0 < r["ndcg@10"] <= 1 for r in rows.values())
    for r in rows.values():
        assert r["delta"] == round(r["ndcg@10"] - r["bm25s"], 4)
        assert r["ingest_chunks_per_s"] > 0 and r["query_p50_ms"] > 0
    # q1's span differs only in case and spacing; q4's reply cannot hold an invented span
    assert (rows["mixed", "en"]["answered"], rows["mixed", "en"]["span"]) == (1, 1.0)
    assert (rows["mixed", "de"]["answered"], rows["mixed", "de"]["span"]) == (2, 0.5)
    assert rows["english", "en"]["answered"] == 0, "no answers.jsonl, nothing asked"
    assert rows["mixed", "de"]["goals"]["span_ge_0.7"] is False
    assert figures["goals_met"] is False
    assert "mixed       de" in out.stdout and "english     en" in out.stdout
