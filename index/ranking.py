"""The top k of an array of scores, shared by the keyword and exact indexes."""

from __future__ import annotations

import numpy as np


def best_first(values: np.ndarray, k: int) -> np.ndarray:
    """Positions of the k highest values, best first. Ties go to the earlier position, at the k-th
    value too, so a shorter list is always the start of a longer one (the fusion relies on it)."""
    keep = np.arange(len(values))
    if len(values) > k:
        kth = np.partition(values, len(values) - k)[len(values) - k]
        above = np.flatnonzero(values > kth)
        keep = np.concatenate([above, np.flatnonzero(values == kth)[: k - len(above)]])
    return keep[np.lexsort((keep, -values[keep]))]
