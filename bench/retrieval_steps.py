"""Where a query's time goes: each step of HybridRetriever.retrieve, and the alternatives each step replaced.

    .venv/bin/python bench/retrieval_steps.py STORE [--queries N]

STORE is a built store, e.g. the 100k one index_bench.py builds:
    .venv/bin/python bench/index_bench.py --phase ingest --work W
    .venv/bin/python bench/index_bench.py --phase build --work W --n 100000   (STORE = W/store-100000)
Prints p50 ms of:
  steps     each step inside retrieve(text), unfiltered and filtered to the most frequent speaker
  chroma    the HNSW query asked for ids and distances only, against llama-index's query (texts and metadata too)
  blas      the next query's embedding after the exact search's product done by BLAS (matmul) or by einsum
  bm25      BM25 with that speaker's mask: bm25s's own top-k over every row, against KeywordIndex.search
  embed     the question's embedding through llama-index's wrapper, against Embedder.embed_query
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from index_bench import bench_queries, open_store  # sets the offline environment and sys.path


def p50(fn, inputs) -> float:
    for x in inputs[:3]:
        fn(x)
    ms = []
    for x in inputs:
        t0 = time.perf_counter()
        fn(x)
        ms.append((time.perf_counter() - t0) * 1000)
    return statistics.median(ms)


def steps(store, queries, filters) -> dict[str, float]:
    """p50 ms of each step of retrieve(text), timed inside the real call."""
    from index.filters import Filters
    from index.retriever import HybridRetriever

    view, spent, originals = store.view(), {}, []
    for obj, name in ((store.embedder, "embed_query"), (Filters, "mask"), (store.collection, "query"),
                      (view.exact, "search"), (view.keyword, "search"), (store.vectors, "get_nodes")):
        fn, assign = getattr(obj, name), setattr if isinstance(obj, type) else object.__setattr__

        def wrapper(*args, _fn=fn, _key=f"{getattr(obj, '__name__', type(obj).__name__)}.{name}", **kwargs):
            t0 = time.perf_counter()
            out = _fn(*args, **kwargs)
            spent.setdefault(_key, []).append((time.perf_counter() - t0) * 1000)
            return out

        originals.append((assign, obj, name, fn))
        assign(obj, name, wrapper)
    total = p50(HybridRetriever(store, top_k=10, filters=filters).retrieve, queries)
    for assign, obj, name, fn in originals:
        assign(obj, name, fn)
    return {"retrieve": total} | {k: statistics.median(v) for k, v in spent.items()}


def main() -> None:
    import bm25s
    import numpy as np
    from llama_index.core.vector_stores.types import VectorStoreQuery

    from index.filters import Filters
    from index.keyword import _STEMMER

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--queries", type=int, default=60)
    args = parser.parse_args()
    store = open_store(args.store)
    queries = bench_queries(args.queries)
    view = store.view()
    names, counts = np.unique(view.keyword.columns["speaker"], return_counts=True)
    top = Filters(speakers=(str(names[counts.argmax()]),))
    mask = top.mask(view.keyword.columns)
    vectors = [store.embedder.embed_query(q) for q in queries]
    print(f"{len(view.committed)} chunks; speaker {top.speakers[0]!r} has {mask.mean():.1%} of them; {len(queries)} queries; p50 ms\n")

    print("steps, no filter:", {k: round(v, 1) for k, v in steps(store, queries, Filters()).items()})
    print("steps, speaker:  ", {k: round(v, 1) for k, v in steps(store, queries, top).items()})

    ids_only = p50(lambda v: store.collection.query(query_embeddings=[v], n_results=40, include=["distances"]), vectors)
    llama = p50(lambda v: store.vectors.query(VectorStoreQuery(query_embedding=v, similarity_top_k=40)), vectors)
    print(f"chroma: 40 candidates, ids and distances {ids_only:.1f}; llama-index query (texts, metadata) {llama:.1f}")

    rows = np.flatnonzero(mask)
    after = {}
    for label, product in (("matmul", lambda m, v: m @ v), ("einsum", lambda m, v: np.einsum("ij,j->i", m, v))):
        def embed_after(query, product=product):
            product(view.exact.matrix[rows], np.asarray(store.embedder.embed_query(query), dtype=np.float32))
            t0 = time.perf_counter()
            store.embedder.embed_query(query)
            return (time.perf_counter() - t0) * 1000
        after[label] = statistics.median([embed_after(q) for q in queries])
    print(f"blas: embedding right after the product by matmul {after['matmul']:.1f}, by einsum {after['einsum']:.1f}")

    def bm25s_topk(query):
        tokens = bm25s.tokenize([query], stopwords="en", stemmer=_STEMMER, return_ids=False, show_progress=False)
        view.keyword._bm25.retrieve(tokens, k=40, weight_mask=mask.astype(np.float32), show_progress=False, n_threads=0)

    print(f"bm25: with the speaker mask, bm25s's top-k {p50(bm25s_topk, queries):.1f}; "
          f"KeywordIndex.search {p50(lambda q: view.keyword.search(q, 40, mask), queries):.1f}")
    print(f"embed: llama-index get_query_embedding {p50(store.embedder.model.get_query_embedding, queries):.1f}; "
          f"Embedder.embed_query {p50(store.embedder.embed_query, queries):.1f}")


if __name__ == "__main__":
    main()
