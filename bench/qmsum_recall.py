"""Retrieval quality on QMSum gold spans: recall@5/@10 of gold turns for dense, BM25, hybrid and hybrid+speaker.

    .venv/bin/python bench/qmsum_recall.py [--keep DIR]

All 12 Committee meetings go into one store (real MiniLM, real Chroma); each specific query is restricted
to its meeting. A query's gold turns are the union of its inclusive relevant_text_span ranges; the top k
chunks map to their turn_index (a long turn may give several chunks, so k chunks may be < k turns).
  hit@k      share of queries with at least one gold turn among the top-k chunks
  cover@k    mean over queries of |gold turns in top k| / |gold turns|
  ceiling    mean of min(k, |gold|) / |gold|: the best cover@k any ranker of k single-turn chunks can reach
The same rankers also run on each query as the chat engine asks it: its topic (chat.question removes the
names and the question words), then filtered to the speakers chat.question resolves.
Paired comparisons give, per query, the cover@10 difference (mean, 95% bootstrap interval) and hit@10 wins/losses.
--keep DIR reuses (or creates) the store in DIR instead of a temporary folder, to iterate without re-embedding.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from llama_index.core.schema import QueryBundle  # noqa: E402

from chat.names import Speaker, resolve_speakers  # noqa: E402
from chat.question import understand  # noqa: E402
from index import retriever as retriever_module  # noqa: E402
from index.filters import Filters  # noqa: E402
from index.retriever import HybridRetriever  # noqa: E402
from index.settings import Settings  # noqa: E402
from index.store import Store  # noqa: E402
from ingest import parse_file  # noqa: E402

CORPUS = Path(os.environ.get("PODIUM_SHARED", "/work/shared")) / "corpus" / "qmsum"
KS = (5, 10)


# -- data -----------------------------------------------------------------------------------------

def load_queries(store: Store) -> list[dict]:
    """Ingest every meeting (unchanged ones are skipped) and return its specific queries with gold turns."""
    queries = []
    for path in sorted(CORPUS.glob("*/*.json")):
        transcript = parse_file(path)
        store.ingest(transcript)
        for item in json.loads(path.read_text())["specific_query_list"]:
            gold = {t for a, b in item["relevant_text_span"] for t in range(int(a), int(b) + 1)}
            queries.append({"query": item["query"], "transcript": transcript.id, "gold": gold})
    return queries


# -- rankers: each returns (chunk id, turn index) best first -----------------------------------------

def dense_scores(store: Store, embedding, filters: Filters, k: int) -> dict[str, float]:
    """The hybrid retriever's own dense half (exact search within the meeting): chunk id -> cosine, best first."""
    retriever = HybridRetriever(store, top_k=k, filters=filters, candidates=k)
    view = store.view()
    return retriever._dense(QueryBundle("", embedding=embedding), view, filters.mask(view.keyword.columns))


def bm25_scores(store: Store, query: str, filters: Filters, k: int) -> dict[str, float]:
    view = store.view()
    return dict(view.keyword.search(query, k, filters.mask(view.keyword.columns)))


def hybrid_ranking(store: Store, query: str, embedding, filters: Filters, k: int, candidates: int = 40):
    bundle = QueryBundle(query_str=query, embedding=embedding)
    nodes = HybridRetriever(store, top_k=k, filters=filters, candidates=candidates).retrieve(bundle)
    return [(n.node.node_id, n.node.metadata["turn_index"]) for n in nodes]


def fused_ranking(dense, keyword, rrf_k: float, w_dense: float = 1.0, w_bm25: float = 1.0):
    """RRF as in index/retriever.py, with the constant and per-ranker weights as parameters (full ranking)."""
    fused, turn = {}, {}
    for weight, ranking in ((w_dense, dense), (w_bm25, keyword)):
        for rank, (cid, t) in enumerate(ranking):
            fused[cid] = fused.get(cid, 0.0) + weight / (rrf_k + rank + 1)
            turn[cid] = t
    return [(cid, turn[cid]) for cid in sorted(fused, key=fused.get, reverse=True)]


def score_fusion(dense: dict, bm25: dict, turn_of: dict, candidates: int, w_dense: float = 0.5):
    """Not what the retriever does: a convex combination of each ranker's min-max normalised scores."""
    fused: dict[str, float] = {}
    for weight, scores in ((w_dense, dense), (1 - w_dense, bm25)):
        top = dict(list(scores.items())[:candidates])
        if top:
            lo, hi = min(top.values()), max(top.values())
            for cid, value in top.items():
                fused[cid] = fused.get(cid, 0.0) + weight * ((value - lo) / (hi - lo) if hi > lo else 1.0)
    return [(cid, turn_of[cid]) for cid in sorted(fused, key=fused.get, reverse=True)]


