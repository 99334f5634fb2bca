"""Language detection of questions and documents, and language tags and their fallback chains."""

from __future__ import annotations

import pytest

from bot.i18n.language import base_language, detect, fallback_chain, main_language, normalise_tag


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Wie viele Punkte gab die Verteidigung der Panthers ab?", "de"),
        ("¿Cuándo empieza el curso de nutrición?", "es"),
        ("Olá, quando começa o próximo módulo do curso?", "pt"),
        ("Quelle est la durée recommandée pour l'échauffement ?", "fr"),
        ("Kapan kelas berikutnya dimulai dan berapa lama?", "id"),
        ("Сколько очков набрала защита команды в сезоне?", "ru"),
        ("How many minutes should I warm up before running?", "en"),
        ("भारत की राजधानी क्या है और वहाँ कितने लोग रहते हैं?", "hi"),
        ("ما هي عاصمة مصر وكم عدد سكانها؟", "ar"),
        ("这是什么？", "zh"),  # script decides, however short
        ("これは何ですか", "ja"),  # kana: Japanese even among Han characters
        ("สวัสดีครับ", "th"),
        ("안녕하세요", "ko"),
    ],
)
def test_detects_the_language_of_questions_in_many_scripts(text: str, language: str) -> None:
    assert detect(text) == language


@pytest.mark.parametrize("text", ["hola", "ok", "123 456", "", "/progress"])
def test_too_little_text_is_unknown_rather_than_a_guess(text: str) -> None:
    assert detect(text) == ""


def test_varieties_map_to_their_base_language() -> None:
    # py3langid labels Egyptian Arabic "arz"; catalogues and stemmers know "ar"
    assert detect("إزيك يا صاحبي عامل إيه النهارده؟ أنا كويس الحمد لله") == "ar"


def test_tags_are_normalised_and_chains_fall_back_to_base_then_default() -> None:
    assert normalise_tag("pt_br") == "pt-BR"
    assert normalise_tag("zh-hant-tw") == "zh-Hant-TW"
    assert normalise_tag("not a tag!") == ""
    assert base_language("pt-BR") == "pt"
    assert fallback_chain("pt-BR") == ["pt-BR", "pt", "en"]
    assert fallback_chain("zh-Hant-TW", default="fr") == ["zh-Hant-TW", "zh-Hant", "zh", "fr"]
    assert fallback_chain(None, "es", default="en") == ["es", "en"]
    assert fallback_chain("en-GB") == ["en-GB", "en"]


def test_main_language_ignores_unknowns() -> None:
    assert main_language(["", "de", "de", "en", ""]) == "de"
    assert main_language(["", ""]) == ""
