"""Sentence spans in a turn's text, so that quotes and chunks are exact substrings of it."""

from __future__ import annotations

import re

# A sentence ends at . ! ? (and closing quotes) before a space and a capital, digit or quote;
# except after these abbreviations, which end with a period mid-sentence.
_ABBREVIATIONS = {
    "mr", "ms", "mrs", "dr", "st", "no", "nos", "gen", "sen", "rep", "gov", "lt", "col", "sgt",
    "adm", "amb", "prof", "jr", "sr", "vs", "etc", "e.g", "i.e", "u.s", "u.k", "u.n", "a.m", "p.m",
    "inc", "co", "corp", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "fig", "approx", "hon",
}  # fmt: skip
_BOUNDARY = re.compile(r"[.!?]+[\"”’)\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])|\n\s*\n")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of each sentence, stripped of surrounding whitespace."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if match.group().startswith(".") and _is_abbreviation(text, match.start()):
            continue
        _append(spans, text, start, match.end())
        start = match.end()
    _append(spans, text, start, len(text))
    return spans


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]


def ends_with_abbreviation(text: str) -> bool:
    """Whether the text ends with an abbreviation's period ("Mr.", "U.S."), not a sentence's."""
    return text.endswith(".") and _is_abbreviation(text, len(text) - 1)


def _is_abbreviation(text: str, dot: int) -> bool:
    # the word before the dot, from a window: searching text[:dot] made splitting a long turn quadratic
    word = re.search(r"([\w.]+)$", text[max(dot - 40, 0) : dot])
    return bool(word) and word.group(1).lower() in _ABBREVIATIONS


def _append(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        offset = start + (len(piece) - len(piece.lstrip()))
        spans.append((offset, offset + len(stripped)))
