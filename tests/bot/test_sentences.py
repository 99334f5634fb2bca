"""Sentence splitting in every script (the grounded responder quotes whole sentences)."""

from __future__ import annotations

import pytest

from bot.llm.sentences import split_sentences


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        (
            "Dr. Smith runs daily. He rests on Sundays!\n\n## Tips\n- Sleep 8 hours\n- Eat well",
            ["Dr. Smith runs daily.", "He rests on Sundays!", "## Tips", "- Sleep 8 hours",
             "- Eat well"],
        ),
        ("这是第一句。这是第二句！第三句？最后", ["这是第一句。", "这是第二句！", "第三句？", "最后"]),
        ("東京は大きい。大阪も大きい。", ["東京は大きい。", "大阪も大きい。"]),
        (
            "भारत एक देश है। इसकी राजधानी दिल्ली है॥ ठीक",
            ["भारत एक देश है।", "इसकी राजधानी दिल्ली है॥", "ठीक"],
        ),
        ("ما هو الدرس؟ الدرس الأول مهم. شكرا", ["ما هو الدرس؟", "الدرس الأول مهم.", "شكرا"]),
        ("یہ پہلا جملہ ہے۔ یہ دوسرا ہے", ["یہ پہلا جملہ ہے۔", "یہ دوسرا ہے"]),
        ("ฉันชอบกินข้าว วันนี้อากาศดี", ["ฉันชอบกินข้าว", "วันนี้อากาศดี"]),
        (
            "Он родился в 1990 г. в Москве. Потом он уехал, т.е. навсегда. Конец",
            ["Он родился в 1990 г. в Москве.", "Потом он уехал, т.е. навсегда.", "Конец"],
        ),
        ("Die Zahl ist 3.5 groß. Er sagte: „Ja.“ Dann ging er.",
         ["Die Zahl ist 3.5 groß.", "Er sagte: „Ja.“", "Dann ging er."]),
    ],
)  # fmt: skip
def test_sentences_end_where_each_script_ends_them(text: str, sentences: list[str]) -> None:
    assert split_sentences(text) == sentences