def distinct_turns(ranking):
    """Keep a turn's best chunk only, so k results are k different turns."""
    seen = set()
    return [(cid, t) for cid, t in ranking if not (t in seen or seen.add(t))]


# -- scoring --------------------------------------------------------------------------------------

def cover(gold: set, ranking, k: int) -> float:
    return len(gold & {t for _, t in ranking[:k]}) / len(gold)


def score(rows: list[tuple[set, list]], k: int) -> dict:
    hits = [bool(gold & {t for _, t in ranking[:k]}) for gold, ranking in rows]
    return {"hit": sum(hits) / len(rows), "cover": sum(cover(g, r, k) for g, r in rows) / len(rows)}


def table(results: dict[str, list], queries) -> str:
    ceil = {k: sum(min(k, len(q["gold"])) / len(q["gold"]) for q in queries) / len(queries) for k in KS}
    lines = ["| ranker | n | hit@5 | hit@10 | cover@5 | cover@10 |", "|---|---|---|---|---|---|"]
    for name, rows in results.items():
        s = {k: score(rows, k) for k in KS}
        lines.append(f"| {name} | {len(rows)} | {s[5]['hit']:.3f} | {s[10]['hit']:.3f} | {s[5]['cover']:.3f} | {s[10]['cover']:.3f} |")
    lines.append(f"| (ceiling of cover) | {len(queries)} | 1 | 1 | {ceil[5]:.3f} | {ceil[10]:.3f} |")
    return "\n".join(lines)


def paired(a: list, b: list, k: int = 10, resamples: int = 2000) -> str:
    """a against b on cover@k and hit@k: queries won/lost, and a 95% bootstrap interval of the mean cover difference."""
    diff = [cover(g, ra, k) - cover(g, rb, k) for (g, ra), (_, rb) in zip(a, b)]
    hit = [bool(g & {t for _, t in ra[:k]}) - bool(g & {t for _, t in rb[:k]}) for (g, ra), (_, rb) in zip(a, b)]
    rng = random.Random(0)
    means = sorted(sum(rng.choices(diff, k=len(diff))) / len(diff) for _ in range(resamples))
    lo, hi = means[int(0.025 * resamples)], means[int(0.975 * resamples)]
    return (f"cover@{k} {sum(diff) / len(diff):+.3f} [{lo:+.3f}, {hi:+.3f}], won/lost {sum(d > 0 for d in diff)}/{sum(d < 0 for d in diff)}; "
            f"hit@{k} won/lost {hit.count(1)}/{hit.count(-1)}")


# -- the run --------------------------------------------------------------------------------------

HYBRID = "hybrid (HybridRetriever as is: candidates=40, RRF k=60)"


def evaluate(store: Store, queries: list[dict]) -> tuple[dict, dict, dict, list]:
    committed = store.view().committed
    got = store.collection.get(ids=sorted(committed), include=["metadatas"])
    turn_of = {i: m["turn_index"] for i, m in zip(got["ids"], got["metadatas"])}
    speakers = store.speakers()
    registry = {tid: [Speaker(e.name, e.role, list(e.labels)) for e in entries] for tid, entries in speakers.items()}
    main, variants, asked, resolved = {}, {}, {}, []
    for q in queries:
        emb = store.embedder.embed_query(q["query"])
        meeting = Filters(transcripts=(q["transcript"],))
        who = resolve_speakers(q["query"], registry[q["transcript"]])[0]
        resolved.append((q["query"], who))
        add = lambda d, name, ranking: d.setdefault(name, []).append((q["gold"], ranking))  # noqa: E731
        dense_scored, bm25_scored = dense_scores(store, emb, meeting, 100), bm25_scores(store, q["query"], meeting, 100)
        dense = [(cid, turn_of[cid]) for cid in dense_scored]
        bm25 = [(cid, turn_of[cid]) for cid in bm25_scored]
        add(main, "dense only", dense)
        add(main, "BM25 only", bm25)
        add(main, HYBRID, hybrid_ranking(store, q["query"], emb, meeting, 10))
        filt = Filters(transcripts=(q["transcript"],), speakers=tuple(who)) if who else meeting
        add(main, "hybrid + speaker filter (as chat.names resolves; {n} resolved)", hybrid_ranking(store, q["query"], emb, filt, 10))
        engine_rows(lambda name, ranking: add(asked, name, ranking), store, q, registry[q["transcript"]], turn_of)
        for cand in (10, 20, 40, 100):
            for rrf_k in (1, 10, 30, 60):
                add(variants, f"candidates={cand}, RRF k={rrf_k}", fused_ranking(dense[:cand], bm25[:cand], rrf_k))
        for w in (0.5, 2.0):
            add(variants, f"candidates=40, RRF k=60, BM25 weight {w}", fused_ranking(dense[:40], bm25[:40], 60, 1.0, w))
        for cand in (20, 40, 100):
            for w in (0.3, 0.5):
                add(variants, f"score fusion (min-max), candidates={cand}, dense weight {w}",
                    score_fusion(dense_scored, bm25_scored, turn_of, cand, w))
        add(variants, "dense only, distinct turns", distinct_turns(dense))
        add(variants, "BM25 only, distinct turns", distinct_turns(bm25))
        add(variants, "candidates=40, RRF k=60, distinct turns", distinct_turns(fused_ranking(dense[:40], bm25[:40], 60)))
        add(variants, "candidates=100, RRF k=60, distinct turns", distinct_turns(fused_ranking(dense, bm25, 60)))
    return main, variants, asked, resolved


