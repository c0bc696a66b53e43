"""BM25 over the committed chunks (bm25s), saved beside the store and rebuilt when it is stale."""

from __future__ import annotations

import bisect
import json
import os
import re
import shutil
from pathlib import Path

import bm25s
from bm25s.stopwords import STOPWORDS_EN
import numpy as np
import Stemmer

from .ranking import best_first

COLUMNS = ("speaker", "transcript_id", "kind", "date_int", "turn_index", "reply_to")
_STEMMER = Stemmer.Stemmer("english")
_TOKEN = re.compile(r"(?u)\b\w\w+\b")  # bm25s's default token pattern
_STOPWORDS = frozenset(STOPWORDS_EN)


def tokenize(texts: list[str]):
    return bm25s.tokenize(texts, stopwords="en", stemmer=_STEMMER, show_progress=False)


def terms(text: str) -> list[str]:
    """The words of a text as the index sees them: lower case, stemmed, stop words out, in order.

    What bm25s.tokenize does (its pattern, its stop words, tests/index/test_keyword.py checks they
    agree), at a seventh of its cost: the answer engine reads the terms of every sentence it scores.
    """
    return _STEMMER.stemWords([w for w in _TOKEN.findall(text.lower()) if w not in _STOPWORDS])


def stems(words: list[str]) -> list[str]:
    """Each word as the index would stem it (stop words included)."""
    return _STEMMER.stemWords([w.lower() for w in words])


class KeywordIndex:
    def __init__(self, ids: list[str], columns: dict[str, np.ndarray], bm25: bm25s.BM25 | None):
        self.ids = ids
        self.columns = columns
        self._bm25 = bm25
        self._vocab: list[str] | None = None  # the indexed terms, sorted: read once, when a word is looked up

    @classmethod
    def build(cls, ids: list[str], texts: list[str], metadatas: list[dict]) -> KeywordIndex:
        columns = {key: np.array([m[key] for m in metadatas]) for key in COLUMNS}
        if not ids:
            return cls([], columns, None)
        tokens = tokenize(texts)
        if not tokens.vocab:  # no chunk holds a word of two letters or more: bm25s cannot index that
            return cls(ids, columns, None)
        bm25 = bm25s.BM25()
        bm25.index(tokens, show_progress=False)
        return cls(ids, columns, bm25)

    @property
    def size(self) -> int:
        return len(self.ids)

    def doc_freq(self, term: str) -> int:
        """How many chunks hold the (stemmed) term."""
        column = self._bm25.vocab_dict.get(term) if self._bm25 is not None else None
        if column is None:
            return 0
        indptr = self._bm25.scores["indptr"]
        return int(indptr[column + 1] - indptr[column])

    def extended(self, term: str) -> bool:
        """Whether some indexed term is a longer form of this one ("spaceflight" of "space"), as
        chat.topic counts coverage: the stemmer leaves such words apart."""
        if self._bm25 is None:
            return False
        if self._vocab is None:
            self._vocab = sorted(self._bm25.vocab_dict)
        i = bisect.bisect_right(self._vocab, term)
        return i < len(self._vocab) and self._vocab[i].startswith(term)

    def scores(self, query: str | dict[str, float]) -> np.ndarray | None:
        """BM25 of every row for the query's words, or for terms each weighted (None: no known word)."""
        if self._bm25 is None:
            return None
        weights = query if isinstance(query, dict) else dict.fromkeys(terms(query), 1.0)
        known = {t: w for t, w in weights.items() if t and t in self._bm25.vocab_dict and w > 0}
        if not known:
            return None
        if len(set(known.values())) == 1:  # one call: bm25s sums the words' scores itself
            return self._bm25.get_scores(list(known)) * next(iter(known.values()))
        return sum(self._bm25.get_scores([t]) * w for t, w in known.items())

    def carrying(self, weights: dict[str, float], share: float, mask: np.ndarray | None = None) -> np.ndarray:
        """The rows that hold terms carrying at least `share` of the weights (all of them, for 1.0)."""
        carried = np.zeros(self.size)
        for term, weight in weights.items():
            if self._bm25 is not None and term in self._bm25.vocab_dict:
                carried += weight * (self._bm25.get_scores([term]) > 0)
        keep = carried >= share - 1e-9
        return np.flatnonzero(keep if mask is None else keep & mask)

    def search(self, query: str | dict[str, float], k: int, mask: np.ndarray | None = None) -> list[tuple[str, float]]:
        """(chunk id, score) of the best k chunks with a positive score, among the rows the mask keeps."""
        scores = self.scores(query)
        if scores is None:
            return []
        # The top k among the few rows that score, not bm25s's selection over every row: with a
        # filter, most rows are zero and its selection took 5-6 ms at 100k chunks (bench/retrieval_steps.py).
        rows = np.flatnonzero(scores > 0 if mask is None else (scores > 0) & mask)
        rows = rows[best_first(scores[rows], k)]
        return [(self.ids[i], float(scores[i])) for i in rows]

    def save(self, folder: Path) -> None:
        tmp = folder.with_name(f"{folder.name}.tmp{os.getpid()}")  # processes sharing a store each write their own
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        if self._bm25 is not None:
            self._bm25.save(tmp, show_progress=False)
        sidecar = {"ids": self.ids, "columns": {k: v.tolist() for k, v in self.columns.items()}, "bm25": self._bm25 is not None}
        (tmp / "podium.json").write_text(json.dumps(sidecar))
        shutil.rmtree(folder, ignore_errors=True)
        try:
            tmp.rename(folder)  # a reader sees the old folder or the whole new one
        except OSError:  # another process saved the same state first
            shutil.rmtree(tmp, ignore_errors=True)

    @classmethod
    def load(cls, folder: Path) -> KeywordIndex | None:
        try:
            sidecar = json.loads((folder / "podium.json").read_text())
        except (OSError, ValueError):
            return None
        if set(sidecar["columns"]) != set(COLUMNS):  # written before a column was added: rebuild
            return None
        columns = {k: np.array(v) for k, v in sidecar["columns"].items()}
        bm25 = bm25s.BM25.load(folder, show_progress=False) if sidecar.get("bm25", bool(sidecar["ids"])) else None
        return cls(sidecar["ids"], columns, bm25)
