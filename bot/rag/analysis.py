"""Text analysis for BM25, per language: NFKC + case folding, diacritics, segmentation, stemming.

- Scripts written without spaces (Han, kana, Thai, Lao, Khmer, Myanmar) become overlapping
  character bigrams: language-general, no dictionary to ship, and the usual strong baseline for
  CJK retrieval; a lone character stays a unigram.
- Other scripts split on word characters; Snowball stemmers (PyStemmer) for the languages they
  cover; stop words where bm25s ships a list, plus short lists for Arabic, Hindi and Indonesian.
- Character 4-grams of each content word, a second lexical view (`char_grams`): they meet the
  inflected and compound forms a stemmer misses (Versicherung in Lebensversicherung, Russian
  case endings Snowball leaves apart). Retrieval weighs that list per language.
- Diacritics: folded after stemming for languages whose writers often drop accents in chat
  (Spanish "cancion" finds "canción"); kept where they tell letters apart (German ä/a, Turkish,
  Vietnamese, Polish ...); Arabic/Persian/Urdu vowel marks and tatweel are dropped; Russian ё -> е.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from itertools import pairwise

import Stemmer
from bm25s import stopwords as bm25s_stopwords


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_SNOWBALL = {
    "ar": "arabic", "hy": "armenian", "eu": "basque", "ca": "catalan", "cs": "czech",
    "da": "danish", "nl": "dutch", "en": "english", "eo": "esperanto", "et": "estonian",
    "fi": "finnish", "fr": "french", "de": "german", "el": "greek", "hi": "hindi",
    "hu": "hungarian", "id": "indonesian", "ms": "indonesian", "ga": "irish", "it": "italian",
    "lt": "lithuanian", "ne": "nepali", "no": "norwegian", "fa": "persian", "pl": "polish",
    "pt": "portuguese", "ro": "romanian", "ru": "russian", "sr": "serbian", "st": "sesotho",
    "es": "spanish", "sv": "swedish", "ta": "tamil", "tr": "turkish", "yi": "yiddish",
}  # fmt: skip
_STOP_LISTS = {
    "en": bm25s_stopwords.STOPWORDS_EN, "de": bm25s_stopwords.STOPWORDS_GERMAN,
    "nl": bm25s_stopwords.STOPWORDS_DUTCH, "fr": bm25s_stopwords.STOPWORDS_FRENCH,
    "es": bm25s_stopwords.STOPWORDS_SPANISH, "pt": bm25s_stopwords.STOPWORDS_PORTUGUESE,
    "it": bm25s_stopwords.STOPWORDS_ITALIAN, "ru": bm25s_stopwords.STOPWORDS_RUSSIAN,
    "sv": bm25s_stopwords.STOPWORDS_SWEDISH, "da": bm25s_stopwords.STOPWORDS_DANISH,
    "no": bm25s_stopwords.STOPWORDS_NORWEGIAN, "tr": bm25s_stopwords.STOPWORDS_TURKISH,
    "ko": bm25s_stopwords.STOPWORDS_KOREAN,
    # two-character entries drop the bigrams that are function words (什么, 不是, 这个)
    "zh": bm25s_stopwords.STOPWORDS_CHINESE,
    "ar": _words(
        """في من على إلى عن مع هذا هذه ذلك تلك التي الذي الذين هو هي هم أن إن كان كانت ما لا لم
        لن قد ثم أو أم بل كل بعض عند بين حتى إذا كما أي و ف ب ل"""
    ),
    "hi": _words(
        """का के की को में से पर और या है हैं था थे थी हो होता होती यह वह ये वे इस उस एक भी तो
        ही नहीं क्या कौन कब कहाँ कैसे लिए साथ"""
    ),
    "id": _words(
        """yang dan di ke dari ini itu untuk dengan pada adalah akan tidak juga atau dalam oleh
        sebagai karena bisa ada apa siapa kapan dimana bagaimana sudah belum"""
    ),
}  # fmt: skip
FOLD_ACCENTS = frozenset({"en", "es", "pt", "fr", "it", "ca", "nl", "id", "ms", "ga", "el"})
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_UNSPACED = (
    "\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # kana, Han
    "\u0e00-\u0e7f\u0e80-\u0eff\u1000-\u109f\u1780-\u17ff"  # Thai, Lao, Myanmar, Khmer
)


# Where Unicode has combining marks: the first two planes and plane 14's variation selectors
# (planes 2-3 are CJK ideographs, 4-13 unassigned, 15-16 private use). Scanning only these keeps
# the import ~10x cheaper than all 1.1M code points (every `parley` command pays it).
MARK_PLANES = (range(0x20000), range(0xE0000, 0xE1000))


def _mark_ranges(planes: tuple[range, ...] = MARK_PLANES) -> str:
    """A regex class body of every combining mark (Mn, Mc, Me): vowel signs, viramas, accents."""
    marks = [i for p in planes for i in p if unicodedata.category(chr(i)).startswith("M")]
    ranges, start = [], marks[0]
    for prev, cur in zip(marks, [*marks[1:], -1], strict=True):
        if cur != prev + 1:
            ranges.append(
                re.escape(chr(start)) + ("-" + re.escape(chr(prev)) if prev > start else "")
            )
            start = cur
    return "".join(ranges)


_MARKS = _mark_ranges()
_LETTER = rf"(?:[^\W_{_UNSPACED}]|[{_MARKS}](?<![{_UNSPACED}][{_MARKS}]))"
_CLUSTER = re.compile(rf".[{_MARKS}]*", re.DOTALL)  # a base character and its marks
_TOKEN = re.compile(rf"(?:[{_UNSPACED}][{_MARKS}]*)+|{_LETTER}+(?:['’]{_LETTER}+)*")
_IS_UNSPACED = re.compile(rf"[{_UNSPACED}]")
_local = threading.local()  # PyStemmer objects are not thread-safe: one per thread


def normalise(text: str) -> str:
    """NFKC (full-width forms, ligatures) and Unicode case folding (ß -> ss, Σ/ς -> σ)."""
    return unicodedata.normalize("NFKC", text).casefold()


def strip_accents(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


@lru_cache(maxsize=64)
def stop_words(language: str) -> frozenset[str]:
    return frozenset(normalise(w) for w in _STOP_LISTS.get(language, ()))


def stemmer(language: str) -> Stemmer.Stemmer | None:
    """This thread's Snowball stemmer for `language`, or None where Snowball has none."""
    algorithm = _SNOWBALL.get(language)
    if algorithm is None:
        return None
    cache: dict[str, Stemmer.Stemmer] = _local.__dict__.setdefault("stemmers", {})
    if algorithm not in cache:
        cache[algorithm] = Stemmer.Stemmer(algorithm, 100_000)  # its own word cache
    return cache[algorithm]


