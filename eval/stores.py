"""A Podium store holding exactly a set's transcripts, built through the index's public API."""

from __future__ import annotations

import hashlib
from pathlib import Path

from index.embedder import Embedder
from index.settings import Settings
from index.store import Store

from .sets import ROOT, EvalSet

# Kept between runs (eval/reports/ is gitignored): ingesting an unchanged transcript embeds nothing.
CACHE = ROOT / "eval" / "reports" / "stores"


def set_store(eval_set: EvalSet, embedder: Embedder, folder: Path | None = None) -> Store:
    """Ingest the set's transcripts (unchanged ones cost nothing) and drop any others left in the folder.

    Sets over the same transcripts (a tuning set and its check set) share one cached store."""
    listed = "\n".join(eval_set.listed)
    folder = folder or CACHE / f"{eval_set.name.split('-')[-1]}-{hashlib.sha256(listed.encode()).hexdigest()[:8]}"
    store = Store(Settings(store=folder, refresh_seconds=0), embedder)
    for _ in store.ingest_stream((t.id, t) for t in eval_set.transcripts.values()):
        pass
    for entry in store.transcripts():
        if entry.id not in eval_set.transcripts:
            store.remove(entry.id)
    return store
