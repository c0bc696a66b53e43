"""Exact cosine search over the committed chunks' vectors, held in memory, for filtered queries.

Local Chroma keeps no index on metadata, so a where clause scans every record: 75-140 ms at 100k
chunks against 17 ms unfiltered (bench/RESULTS.md). The keyword index already holds each chunk's
speaker, transcript, kind and date; masking rows and multiplying the ones kept takes a few ms.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from .ranking import best_first

_FILE = "vectors.npy"


class ExactIndex:
    def __init__(self, ids: list[str], matrix: np.ndarray):
        self.ids = ids  # row i is chunk ids[i]: the keyword index's order
        self.matrix = matrix

    @classmethod
    def build(cls, ids: list[str], embeddings) -> ExactIndex:
        if not ids:
            return cls([], np.zeros((0, 0), dtype=np.float32))
        matrix = np.asarray(embeddings, dtype=np.float32)
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        return cls(ids, matrix / np.where(norms > 0, norms, 1.0))

    def search(self, vector, k: int, mask: np.ndarray) -> list[tuple[str, float]]:
        """(chunk id, cosine) of the best k rows the mask keeps, best first."""
        rows = np.flatnonzero(mask)
        if not len(rows):
            return []
        query = np.asarray(vector, dtype=np.float32)
        # einsum, not BLAS: OpenBLAS's threads spin after a call, and on two cores the next query's
        # embedding then took more than twice as long (bench/retrieval_steps.py)
        scores = np.einsum("ij,j->i", self.matrix[rows], query / (np.linalg.norm(query) or 1.0))
        return [(self.ids[rows[i]], float(scores[i])) for i in best_first(scores, k)]

    def cosines(self, vector, rows) -> np.ndarray:
        """The cosine of the vector with each of the given rows."""
        query = np.asarray(vector, dtype=np.float32)
        return np.einsum("ij,j->i", self.matrix[rows], query / (np.linalg.norm(query) or 1.0))

    def save(self, folder: Path) -> None:
        tmp = folder / f"{_FILE}.tmp{os.getpid()}"
        try:
            with tmp.open("wb") as out:
                np.save(out, self.matrix)
            tmp.rename(folder / _FILE)
        except OSError:  # another process replaced the folder meanwhile: its copy serves, or the next reader rebuilds
            tmp.unlink(missing_ok=True)

    @classmethod
    def load(cls, folder: Path, ids: list[str]) -> ExactIndex | None:
        try:
            matrix = np.load(folder / _FILE)
        except (OSError, ValueError):
            return None
        return cls(ids, matrix) if matrix.shape[0] == len(ids) else None