def engine_rows(add, store: Store, q: dict, registry: list, turn_of: dict) -> None:
    """The query as the chat engine retrieves it: its topic (names and question words removed by
    chat.question), filtered to the speakers chat.question resolves."""
    understood = understand(q["query"], registry)
    topic = understood.topic or q["query"]
    emb = store.embedder.embed_query(topic)
    meeting = Filters(transcripts=(q["transcript"],))
    add("dense only, on the topic", [(cid, turn_of[cid]) for cid in dense_scores(store, emb, meeting, 100)])
    add("BM25 only, on the topic", [(cid, turn_of[cid]) for cid in bm25_scores(store, topic, meeting, 100)])
    add("hybrid, on the topic", hybrid_ranking(store, topic, emb, meeting, 10))
    who = Filters(transcripts=(q["transcript"],), speakers=tuple(understood.speakers)) if understood.speakers else meeting
    add("hybrid, on the topic + the speakers chat.question resolves (the engine's retrieval)", hybrid_ranking(store, topic, emb, who, 10))


def check_fusion(main: dict, variants: dict) -> int:
    """How many queries' top 10 differ between HybridRetriever and the bench's re-implementation (expect 0)."""
    ours, theirs = variants["candidates=40, RRF k=60"], main[HYBRID]
    return sum([t for _, t in a[1][:10]] != [t for _, t in b[1]] for a, b in zip(ours, theirs))


def subset(rows: dict, keep: list[bool]) -> dict:
    return {name: [r for r, k in zip(rs, keep) if k] for name, rs in rows.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="store folder to reuse instead of a temporary one")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="podium-qmsum-", dir="/tmp"))
    try:
        store = Store(Settings(store=folder))
        t0 = time.perf_counter()
        queries = load_queries(store)
        print(f"store ready in {time.perf_counter() - t0:.0f}s: {store.collection.count()} chunks, "
              f"{len(queries)} queries, RRF_K={retriever_module.RRF_K}\n")
        main_rows, variants, topic, resolved = evaluate(store, queries)
        main_rows = {k.format(n=sum(bool(w) for _, w in resolved)): v for k, v in main_rows.items()}
        print(table(main_rows, queries), "\n")
        dense, bm25 = main_rows["dense only"], main_rows["BM25 only"]
        print("Paired, per query (mean difference [95% bootstrap interval], queries won/lost):\n")
        for name, rows in [(HYBRID, main_rows[HYBRID])] + list(variants.items()):
            if "only" not in name:
                print(f"- {name}: vs BM25 {paired(rows, bm25)}; vs dense {paired(rows, dense)}")
        print("\nFusion variants (bench-side re-implementation of the retriever's RRF, meeting filter only):\n")
        print(table(variants, queries), "\n")
        print(f"re-implementation differs from HybridRetriever on {check_fusion(main_rows, variants)} queries\n")
        print("The queries as the chat engine asks them (its topic; its speaker filter in the last row):\n")
        print(table(topic, queries), "\n")
        for name in ("hybrid, on the topic", "hybrid, on the topic + the speakers chat.question resolves (the engine's retrieval)"):
            print(f"- {name}: vs BM25 on the topic {paired(topic[name], topic['BM25 only, on the topic'])}; "
                  f"vs dense on the topic {paired(topic[name], topic['dense only, on the topic'])}; vs BM25 on the query {paired(topic[name], bm25)}")
        print()
        keep = [bool(w) for _, w in resolved]
        picked = [q for q, k in zip(queries, keep) if k]
        print(f"Only the {len(picked)} queries whose speaker resolved:\n")
        print(table(subset(main_rows, keep), picked), "\n")
        print("Speaker resolution (query -> speakers):")
        for query, who in resolved:
            if who:
                print(f"- {query[:90]!r} -> {list(who)}")
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
