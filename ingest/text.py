"""Text as every room compares it: a turn's cleaned text, and the folded forms quotes are matched in.

Transcripts, reporters and models write the same words with different quotes, dashes and spacing. A
quote is verbatim when it matches after `fold` (whitespace and quote marks only); facts and pasted
quotes are looked up after `match_key` (dashes and case too); a quote check compares `word_keys`.
"""

from __future__ import annotations

import re

_QUOTES = {"“": '"', "”": '"', "‘": "'", "’": "'"}
_DASHES = {"–": "-", "—": "-"}
_STRAIGHT = str.maketrans(_QUOTES)
_STRAIGHT_AND_DASHES = str.maketrans(_QUOTES | _DASHES)
WORD = re.compile(r"[\w’'%.,-]+")  # a word of a quote as written, its punctuation kept


def clean_text(text: str) -> str:
    """Fold runs of spaces (NBSPs included) and blank lines; keep paragraph breaks."""
    text = re.sub(r"[ \t\u00a0\u2009\u202f]+", " ", text)
    lines = [line.strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def folded(text: str, dashes: bool = False) -> tuple[str, list[int]]:
    """`fold(text)` and, for each of its characters, the offset in `text` it came from."""
    table = _STRAIGHT_AND_DASHES if dashes else _STRAIGHT
    chars: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        if ch.isspace() and (not chars or chars[-1] == " "):
            continue
        chars.append(" " if ch.isspace() else ch.translate(table))
        where.append(i)
    while chars and chars[-1] == " ":
        chars.pop(), where.pop()
    return "".join(chars), where


def fold(text: str, dashes: bool = False) -> str:
    """Whitespace runs as one space, curly quotes straight (and dashes as hyphens, when asked)."""
    return folded(text, dashes)[0]


def match_key(text: str) -> str:
    """For looking a phrase up: case, quote marks, dashes and whitespace don't count."""
    return fold(text, dashes=True).lower()


def word_key(word: str) -> str:
    """A WORD as quotes are compared word by word: case and edge punctuation don't count ("" for "—")."""
    return word.lower().replace("’", "'").strip(".,'-")


def word_keys(text: str) -> list[str]:
    keys = (word_key(word) for word in WORD.findall(text))
    return [key for key in keys if key]
