"""Chunking: sections follow headings, chunks respect the token budget and overlap."""

from __future__ import annotations

from itertools import pairwise

from bot.rag.chunking import chunk_text, neutral_tokens
from bot.rag.embedding import HashingEmbedder
from bot.rag.ingest import token_counter
from models.knowledge import Document
from tests.bot.rag.test_reindex import EnglishOnly

count = HashingEmbedder().count_tokens


def sentences(topic: str, n: int) -> str:
    return " ".join(f"Sentence {i} is about {topic}." for i in range(n))


def test_chunks_never_cross_headings_and_keep_the_heading() -> None:
    tea, water = sentences("tea", 3), sentences("water", 2)
    text = f"Preface text here.\n\n# Brewing\n{tea}\n\n## Water\n{water}"
    chunks = chunk_text(text, count=count, max_tokens=100, overlap=10)
    assert [(c.heading, c.text.split()[0]) for c in chunks] == [
        ("", "Preface"),
        ("Brewing", "Sentence"),
        ("Water", "Sentence"),
    ]
    assert "water" not in chunks[1].text and "tea" not in chunks[2].text
    assert [c.index for c in chunks] == [0, 1, 2]


def test_long_sections_split_within_budget_with_sentence_overlap() -> None:
    text = "# Tea\n" + sentences("tea", 30)
    chunks = chunk_text(text, count=count, max_tokens=40, overlap=12)
    assert len(chunks) > 3
    budget = 40 - count("Tea")
    for chunk, following in pairwise(chunks):
        assert chunk.token_count == count(chunk.text) <= budget
        first_sentence = following.text.split(". ")[0]
        tail = chunk.text[chunk.text.index(first_sentence) :]  # the repeated end of `chunk`
        assert following.text.startswith(tail) and 0 < count(tail) <= 12
    assert "Sentence 29 is about tea." in chunks[-1].text


def test_paragraphs_stay_whole_when_they_fit() -> None:
    paragraphs = [sentences(topic, 2) for topic in ("oolong", "sencha", "matcha")]
    chunks = chunk_text("\n\n".join(paragraphs), count=count, max_tokens=15, overlap=0)
    assert [c.text for c in chunks] == paragraphs


def test_text_without_sentences_is_cut_into_word_runs_with_overlap() -> None:
    words = " ".join(f"w{i}" for i in range(100))
    chunks = chunk_text(words, count=count, max_tokens=30, overlap=10)
    assert all(c.token_count <= 30 for c in chunks)
    assert chunks[1].text.split()[0] in chunks[0].text.split()
    covered = {w for c in chunks for w in c.text.split()}
    assert covered == set(words.split())


def test_a_neutral_count_sizes_text_by_words_and_unspaced_characters() -> None:
    assert neutral_tokens("Защита Пэнтерс уступила всего 308 очков.") == 8  # 6 words x 4/3
    assert neutral_tokens("汉字汉字") == 4  # 3 character bigrams x 4/3


def test_text_the_embedder_does_not_cover_is_chunked_by_the_neutral_count() -> None:
    russian = Document(content="Защита Пэнтерс уступила всего 308 очков за сезон. " * 20)
    english = Document(content="The defence gave up only 308 points in the season. " * 20)
    english_only = EnglishOnly()
    assert token_counter(english_only, russian) is neutral_tokens
    assert token_counter(english_only, english) == english_only.count_tokens
    multilingual = HashingEmbedder()
    assert token_counter(multilingual, russian) == multilingual.count_tokens


def test_chinese_and_hindi_chunks_end_at_their_own_full_stops() -> None:
    chinese = "".join(f"第{i}句话讲的是 茶 和水。" for i in range(12))  # stray spaces inside
    chunks = chunk_text(chinese, count=neutral_tokens, max_tokens=40, overlap=12)
    assert len(chunks) > 2 and all(c.text.endswith("。") for c in chunks)
    assert all(c.text.startswith("第") for c in chunks)  # no space where none was

    hindi = " ".join(f"वाक्य {i} चाय के बारे में है।" for i in range(12))
    chunks = chunk_text(hindi, count=neutral_tokens, max_tokens=30, overlap=8)
    assert len(chunks) > 2 and all(c.text.endswith("।") for c in chunks)
