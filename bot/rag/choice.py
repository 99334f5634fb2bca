"""Which embedder a knowledge base should use: the creator's choice, or `auto` by its languages."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal, get_args

from bot.errors import InvalidInput
from bot.rag.embedding import EMBEDDER_NAMES
from bot.settings import RagSettings

EmbedderChoice = Literal["auto", "minilm", "multilingual"]
CHOICES: tuple[str, ...] = get_args(EmbedderChoice)
ENGLISH = "en"


def parse_choice(value: str) -> EmbedderChoice:
    if value not in CHOICES:
        raise InvalidInput(f"embedder must be one of {', '.join(CHOICES)} (got {value!r})")
    return value  # type: ignore[return-value]


def mostly_english(texts: Iterable[tuple[str, int]]) -> bool:
    """True when at least half the characters (of known language) are English.

    `texts`: (language, number of characters) pairs; text of unknown language does not vote.
    An empty knowledge base counts as English, the cheap default.
    """
    english = total = 0
    for language, chars in texts:
        if language:
            total += chars
            english += chars if language == ENGLISH else 0
    return total == 0 or english * 2 >= total


def wanted_model(choice: str, texts: Iterable[tuple[str, int]], rag: RagSettings) -> str:
    """The embedding model name a knowledge base with this choice and text should be on."""
    kind = choice
    if choice == "auto":
        kind = "minilm" if mostly_english(texts) else "multilingual"
    configured = rag.embedder if kind == "minilm" else rag.multilingual_embedder
    return EMBEDDER_NAMES[configured]
