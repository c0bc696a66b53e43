"""The example question and quote the page shows, taken from what is indexed: the official who answers most
in one press conference, a word they use often and others don't, and one of their sentences, so the examples
always work."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from bm25s.stopwords import STOPWORDS_EN_PLUS

from ingest.sentences import sentences

_COMMON = frozenset(STOPWORDS_EN_PLUS)


@dataclass(frozen=True)
class Examples:
    question: str  # "What did Chen Shaobo say about talent?"
    quote: str  # one sentence of theirs, to paste in the quote check


def examples(store) -> Examples | None:
    """None for an empty store. Reads one transcript: the one where one speaker gives the most answers."""
    best = max(
        ((entry.kinds.get("answer", 0), transcript_id, entry.name) for transcript_id, entries in store.speakers().items()
         for entry in entries),
        default=None,
    )  # fmt: skip
    if best is None:
        return None
    _, transcript_id, speaker = best
    transcript = store.transcript(transcript_id)
    said = [t.text for t in transcript.turns if t.speaker == speaker] if transcript else []
    words = Counter(w for text in said for w in re.findall(r"\b[a-z]{5,}\b", text) if w not in _COMMON)
    topic = _distinctive(store, words)
    question = f"What did {speaker} say about {topic}?" if topic else f"What did {speaker} say?"
    lines = [s for text in said for s in sentences(text) if 8 <= len(s.split()) <= 25 and (not topic or topic in s)]
    quote = lines[0] if lines else next((s for text in said for s in sentences(text)), "")
    return Examples(question, quote)


def _distinctive(store, words: Counter) -> str | None:
    """Of the speaker's frequent words (lower case only: names and sentence starts aside), the one the rest of
    the store uses least: count times the index's inverse chunk frequency."""
    keyword = store.view().keyword
    total = max(len(keyword.ids), 1)

    def weight(item: tuple[str, int]) -> float:
        word, count = item
        held = len(keyword.search(word, total))
        return count * math.log(1 + total / held) if held else 0.0

    scored = [(weight(item), item[0]) for item in words.most_common(30)]
    return max(scored)[1] if scored and max(scored)[0] > 0 else None
