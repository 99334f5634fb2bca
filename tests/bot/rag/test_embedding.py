"""Embedders: the production MiniLM runs offline and ranks paraphrases above unrelated text."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from bot.errors import SettingsError
from bot.rag.embedding import HashingEmbedder, MiniLMEmbedder, load_embedder


@pytest.mark.slow
def test_minilm_puts_paraphrases_closer_than_unrelated_texts() -> None:
    embedder = load_embedder("minilm")
    vectors = embedder.embed(
        [
            "How do I reset my password?",
            "What are the steps to change my login password?",
            "A man is playing a guitar.",
            "Someone is performing music on an instrument.",
            "The invoice is due at the end of the month.",
        ]
    )
    assert vectors.shape == (5, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    cosine = vectors @ vectors.T
    assert cosine[0, 1] > 0.6 and cosine[2, 3] > 0.4
    for i, j in [(0, 2), (0, 4), (2, 4), (1, 3)]:
        assert cosine[i, j] < 0.2 < min(cosine[0, 1], cosine[2, 3])


@pytest.mark.slow
def test_minilm_batches_match_single_texts_despite_per_batch_padding() -> None:
    embedder = load_embedder("minilm")
    texts = ["short", "a considerably longer sentence with many more tokens in it than the first"]
    together = embedder.embed(texts)
    alone = np.vstack([embedder.embed([t]) for t in texts])
    assert np.allclose(together, alone, atol=1e-4)
    assert embedder.count_tokens("Photosynthesis converts light") == 5


@pytest.mark.slow
def test_minilm_counts_tokens_past_the_truncation_it_embeds_with() -> None:
    embedder = load_embedder("minilm")
    assert embedder.count_tokens("Photosynthesis converts light. " * 100) == 600
    assert embedder.count_tokens("light " * 255) == 255


def test_a_model_file_with_the_wrong_checksum_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "model.onnx"
    fake.write_bytes(b"not the model")
    with pytest.raises(SettingsError, match=r"sha256 .* expected 8199be6f"):
        MiniLMEmbedder(model_path=fake)


def test_unknown_embedder_kind_is_a_settings_error() -> None:
    with pytest.raises(SettingsError, match=re.escape("use minilm | multilingual | hashing")):
        load_embedder("word2vec")


def test_hashing_embedder_is_deterministic_and_normalised() -> None:
    embedder = HashingEmbedder()
    first, second = embedder.embed(["green tea", "green tea"]), embedder.embed(["green tea"])
    assert np.array_equal(first[0], second[0]) and np.isclose(np.linalg.norm(first[0]), 1.0)
