"""Which parts of a turn are an interpreter's English, not the speaker's own words.

Transcripts of joint press conferences mark interpretation inline (PROVENANCE.md §8): `(As interpreted.)`
right after the label, at the start of a paragraph or mid-sentence ("so this time — (as interpreted) —
Madam, …"); `(Speaks French.)` before a passage given in English translation; `(Speaks English.)` where
the speaker's own English resumes. An interpreted span runs from the end of an opening note to the next
`(Speaks English.)` or the end of the turn: a turn starts in the speaker's own words, since each label is
a new speaker taking the floor. `(No translation provided.)` and `(Translation audio is fed over English
line.)` mark no words, so they open nothing.
"""

from __future__ import annotations

import re

_OPEN = re.compile(
    r"\((?:as\s+interpreted|as\s+translated|through\s+(?:an\s+)?interpreter|via\s+(?:an\s+)?interpreter"
    r"|speaks\s+(?:in\s+)?(?!english\b)[a-z]+(?:\s+[a-z]+)?)\.?\)",
    re.I,
)
_CLOSE = re.compile(r"\(speaks\s+(?:in\s+)?english\.?\)", re.I)
_NOTE = re.compile(r"\([^()]{0,80}\)")  # a stage note inside a span: not words to quote


def interpreted_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) character spans of `text` that are interpreted, stripped of whitespace and notes."""
    spans: list[tuple[int, int]] = []
    position = 0
    while (opening := _OPEN.search(text, position)) is not None:
        closing = _CLOSE.search(text, opening.end())
        end = closing.start() if closing else len(text)
        _add(spans, text, opening.end(), end)
        position = closing.end() if closing else len(text)
    return spans


def _add(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    """The span without the whitespace and stage notes at its edges; merged with the span it touches."""
    while True:
        stripped = start + len(text[start:end]) - len(text[start:end].lstrip(" \n—–-"))
        note = _NOTE.match(text, stripped, end)
        if not note or _CLOSE.match(text, stripped):
            start = stripped
            break
        start = note.end()
    end = start + len(text[start:end].rstrip(" \n—–-"))
    if end <= start:
        return
    if spans and not text[spans[-1][1] : start].strip():
        spans[-1] = (spans[-1][0], end)
    else:
        spans.append((start, end))


def overlaps(spans: list[tuple[int, int]] | tuple, start: int, end: int) -> bool:
    """Whether characters start..end touch any of the spans."""
    return any(a < end and start < b for a, b in spans)