def unspaced(text: str) -> bool:
    """True when `text` has characters of a script written without spaces (Han, kana, Thai)."""
    return _IS_UNSPACED.search(text) is not None


def characters(run: str) -> list[str]:
    """The characters of `run`, each with its combining marks (a Thai vowel sign stays on)."""
    return _CLUSTER.findall(run)


def bigrams(run: str) -> list[str]:
    """Overlapping pairs of characters (a character keeps its combining marks)."""
    chars = characters(run)
    return chars if len(chars) == 1 else [a + b for a, b in pairwise(chars)]


def words(text: str, language: str) -> list[str]:
    """Normalised word tokens of `text` (unspaced runs as bigrams), before stop words/stems."""
    text = normalise(text)
    if language in {"ar", "fa", "ur"}:
        text = _ARABIC_MARKS.sub("", text)
    elif language in {"ru", "be", "uk"}:
        text = text.replace("ё", "е")
    out: list[str] = []
    for token in _TOKEN.findall(text):
        out += bigrams(token) if _IS_UNSPACED.match(token) else [token.replace("’", "'")]
    return out


def analyse(text: str, language: str) -> list[str]:
    """BM25 terms of `text` read as `language` (an ISO code, "" when unknown)."""
    stops = stop_words(language)
    kept = [w for w in words(text, language) if w not in stops]
    snowball = stemmer(language)
    if snowball is not None:
        kept = [
            w if _IS_UNSPACED.match(w) else s
            for w, s in zip(kept, snowball.stemWords(kept), strict=True)
        ]
    if language in FOLD_ACCENTS:
        kept = [strip_accents(w) for w in kept]
    return kept


def query_terms(text: str, languages: Iterable[str]) -> list[str]:
    """A question's terms under each language it may be in (its own, the index's main ones).

    A misdetected short question still meets the documents' terms; each term counts once.
    """
    seen: dict[str, None] = {}
    for language in dict.fromkeys(languages):  # the detected one is often the index's too
        for term in analyse(text, language):
            seen.setdefault(term, None)
    return list(seen)


GRAM = 4


def char_grams(text: str, language: str) -> list[str]:
    """Character `GRAM`-grams of each content word, edges marked ("<haus", "haus>").

    A word of fewer than `GRAM - 1` letters is one gram ("<du>"); unspaced-script bigrams
    likewise, so a Chinese question still meets its documents here.
    """
    stops = stop_words(language)
    out: list[str] = []
    for word in words(text, language):
        if word in stops:
            continue
        marked = f"<{word}>"
        out += [marked[i : i + GRAM] for i in range(max(len(marked) - GRAM + 1, 1))]
    return out
