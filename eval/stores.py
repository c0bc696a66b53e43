"""A Podium store holding exactly a set's transcripts, built through the index's public API."""

from __future__ import annotations

from pathlib import Path

from index.embedder import Embedder
from index.settings import Settings
from index.store import Store

from .sets import ROOT, EvalSet

# Kept between runs (eval/reports/ is gitignored): ingesting an unchanged transcript embeds nothing.
CACHE = ROOT / "eval" / "reports" / "stores"


def set_store(eval_set: EvalSet, embedder: Embedder, folder: Path | None = None) -> Store:
    """Ingest the set's transcripts (unchanged ones cost nothing) and drop any others left in the folder."""
    folder = folder or CACHE / eval_set.name
    store = Store(Settings(store=folder, refresh_seconds=0), embedder)
    for _ in store.ingest_stream((t.id, t) for t in eval_set.transcripts.values()):
        pass
    for entry in store.transcripts():
        if entry.id not in eval_set.transcripts:
            store.remove(entry.id)
    return store
