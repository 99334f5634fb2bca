"""Language identification of texts (py3langid's bundled model, scripts first) and tag handling.

Why py3langid 0.4.0: its naive-Bayes model (142 languages, ~3 MB) ships inside the wheel, it
classifies a sentence in ~0.03 ms on this machine and loads in ~0.6 s; lingua's full model set is
~100 MB and needs a bounded language list to be fast, which would decide for creators which
languages exist. Short texts are where n-gram models guess: below `MIN_LETTERS` letters or
`MIN_CONFIDENCE` probability, `detect` says it does not know ("") and callers keep what they had
(the learner's stored language, the knowledge base's main language).

`MIN_CONFIDENCE` measured on the first 600 dev questions of each set (XQuAD de/ru/zh, SciFact
en), by py3langid alone: at 0.4, 96-99% are detected right and at most 0.5% wrong; at 0.6 only
81-95% are detected (Chinese: 81%), at 0.3 up to 1% are wrong.
"""

from __future__ import annotations

import functools
import re
import threading
import unicodedata
from collections import Counter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

MIN_LETTERS = 12
MIN_CONFIDENCE = 0.4
# py3langid labels for varieties whose catalogue, stemmer and segmentation are the base language's.
_ALIASES = {
    "arz": "ar", "ary": "ar", "wuu": "zh", "yue": "zh", "nn": "no", "uzs": "uz", "gug": "gn",
    "hbo": "he", "grc": "el", "sdh": "ku", "zxx": "",
}  # fmt: skip
# Scripts used by one language in practice: decided without the statistical model.
_SCRIPT_LANGUAGE = {"HANGUL": "ko", "THAI": "th", "LAO": "lo", "KHMER": "km", "MYANMAR": "my",
                    "GEORGIAN": "ka", "ARMENIAN": "hy", "GREEK": "el", "HEBREW": "he",
                    "ETHIOPIC": "am", "SINHALA": "si", "TAMIL": "ta", "TELUGU": "te",
                    "KANNADA": "kn", "MALAYALAM": "ml", "GUJARATI": "gu", "GURMUKHI": "pa",
                    "ORIYA": "or"}  # fmt: skip
_TAG = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")
_identifier: LanguageIdentifier | None = None
_lock = threading.Lock()


def identifier() -> LanguageIdentifier:
    """The process-wide py3langid model (probabilities normalised), loaded on first use."""
    global _identifier
    with _lock:
        if _identifier is None:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        return _identifier


def script_of(char: str) -> str:
    """The Unicode script of a letter, from its name: "LATIN", "CJK", "HIRAGANA", ..."""
    name = unicodedata.name(char, "")
    if name.startswith(("CJK UNIFIED", "CJK COMPATIBILITY IDEOGRAPH")):
        return "HAN"
    return name.split(" ", 1)[0]


def script_counts(text: str) -> Counter[str]:
    return Counter(script_of(c) for c in text if c.isalpha())


CACHED_CHARS = 2000  # texts up to this long are remembered (a turn asks twice: learner, search)


def detect(text: str, *, min_letters: int = MIN_LETTERS) -> str:
    """The language of `text` as an ISO 639 code ("de", "zh"), or "" when unsure."""
    if len(text) <= CACHED_CHARS:
        return _detect_cached(text, min_letters)
    return _detect(text, min_letters)


@functools.lru_cache(maxsize=4096)
def _detect_cached(text: str, min_letters: int) -> str:
    return _detect(text, min_letters)


def _detect(text: str, min_letters: int) -> str:
    scripts = script_counts(text)
    letters = sum(scripts.values())
    if not letters:
        return ""
    main, count = scripts.most_common(1)[0]
    if count / letters >= 0.5:
        by_script = _by_script(main, scripts)
        if by_script:
            return by_script
    if letters < min_letters:
        return ""
    label, confidence = identifier().classify(text)
    return _ALIASES.get(label, label) if confidence >= MIN_CONFIDENCE else ""


def _by_script(main: str, scripts: Counter[str]) -> str:
    if main in {"HIRAGANA", "KATAKANA"} or (
        main == "HAN" and scripts["HIRAGANA"] + scripts["KATAKANA"]
    ):
        return "ja"
    if main == "HAN":
        return "zh"
    return _SCRIPT_LANGUAGE.get(main, "")


def base_language(tag: str) -> str:
    """`pt-BR` -> `pt`; an unusable tag -> ""."""
    tag = normalise_tag(tag)
    return tag.split("-", 1)[0] if tag else ""


def normalise_tag(tag: str | None) -> str:
    """A BCP 47-ish tag in canonical case (`pt_br` -> `pt-BR`, `zh-hant` -> `zh-Hant`), or ""."""
    if not tag or not _TAG.match(tag.strip()):
        return ""
    head, *rest = tag.strip().replace("_", "-").split("-")
    parts = [head.lower()]
    for part in rest:
        parts.append(part.upper() if len(part) == 2 else part.title() if len(part) == 4 else part)
    return "-".join(parts)


def fallback_chain(*tags: str | None, default: str = "en") -> list[str]:
    """Catalogue look-up order: each tag then its base language, then `default`, no repeats.

    `fallback_chain("pt-BR")` -> ["pt-BR", "pt", "en"].
    """
    chain: list[str] = []
    for tag in (*tags, default):
        tag = normalise_tag(tag)
        parts = tag.split("-") if tag else []
        for end in range(len(parts), 0, -1):
            candidate = "-".join(parts[:end])
            if candidate not in chain:
                chain.append(candidate)
    return chain


def main_language(languages: list[str]) -> str:
    """The language most of these (chunk) languages are, ignoring unknowns; "" if none."""
    counts = Counter(lang for lang in languages if lang)
    return counts.most_common(1)[0][0] if counts else ""
