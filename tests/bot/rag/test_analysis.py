"""BM25 text analysis per language: normalisation, segmentation of unspaced scripts, stems."""

from __future__ import annotations

import sys

from bot.rag.analysis import (
    _mark_ranges,
    analyse,
    bigrams,
    char_grams,
    normalise,
    query_terms,
    words,
)


def test_nfkc_and_case_folding() -> None:
    assert normalise("ＡＢＣ１２３ Straße ﬁne") == "abc123 strasse fine"
    assert words("ΣΟΦΙΑ", "el") == ["σοφια"]


def test_chinese_and_japanese_become_character_bigrams_beside_latin_words() -> None:
    assert words("这是什么？NFL比赛", "zh") == ["这是", "是什", "什么", "nfl", "比赛"]
    # two-character stop words drop the bigrams that are function words (什么 "what")
    assert analyse("这是什么？NFL比赛", "zh") == ["这是", "是什", "nfl", "比赛"]
    assert analyse("東京タワー", "ja") == ["東京", "京タ", "タワ", "ワー"]
    assert bigrams("我") == ["我"]


def test_thai_bigrams_keep_vowel_marks_with_their_consonant() -> None:
    terms = analyse("สวัสดีครับ", "th")
    assert terms[:2] == ["สวั", "วัส"]
    assert all(not ("\u0e31" <= term[0] <= "\u0e3a") for term in terms)  # no term starts on a mark


def test_devanagari_words_keep_their_vowel_signs_and_lose_stop_words() -> None:
    assert words("भारत की राजधानी", "hi") == ["भारत", "की", "राजधानी"]
    assert analyse("भारत की राजधानी क्या है।", "hi") == ["भारत", "राजधान"]


def test_snowball_stems_and_stop_words_per_language() -> None:
    assert analyse("Die Verteidigung der Panthers gab nur 308 Punkte ab", "de") == [
        "verteid", "panth", "gab", "308", "punkt", "ab",
    ]  # fmt: skip
    assert analyse("Сколько очков набрала ёлка?", "ru") == ["скольк", "очк", "набра", "елк"]
    assert analyse("Apa ini yang dan buku", "id") == ["buku"]


def test_accents_fold_where_writers_drop_them_and_stay_where_they_are_letters() -> None:
    assert analyse("canción", "es") == analyse("cancion", "es")
    assert analyse("łódź", "pl") != analyse("lodz", "pl")  # Polish letters, not accents
    assert analyse("مَدْرَسَةٌ", "ar") == analyse("مدرسة", "ar")  # short vowels dropped


def test_query_terms_cover_each_possible_language_once() -> None:
    # a short question of unknown language still meets German stems
    terms = query_terms("Punkte Verteidigung", ["", "de"])
    assert "punkt" in terms and "verteid" in terms
    assert len(terms) == len(set(terms))


def test_character_grams_meet_a_compound_through_its_part() -> None:
    compound = set(char_grams("Die Lebensversicherung zahlt", "de"))
    part = char_grams("die Versicherung", "de")  # "die": a stop word, no grams
    assert part[0] == "<ver" and set(part[1:]) <= compound and "<ver" not in compound
    assert char_grams("ox", "en") == ["<ox>"]  # a short word is one gram
    assert char_grams("学习", "zh") == ["<学习>"]  # an unspaced bigram likewise


def test_the_mark_planes_hold_every_combining_mark_unicode_has() -> None:
    assert _mark_ranges() == _mark_ranges((range(sys.maxunicode + 1),))
