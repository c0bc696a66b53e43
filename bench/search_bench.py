"""Search inside transcripts (chat/search.py) on the 2023 White House archive: 226 files, about 26,000 turns.

    .venv/bin/python bench/search_bench.py [--work W] [--rounds N]

The store holds the archive's real chunks (cut with the real tokenizer) and its BM25 index; its vectors are
random, because search reads no vector and embedding the archive takes about 40 minutes here. The store is
built once under W (default /tmp/podium-search-bench) and reused.

Prints for each query: mentions, turns and press conferences that hold one, the first search with empty
caches (every candidate chunk read from Chroma: the first search after a restart) and the p50 of N more
(chunk texts cached); 100 hits returned, as the HTTP API's default.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
ARCHIVE = ROOT.parent / "shared" / "corpus" / "whitehouse_2023"

QUERIES = [  # (query, filters)
    ("president", {}),  # in most turns of the archive
    ("Ukraine", {}),
    ("fentanyl", {}),
    ('"supply chain"', {}),
    ('"go ahead"', {}),
    ("inflation jobs", {}),
    ("Israel", {"speaker": "Mr. Kirby"}),
    ("Ukraine", {"date_from": "2023-06-01", "date_to": "2023-06-30"}),
]


def open_store(work: Path):
    import numpy as np

    from index.embedder import Embedder
    from index.settings import Settings
    from index.store import Store
    from ingest import parse_file

    class RandomVectors(Embedder):
        """The real tokenizer, so the chunks are the real ones; random unit vectors, which search never reads."""

        def embed_texts(self, texts):
            rng = np.random.default_rng(len(texts))
            vectors = rng.normal(size=(len(texts), 384))
            return (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).tolist()

    fresh = not (work / "store").exists()
    store = Store(Settings(store=work / "store", refresh_seconds=3600), RandomVectors())
    if fresh:
        t0 = time.perf_counter()
        files = sorted(ARCHIVE.glob("*.md"))
        for _ in store.ingest_stream((path, parse_file(path)) for path in files):
            pass
        print(f"built the store of {len(files)} files in {time.perf_counter() - t0:.0f} s")
    return store


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--work", type=Path, default=Path("/tmp/podium-search-bench"))
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    from chat import search as module

    store = open_store(args.work)
    view = store.view()
    print(f"{len(store.transcripts())} transcripts, {len(view.keyword.ids)} chunks")
    print("| query | filters | mentions | turns | press conferences | first (ms) | cached p50 (ms) |")
    print("|---|---|---|---|---|---|---|")
    for query, filters in QUERIES:
        module._TRANSCRIPTS.clear()
        module._VERSIONS.clear()
        module._TERMS.clear()
        t0 = time.perf_counter()
        result = module.search(store, query, limit=100, **filters)
        first = (time.perf_counter() - t0) * 1000
        times = []
        for _ in range(args.rounds):
            t0 = time.perf_counter()
            module.search(store, query, limit=100, **filters)
            times.append((time.perf_counter() - t0) * 1000)
        shown = ", ".join(f"{k}={v}" for k, v in filters.items()) or "none"
        print(
            f"| `{query}` | {shown} | {result.total} | {result.turns} | {result.transcripts} | {first:.0f} "
            f"| {statistics.median(times):.0f} |"
        )


if __name__ == "__main__":
    main()
