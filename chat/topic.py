"""How much each word of a topic counts: by how rare it is in the index itself, and in English.

A quote answers a topic when it carries the topic's most specific words, so "nuclear power" is not
answered by a sentence about "the power source of innovation": in the index, "power" is common and
"nuclear" rare or absent. Rarity in the index alone misleads in a small store (the demo's own subject,
"talent", is in half its chunks), so a word's frequency in English (wordfreq) tempers it: a word
common everywhere ("people", "say") weighs little even where the index is too small to tell.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from wordfreq import zipf_frequency

from index.keyword import KeywordIndex, terms

# Zipf frequency (log10 of occurrences per billion words): ~7 for "the", ~4.5 for "nuclear", ~2 for
# "Heilongjiang". Words from COMMONEST down to RARE go from barely counting to counting fully.
COMMONEST, RARE = 6.5, 3.5
_FLOOR = 0.05
UNSEEN_SHARE = 0.25  # an unseen word weighing this much of the topic is why it can't be answered
LONGER_FORM = 4  # a term this long is found in a longer word that begins with it ("soft" in "softish")


@dataclass(frozen=True)
class Topic:
    text: str
    weights: dict[str, float]  # index term -> its share of the topic; the shares sum to 1
    unseen: tuple[str, ...]  # the topic's words no indexed chunk holds, that weigh enough to matter

    def coverage(self, found: set[str]) -> float:
        """The share of the topic's weight that a text holding these index terms carries; a longer form
        of a term counts ("softish" for "soft"), as the stemmer leaves such words apart."""
        return sum(
            w for t, w in self.weights.items() if t in found or (len(t) >= LONGER_FORM and any(f.startswith(t) for f in found))
        )

    @property
    def main(self) -> str | None:
        """The topic's most specific term."""
        return max(self.weights, key=self.weights.get) if self.weights else None


def weigh(text: str, index: KeywordIndex) -> Topic:
    raw: dict[str, float] = {}
    words: dict[str, str] = {}
    for word in re.findall(r"[\w’'%$-]+", text):
        for term in terms(word):
            words.setdefault(term, word)
            raw[term] = max(raw.get(term, 0.0), _general(word) * _in_index(index.doc_freq(term), index.size))
    total = sum(raw.values())
    weights = {t: w / total for t, w in raw.items()} if total else {}
    unseen = [
        words[t] for t, w in weights.items()
        if w >= UNSEEN_SHARE and index.doc_freq(t) == 0 and not (len(t) >= LONGER_FORM and index.extended(t))
    ]  # fmt: skip
    return Topic(text, weights, tuple(unseen))


def term_set(text: str) -> set[str]:
    return set(terms(text)) if text else set()


def specificity(word: str) -> float:
    """How specific a word is in English alone: 0 for the commonest words, 1 for rare ones."""
    return _general(word)


@lru_cache(maxsize=65536)
def _general(word: str) -> float:
    zipf = zipf_frequency(word.lower(), "en")
    return min(max((COMMONEST - zipf) / (COMMONEST - RARE), _FLOOR), 1.0)


def _in_index(df: int, size: int) -> float:
    """BM25's inverse document frequency, scaled to 0..1 by the largest it can be in this index."""
    if size <= 0:
        return 1.0
    idf = math.log(1 + (size - df + 0.5) / (df + 0.5))
    return idf / math.log(1 + (size + 0.5) / 0.5)
