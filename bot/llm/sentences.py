"""Sentence splitting for every script: Latin/Cyrillic/Greek full stops, CJK 。！？, Devanagari
danda, Arabic/Urdu question mark and full stop, Ethiopic, Myanmar, Khmer, Armenian stops, and
Thai (which ends sentences with a space rather than a mark).
"""

from __future__ import annotations

import re

# Marks that end a sentence wherever they stand (no space needed after them).
HARD_STOPS = "。！？｡।॥؟۔።။។։"
CLOSERS = re.escape("\"'“”’»)]】」』")
# . ! ? … followed by space: a sentence end unless the next word starts in lower case
# (an abbreviation or a decimal inside the sentence) or the dot closes a known abbreviation.
_SOFT = re.compile(rf"[.!?…]+[{CLOSERS}]*\s+")
_HARD_END = re.compile(rf"[{HARD_STOPS}]+[{CLOSERS}]*\s*")
_BLOCK = re.compile(r"\n\s*\n|\n(?=\s*[-*•#]\s)")
_THAI_GAP = re.compile(r"(?<=[\u0e00-\u0e7f])\s+(?=[\u0e00-\u0e7f])")
_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]|\b(?:Dr|Mr|Mrs|Ms|St|Jr|Sr|Sra|Dra|Prof|Nr|Hr|Fr|Abs|Art|No|Vol|Fig)"
    r"|\be\.g|\bi\.e|\bz\.B|\bbzw|\bu\.a|\bт\.е|\bт\.д|\bр\.)\.$"
)


def _soft_splits(text: str) -> list[str]:
    parts: list[str] = []
    start = 0
    for match in _SOFT.finditer(text):
        before, after = text[start : match.start() + 1], text[match.end() : match.end() + 1]
        if not after or after.islower() or _ABBREVIATION.search(before):
            continue
        parts.append(text[start : match.end()])
        start = match.end()
    parts.append(text[start:])
    return parts


def split_sentences(text: str) -> list[str]:
    """Sentences of a chunk, whitespace collapsed; headings and bullet lines are their own."""
    out: list[str] = []
    for block in _BLOCK.split(text):
        for hard in _split_keep(_HARD_END, block):
            for soft in _soft_splits(hard):
                out += _THAI_GAP.split(soft)
    return [s for s in (" ".join(p.split()) for p in out) if s]


def _split_keep(pattern: re.Pattern[str], text: str) -> list[str]:
    """Split after each match of `pattern`, keeping the matched marks with the sentence."""
    parts, start = [], 0
    for match in pattern.finditer(text):
        parts.append(text[start : match.end()])
        start = match.end()
    parts.append(text[start:])
    return parts
