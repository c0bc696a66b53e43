"""Retrieval filters: a mask over the metadata columns of the committed chunks, for both retrievers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np


@dataclass(frozen=True)
class Filters:
    speakers: tuple[str, ...] = ()
    transcripts: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    date_from: str | None = None  # ISO dates, inclusive
    date_to: str | None = None

    def __post_init__(self):
        for value in (self.date_from, self.date_to):
            if value is not None:
                try:
                    date.fromisoformat(value)  # a bad date fails here, not as an empty result
                except ValueError:
                    raise ValueError(f"not a date (YYYY-MM-DD): {value!r}") from None

    def mask(self, columns: dict[str, np.ndarray]) -> np.ndarray | None:
        """True for the rows that pass, given the index's metadata columns; None when nothing filters."""
        if not (self.speakers or self.transcripts or self.kinds or self.date_from or self.date_to):
            return None
        keep = np.ones(len(columns["speaker"]), dtype=bool)
        for key, values in (("speaker", self.speakers), ("transcript_id", self.transcripts), ("kind", self.kinds)):
            if values:
                # one comparison per value: a filter names few, and np.isin sorts the whole column
                keep &= np.logical_or.reduce([columns[key] == value for value in values])
        if self.date_from:
            keep &= columns["date_int"] >= _date_int(self.date_from)
        if self.date_to:
            keep &= columns["date_int"] <= _date_int(self.date_to)
        return keep


def _date_int(iso: str) -> int:
    return int(iso.replace("-", ""))
