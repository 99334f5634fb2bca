"""The per-language evaluation's parts: question languages, the bm25s baseline, the goals."""

from __future__ import annotations

import math

import pytest

from bot.answer_eval import holds_span
from bot.rag.embedding import E5_NAME, MINILM_NAME
from bot.rag.eval_languages import LanguageRow, bm25s_ndcg, margin_for
from bot.rag.evaluation import Dataset, query_languages


def test_a_language_of_few_questions_joins_the_main_one() -> None:
    queries = {f"e{i}": "Where should I keep my tea leaves so they stay fresh?" for i in range(30)}
    queries["d1"] = "Wo bewahrt man Teeblätter am besten auf, damit sie frisch bleiben?"
    assert set(query_languages(queries).values()) == {"en"}
    queries |= {f"d{i}": queries["d1"] for i in range(2, 5)}  # 4 of 34: over 5%
    languages = query_languages(queries)
    assert languages["d1"] == "de" and languages["e0"] == "en"


def test_the_baseline_uses_the_language_stemmer() -> None:
    corpus = {
        "a": ("", "Die Versicherungen zahlen den Schaden."),
        "b": ("", "Welche Hunde schlafen im Garten?"),
    }
    data = Dataset(corpus, {"q": "Welche Versicherung zahlt?"}, {"q": {"a": 1}})
    assert bm25s_ndcg(data, "de", ["q"]) == {"q": 1.0}  # Versicherung ~ Versicherungen
    # unknown language: no stemmer, no stop words: only "welche" matches, in the wrong document
    assert bm25s_ndcg(data, "xx", ["q"])["q"] == pytest.approx(1 / math.log2(3))


def row(model: str, ndcg: float, baseline: float | None) -> LanguageRow:
    return LanguageRow("set", "ru", model, 10, ndcg, baseline, margin_for(model), 1.0, 1.0)


def test_the_multilingual_model_must_beat_bm25_by_the_margin() -> None:
    assert margin_for(MINILM_NAME) == 0.0 and margin_for(E5_NAME) == pytest.approx(0.03)
    assert row(MINILM_NAME, 0.90, 0.90).goals() == {"ndcg_ge_bm25+0": True}
    assert row(E5_NAME, 0.92, 0.90).goals() == {"ndcg_ge_bm25+0.03": False}
    assert row(E5_NAME, 0.94, 0.90).goals() == {"ndcg_ge_bm25+0.03": True}
    assert row(E5_NAME, 0.94, None).goals() == {}, "no baseline, no retrieval goal"


def test_a_span_counts_whatever_its_case_and_spacing() -> None:
    assert holds_span("It is steeped at Eighty\n degrees.", ["eighty degrees"])
    assert not holds_span("It is steeped at eighty.", ["eighty degrees"])
