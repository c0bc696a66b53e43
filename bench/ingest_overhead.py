"""What `podium ingest` spends besides the model: the real pipeline with the embedding left out.

    /work/main/.venv/bin/python bench/ingest_overhead.py [--every N] [--top 25]

`Store.ingest_stream` over the three archive folders into an empty store, as `podium ingest` runs it,
except that `Embedder.embed_texts` returns random unit vectors (the model's encode is what
bench/archive_ingest.py measures; this is the rest of the ratio). Prints the wall time, the time of
each step (cProfile's cumulative seconds of the functions named below) and the most costly calls.
Imports and loading the model (with the tokenizer chunking needs) are outside the timing; the script
runs unchanged on earlier commits (copy it into a checkout of one) to compare a step before and after.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from archive_ingest import FOLDERS  # noqa: E402  (the same three folders)

STEPS = {  # step -> (file suffix, function) whose cumulative time it is
    "parse files (ingest.parse_files)": ("ingest/__init__.py", "parse_file"),
    "chunk (index.chunks.chunk_transcript)": ("index/chunks.py", "chunk_transcript"),
    "tokenize for chunking (Embedder.token_ends)": ("index/embedder.py", "token_ends"),
    "look up stored vectors (Store._stored_vectors)": ("index/store.py", "_stored_vectors"),
    "Chroma add (ChromaVectorStore.add)": ("llama_index/vector_stores/chroma/base.py", "add"),
    "catalog stage (Catalog.stage)": ("index/catalog.py", "stage"),
    "catalog commit (Catalog.commit)": ("index/catalog.py", "commit"),
    "name known people (Store._name_known_people)": ("index/store.py", "_name_known_people"),
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--every", type=int, default=1, help="every Nth file only")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    from index.settings import Settings
    from index.store import Store
    from ingest import parse_files

    files = sorted(p for folder in FOLDERS for p in folder.rglob("*") if p.is_file())[:: args.every]
    store = Store(Settings(store=Path(tempfile.mkdtemp(prefix="podium-overhead-")) / "store"))
    store.embedder.model  # the model and its tokenizer load outside the timing
    rng = np.random.default_rng(0)

    def random_vectors(texts: list[str]) -> list[list[float]]:
        vectors = rng.standard_normal((len(texts), 384)).astype("float32")
        return (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).tolist()

    store.embedder.embed_texts = random_vectors
    profile = cProfile.Profile()
    t0 = time.perf_counter()
    profile.enable()
    results = list(store.ingest_stream(parse_files(files)))
    profile.disable()
    wall = time.perf_counter() - t0
    stats = pstats.Stats(profile)
    print(f"{len(files)} files, {len(results)} results, {store.collection.count()} chunks: {wall:.1f} s (under cProfile)")
    for step, (suffix, function) in STEPS.items():
        seconds = sum(
            row[3] for (path, _, name), row in stats.stats.items() if path.endswith(suffix) and name == function
        )
        print(f"  {step}: {seconds:.1f} s")
    stats.sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main()
