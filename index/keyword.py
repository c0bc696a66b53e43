"""BM25 over the committed chunks (bm25s), saved beside the store and rebuilt when it is stale."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import bm25s
import numpy as np
import Stemmer

from .ranking import best_first

COLUMNS = ("speaker", "transcript_id", "kind", "date_int")
_STEMMER = Stemmer.Stemmer("english")


def tokenize(texts: list[str]):
    return bm25s.tokenize(texts, stopwords="en", stemmer=_STEMMER, show_progress=False)


class KeywordIndex:
    def __init__(self, ids: list[str], columns: dict[str, np.ndarray], bm25: bm25s.BM25 | None):
        self.ids = ids
        self.columns = columns
        self._bm25 = bm25

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

    def search(self, query: str, k: int, mask: np.ndarray | None = None) -> list[tuple[str, float]]:
        """(chunk id, score) of the best k chunks with a positive score, among the rows the mask keeps."""
        if self._bm25 is None:
            return []
        tokens = bm25s.tokenize([query], stopwords="en", stemmer=_STEMMER, return_ids=False, show_progress=False)[0]
        if not tokens:
            return []
        scores = self._bm25.get_scores(tokens)
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
        columns = {k: np.array(v) for k, v in sidecar["columns"].items()}
        bm25 = bm25s.BM25.load(folder, show_progress=False) if sidecar.get("bm25", bool(sidecar["ids"])) else None
        return cls(sidecar["ids"], columns, bm25)
