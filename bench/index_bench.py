"""Index benchmarks: ingest throughput against raw encode, query latency, memory and disk at N chunks, naive baseline.

    .venv/bin/python bench/index_bench.py [--sizes 1000 10000 100000] [--profile] [--skip-naive]

Each phase runs in its own process (so ru_maxrss is that phase's peak) and prints one RESULT line of JSON;
the parent prints Markdown tables. Stores live in a temporary folder under /tmp, removed at the end.
  ingest  Store.ingest_stream over ingest.parse_files (what `podium ingest` runs) on the real corpus files into an empty store, bracketed by two SentenceTransformer.encode
          passes over the very same chunk texts (batch size 32); the vectors are kept as the seed.
  build N copies of the corpus transcripts under new ids, same vectors, until >= N chunks (no re-embedding).
  query N a fresh process opens the store: first query (BM25 rebuilt from Chroma), then warm latencies.
  reopen N another fresh process: first query with the BM25 cache on disk.
  naive   VectorStoreIndex.from_documents on the raw file text, default splitter, same model, in memory.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pickle
import pstats
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CORPUS = Path(os.environ.get("PODIUM_SHARED", "/work/shared")) / "corpus"
BATCH = 5000  # Chroma's maximum batch is 5,461
PRESS_QUERIES = [
    "What did the Chair say about inflation expectations?", "75 basis point rate hike", "labor market tightness",
    "Will the Fed cause a recession?", "soft landing", "supply chain problems and energy prices",
    "What did the President say about testing for the coronavirus?", "ventilators and masks for hospitals",
    "social distancing guidelines for fifteen days", "Did Dr. Fauci recommend closing restaurants?",
    "COVID vaccine misinformation on Facebook", "infrastructure bill negotiations in the Senate",
    "eviction moratorium", "Israel Gaza humanitarian pause and hostages", "aid to Ukraine supplemental funding",
    "meeting with Wang Yi on military-to-military communication", "fentanyl precursors cooperation with China",
    "Taiwan", "Kirby on the Middle East escalation after the strike in Beirut", "What was said about Venezuela's election?",
    "revitalize Heilongjiang talent", "ice and snow tourism in Harbin", "grain production and black soil protection",
    "How will the province attract young people?", "state-owned enterprise reform", "Russia sanctions",
    "gas prices", "What did the press secretary say about the border?", "delta variant cases rising",
    "What did the moderator say at the end?",
]


def corpus_files() -> list[Path]:
    files = _all_files()
    return files[: int(os.environ["PODIUM_BENCH_FILES"])] if os.environ.get("PODIUM_BENCH_FILES") else files


def _all_files() -> list[Path]:
    wh = sorted((CORPUS / "whitehouse_md").glob("*.md")) + sorted((CORPUS / "whitehouse_html").glob("*.html"))
    fomc = [CORPUS / "fomc_pdf/FOMCpresconf20220615.pdf", CORPUS / "fomc_csv_sentences/FOMCpresconf20220615.csv"]
    return [ROOT / "data/demo/scio-heilongjiang-2024-04-26.txt", *wh, *fomc, *sorted(CORPUS.glob("qmsum/*/*.json"))]


def bench_queries(n: int = 100) -> list[str]:
    qmsum = [q["query"] for p in sorted(CORPUS.glob("qmsum/*/*.json")) for q in json.loads(p.read_text())["specific_query_list"]]
    random.Random(0).shuffle(qmsum)
    return (PRESS_QUERIES + qmsum)[:n]


def maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def du_mb(path: Path) -> float:
    out = subprocess.run(["du", "-s", "-B1", str(path)], capture_output=True, text=True, check=True).stdout
    return int(out.split()[0]) / 2**20


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def timed(fn, *args, **kwargs):
    t0 = time.perf_counter()
    out = fn(*args, **kwargs)
    return out, time.perf_counter() - t0


def open_store(folder: Path):
    from index.settings import Settings
    from index.store import Store

    return Store(Settings(store=folder))


# -- phase: ingest throughput ------------------------------------------------------------------------

def phase_ingest(work: Path, profile: bool, n_queries: int) -> dict:
    from index.chunks import chunk_transcript
    from ingest import parse_file, parse_files

    transcripts, parse_s = timed(lambda: [parse_file(p) for p in corpus_files()])
    store = open_store(work / "ingest-store")
    emb = store.embedder
    emb.embed_texts(["warm up the model"] * 32)  # load once, outside every timing
    st = emb.model._model
    nodes, chunk_s = timed(lambda: [n for t in transcripts for n in chunk_transcript(t, emb.token_ends, emb.max_tokens - 2, emb.name)])
    texts = [n.text for n in nodes]
    _, encode_before = timed(st.encode, texts, batch_size=32)
    spent = {"embed": 0.0, "vectors.add": 0.0}
    _wrap(emb, "embed_texts", spent, "embed")
    _wrap(store.vectors, "add", spent, "vectors.add")
    results, pipeline_s = timed(lambda: [r for _, r in store.ingest_stream(parse_files(corpus_files()))])  # as `podium ingest` does
    _, encode_after = timed(st.encode, texts, batch_size=32)
    chunks = sum(r.chunks for r in results)
    assert chunks == len(texts) == store.collection.count(), (chunks, len(texts))
    per_transcript_encode = _per_transcript_encode(st, nodes)
    queries = measure_queries(store, bench_queries(n_queries), {"nofilter": ({}, None)})
    _save_seed(store, transcripts, work / "seed.pkl")
    encode_s = (encode_before + encode_after) / 2
    out = {
        "transcripts": len(transcripts), "chunks": chunks, "parse_s": parse_s, "chunk_s": chunk_s,
        "encode_before_s": encode_before, "encode_after_s": encode_after, "pipeline_s": pipeline_s,
        "ratio": pipeline_s / encode_s, "pipeline_embed_s": spent["embed"], "vectors_add_s": spent["vectors.add"],
        "encode_per_transcript": per_transcript_encode,
        "maxrss_mb": maxrss_mb(), "du_mb": du_mb(work / "ingest-store"), "query": queries,
    }
    if profile:
        out["profile"] = _profile_ingest(work, transcripts)
    return out


def _wrap(obj, name: str, spent: dict, key: str) -> None:
    inner = getattr(obj, name)

    def timed_call(*args, **kwargs):
        t0 = time.perf_counter()
        try:
            return inner(*args, **kwargs)
        finally:
            spent[key] += time.perf_counter() - t0

    # pydantic models refuse plain setattr of unknown fields; classes need setattr
    (setattr if isinstance(obj, type) else object.__setattr__)(obj, name, timed_call)


def _per_transcript_encode(st, nodes) -> dict:
    """encode() per transcript: 32 texts per call in document order (what the pipeline does, through
    HuggingFaceEmbedding), and all of a transcript's texts in one call (sentence-transformers sorts them by length)."""
    by_tid: dict[str, list[str]] = {}
    for n in nodes:
        by_tid.setdefault(n.metadata["transcript_id"], []).append(n.text)
    t0 = time.perf_counter()
    for texts in by_tid.values():
        for i in range(0, len(texts), 32):
            st.encode(texts[i : i + 32], batch_size=32, normalize_embeddings=True)
    t1 = time.perf_counter()
    for texts in by_tid.values():
        st.encode(texts, batch_size=32, normalize_embeddings=True)
    return {"in_order_s": t1 - t0, "sorted_s": time.perf_counter() - t1}


def _save_seed(store, transcripts, path: Path) -> None:
    """Each real transcript with its chunk vectors in chunk order: the material every larger store copies."""
    import numpy as np

    ids = store.catalog.chunk_ids()
    seed = []
    for t in transcripts:
        got = store.collection.get(ids=ids[t.id], include=["embeddings"])
        by_id = dict(zip(got["ids"], got["embeddings"]))
        seed.append((t.model_dump_json(), np.array([by_id[i] for i in ids[t.id]], dtype=np.float32)))
    path.write_bytes(pickle.dumps(seed))


def _profile_ingest(work: Path, transcripts) -> str:
    store = open_store(work / "profile-store")
    store.embedder.embed_texts(["warm up"] * 32)
    prof = cProfile.Profile()
    prof.enable()
    for t in transcripts:
        store.ingest(t)
    prof.disable()
    path = work / "ingest.prof"
    prof.dump_stats(path)
    import io

    buf = io.StringIO()
    pstats.Stats(str(path), stream=buf).sort_stats("cumulative").print_stats(35)
    shutil.rmtree(work / "profile-store", ignore_errors=True)
    return buf.getvalue()


# -- phase: build a store of N chunks by copying vectors --------------------------------------------

def phase_build(work: Path, n: int) -> dict:
    from index.chunks import chunk_transcript
    from ingest import Transcript

    seed = [(Transcript.model_validate_json(t), vecs) for t, vecs in pickle.loads((work / "seed.pkl").read_bytes())]
    store = open_store(work / f"store-{n}")
    emb = store.embedder
    t0 = time.perf_counter()
    pending, commits, total, replica = [], [], 0, 0
    while total < n:
        for base, vecs in seed:
            copy = base if replica == 0 else base.model_copy(update={"id": f"{base.id}~r{replica}", "title": f"{base.title} (copy {replica})"})
            nodes = chunk_transcript(copy, emb.token_ends, emb.max_tokens - 2, emb.name)
            assert len(nodes) == len(vecs)
            for node, vec in zip(nodes, vecs):
                node.embedding = vec.tolist()
            pending += nodes
            commits.append((copy, [x.node_id for x in nodes]))
            total += len(nodes)
            if len(pending) >= BATCH or total >= n:
                _flush(store, pending, commits)
                pending, commits = [], []
            if total >= n:
                break
        replica += 1
    return {"n": n, "chunks": store.collection.count(), "transcripts": len(store.transcripts()),
            "build_s": time.perf_counter() - t0, "maxrss_mb": maxrss_mb(), "du_mb": du_mb(work / f"store-{n}")}


def _flush(store, nodes, commits) -> None:
    for start in range(0, len(nodes), BATCH):
        store.vectors.add(nodes[start : start + BATCH])  # what Store.ingest writes: ChromaVectorStore.add of embedded nodes
    store.catalog.stage([transcript for transcript, _ in commits])  # speakers and bodies, as in Store.ingest
    for transcript, ids in commits:
        store.catalog.commit(transcript, ids)  # the commit point, as in Store.ingest


# -- phase: query latency -------------------------------------------------------------------------

def phase_query(work: Path, n: int, n_queries: int, first_only: bool) -> dict:
    import numpy as np

    from index.filters import Filters
    from index.retriever import HybridRetriever

    from index.keyword import KeywordIndex

    store, open_s = timed(open_store, work / f"store-{n}")
    _, model_s = timed(store.embedder.embed_query, "load the model")
    spent = dict.fromkeys(["catalog", "chroma_get_texts", "bm25_build", "bm25_save", "bm25_load"], 0.0)
    for obj, name, key in ((store.catalog, "fingerprint", "catalog"), (store.catalog, "chunk_ids", "catalog"),
                           (store, "_committed_chunks", "chroma_get_texts"), (KeywordIndex, "build", "bm25_build"),
                           (KeywordIndex, "save", "bm25_save"), (KeywordIndex, "load", "bm25_load")):
        _wrap(obj, name, spent, key)
    _, first_s = timed(HybridRetriever(store, top_k=10).retrieve, "What did the Chair say about inflation?")
    out = {"n": n, "open_s": open_s, "model_load_s": model_s, "first_query_s": first_s, "first_breakdown": spent}
    if first_only:
        return out | {"maxrss_mb": maxrss_mb()}
    out["fingerprint_ms"] = _latencies(lambda _: store.catalog.fingerprint(), range(10))
    names, counts = np.unique(store.view().keyword.columns["speaker"], return_counts=True)
    configs = {"nofilter": ({}, None), "nofilter_c100": ({"candidates": 100}, None)}
    for label, speaker, share in _speaker_classes(names, counts):
        configs[f"speaker_{label}"] = ({"filters": Filters(speakers=(speaker,))}, {"speaker": speaker, "share": share})
    out |= measure_queries(store, bench_queries(n_queries), configs)
    return out | {"maxrss_mb": maxrss_mb(), "du_mb": du_mb(work / f"store-{n}"), "chunks": int(counts.sum())}


def measure_queries(store, queries: list[str], configs: dict) -> dict:
    """Per config: retrieve(text) end to end, and retrieve(QueryBundle with the vector) = the index part alone."""
    from llama_index.core.schema import QueryBundle

    from index.retriever import HybridRetriever

    out = {"embed_ms": _latencies(store.embedder.embed_query, queries)}
    bundles = [QueryBundle(query_str=q, embedding=store.embedder.embed_query(q)) for q in queries]
    for name, (kwargs, info) in configs.items():
        retriever = HybridRetriever(store, top_k=10, **kwargs)
        for q in queries[:5]:
            retriever.retrieve(q)  # warm
        mask = retriever.filters.mask(store.view().keyword.columns)
        out[name] = {"full": _latencies(retriever.retrieve, queries), "index": _latencies(retriever.retrieve, bundles),
                     "dense": _latencies(lambda b: retriever._dense(b, store.view(), mask), bundles),
                     "bm25": _latencies(lambda b: store.view().keyword.search(b.query_str, retriever.candidates, mask), bundles),
                     "mask": _latencies(lambda _: retriever.filters.mask(store.view().keyword.columns), bundles)} | (info or {})
    return out


def _latencies(fn, queries) -> dict:
    ms = []
    for q in queries:
        t0 = time.perf_counter()
        fn(q)
        ms.append((time.perf_counter() - t0) * 1000)
    return {"p50": pct(ms, 50), "p95": pct(ms, 95), "max": max(ms), "n": len(ms)}


def _speaker_classes(names, counts):
    """The most frequent speaker, the one nearest 1% of chunks and the one nearest 0.1%."""
    total = counts.sum()
    share = counts / total
    picks = [("top", int(share.argmax()))]
    for label, target in (("1pct", 0.01), ("0.1pct", 0.001)):
        picks.append((label, int(abs(share - target).argmin())))
    return [(label, str(names[i]), float(share[i])) for label, i in picks]


# -- phase: naive llama-index pipeline -------------------------------------------------------------

def raw_text(path: Path) -> str:
    if path.suffix == ".pdf":
        from pypdf import PdfReader

        return "\n".join(page.extract_text() for page in PdfReader(path).pages)
    if path.suffix == ".json":  # the QMSum file also holds the gold queries and answers: keep the meeting only
        return "\n".join(f"{t['speaker']}: {t['content']}" for t in json.loads(path.read_text())["meeting_transcripts"])
    return path.read_text(errors="replace")


def phase_naive(work: Path, n_queries: int) -> dict:
    from llama_index.core import Document, VectorStoreIndex
    from llama_index.core import Settings as LlamaSettings

    from index.embedder import Embedder

    embedder = Embedder()
    embedder.embed_texts(["warm up"] * 32)
    LlamaSettings.embed_model = embedder.model
    LlamaSettings.llm = None
    docs = [Document(text=raw_text(p), metadata={"file": p.name}) for p in corpus_files()]
    index, ingest_s = timed(VectorStoreIndex.from_documents, docs)
    retriever = index.as_retriever(similarity_top_k=10)
    queries = bench_queries(n_queries)
    for q in queries[:5]:
        retriever.retrieve(q)
    from llama_index.core.schema import QueryBundle

    bundles = [QueryBundle(query_str=q, embedding=embedder.embed_query(q)) for q in queries]
    return {"chunks": len(index.docstore.docs), "ingest_s": ingest_s, "full": _latencies(retriever.retrieve, queries),
            "index": _latencies(retriever.retrieve, bundles), "maxrss_mb": maxrss_mb()}


# -- the parent: run phases, print tables ----------------------------------------------------------------

def run_phase(*args: str) -> dict:
    cmd = [sys.executable, __file__, *args]
    print(f"[{time.strftime('%H:%M:%S')}] {' '.join(args)}  (load {os.getloadavg()[0]:.2f})", file=sys.stderr, flush=True)
    proc = subprocess.run(cmd, capture_output=True, text=True)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("RESULT ")]
    if proc.returncode or not lines:
        sys.exit(f"phase {args} failed:\n{proc.stderr[-3000:]}")
    return json.loads(lines[-1][7:]) | {"load_after": os.getloadavg()[0]}


def _fmt(d: dict) -> str:
    return f"{d['full']['p50']:.0f} / {d['full']['p95']:.0f} ({d['index']['p50']:.1f} / {d['index']['p95']:.1f})"


def report(ing: dict, sizes: list[dict], naive: dict | None) -> str:
    enc = (ing["encode_before_s"] + ing["encode_after_s"]) / 2
    classes = ("speaker_top", "speaker_1pct", "speaker_0.1pct")
    out = [
        "### Ingest throughput", "",
        "| transcripts | chunks | encode s (before / after) | encode chunks/s | Store.ingest_stream s (parse included) | ingest chunks/s | ratio | embed inside ingest s | vectors.add s | encode per transcript: 32 per call in order / one call sorted s | parse s | chunking s | peak RSS MB | store MB |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
        f"| {ing['transcripts']} | {ing['chunks']} | {ing['encode_before_s']:.1f} / {ing['encode_after_s']:.1f} | {ing['chunks'] / enc:.1f} | "
        f"{ing['pipeline_s']:.1f} | {ing['chunks'] / ing['pipeline_s']:.1f} | **{ing['ratio']:.2f}×** | {ing['pipeline_embed_s']:.1f} | "
        f"{ing['vectors_add_s']:.1f} | {ing['encode_per_transcript']['in_order_s']:.1f} / {ing['encode_per_transcript']['sorted_s']:.1f} | {ing['parse_s']:.1f} | {ing['chunk_s']:.1f} | {ing['maxrss_mb']:.0f} | {ing['du_mb']:.1f} |",
        "", "### Query latency: HybridRetriever.retrieve, top_k=10, warm, ms",
        "", "Each cell: retrieve(text) p50 / p95, then in brackets retrieve(QueryBundle with the vector) p50 / p95 = the index part alone.", "",
        "| chunks | transcripts | build s | first query, BM25 rebuilt s | first query, BM25 cached s | embed_query p50 / p95 | no filter | no filter, candidates=100 | speaker: most frequent | speaker: ~1% | speaker: ~0.1% |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for s in sizes:
        b, q, r = s["build"], s["query"], s["reopen"]
        out.append(f"| {b['chunks']} | {b['transcripts']} | {b['build_s']:.1f} | {q['first_query_s']:.2f} | {r['first_query_s']:.2f} | "
                   f"{q['embed_ms']['p50']:.1f} / {q['embed_ms']['p95']:.1f} | " + " | ".join(_fmt(q[c]) for c in ("nofilter", "nofilter_c100", *classes)) + " |")
    out += ["", "Index part broken down, p50 ms: dense = Retriever._dense (Chroma HNSW unfiltered; the exact index over the rows the filter keeps), "
            "BM25 = KeywordIndex.search with the filter, mask = Filters.mask alone (once per retrieve, outside both); and the first query's time by step, s.", "",
            "| chunks | config | dense | BM25 | mask | first query: catalog / Chroma get texts / BM25 build / save / load s | catalog.fingerprint p50 ms |",
            "|---|---|---|---|---|---|---|"]
    for s in sizes:
        q, r = s["query"], s["reopen"]
        steps = lambda d: " / ".join(f"{d[k]:.2f}" for k in ("catalog", "chroma_get_texts", "bm25_build", "bm25_save", "bm25_load"))  # noqa: E731
        for c in ("nofilter", "nofilter_c100", *classes):
            first = f"rebuilt: {steps(q['first_breakdown'])}; cached: {steps(r['first_breakdown'])}" if c == "nofilter" else ""
            fp = f"{q['fingerprint_ms']['p50']:.1f}" if c == "nofilter" else ""
            out.append(f"| {s['build']['chunks']} | {c} | {q[c]['dense']['p50']:.1f} | {q[c]['bm25']['p50']:.1f} | {q[c]['mask']['p50']:.1f} | {first} | {fp} |")
    out += ["", "Speaker filters (share of chunks): " + "; ".join(
        f"{s['build']['chunks']}: " + ", ".join(f"{s['query'][c]['speaker']} {100 * s['query'][c]['share']:.2f}%" for c in classes) for s in sizes),
        "", "### Memory and disk", "",
        "| chunks | peak RSS build MB | peak RSS open+query MB | peak RSS reopen+1 query MB | store MB after build | store MB with BM25 cache |",
        "|---|---|---|---|---|---|"]
    for s in sizes:
        b, q, r = s["build"], s["query"], s["reopen"]
        out.append(f"| {b['chunks']} | {b['maxrss_mb']:.0f} | {q['maxrss_mb']:.0f} | {r['maxrss_mb']:.0f} | {b['du_mb']:.1f} | {q['du_mb']:.1f} |")
    if naive:
        out += ["", "### Naive llama-index pipeline against Podium, same corpus, same model", "",
                "| pipeline | chunks | ingest s | query ms p50 / p95 (index part alone) | peak RSS MB |", "|---|---|---|---|---|",
                f"| VectorStoreIndex.from_documents, default splitter, in memory | {naive['chunks']} | {naive['ingest_s']:.1f} | {_fmt(naive)} | {naive['maxrss_mb']:.0f} |",
                f"| Store.ingest_stream + HybridRetriever (Chroma + BM25) | {ing['chunks']} | {ing['pipeline_s']:.1f} | {_fmt(ing['query']['nofilter'])} | {ing['maxrss_mb']:.0f} |"]
    return "\n".join(out)


def parent(args) -> None:
    work = Path(tempfile.mkdtemp(prefix="podium-bench-", dir="/tmp"))
    try:
        ing = run_phase("--phase", "ingest", "--work", str(work), "--queries", str(args.queries), *(["--profile"] if args.profile else []))
        shutil.rmtree(work / "ingest-store", ignore_errors=True)
        sizes = []
        for n in args.sizes:
            build = run_phase("--phase", "build", "--work", str(work), "--n", str(n))
            query = run_phase("--phase", "query", "--work", str(work), "--n", str(n), "--queries", str(args.queries))
            reopen = run_phase("--phase", "reopen", "--work", str(work), "--n", str(n))
            sizes.append({"build": build, "query": query, "reopen": reopen})
            shutil.rmtree(work / f"store-{n}", ignore_errors=True)
        naive = None if args.skip_naive else run_phase("--phase", "naive", "--work", str(work), "--queries", str(args.queries))
        profile = ing.pop("profile", None)
        raw = {"ingest": ing, "sizes": sizes, "naive": naive}
        print("<!-- raw: " + json.dumps(raw, default=str) + " -->\n", flush=True)
        print(report(ing, sizes, naive))
        if profile:
            print("\n### cProfile of Store.ingest (cumulative)\n\n```\n" + profile + "\n```")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000, 100000])
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--profile", action="store_true", help="also cProfile a second Store.ingest pass")
    parser.add_argument("--skip-naive", action="store_true")
    parser.add_argument("--files", type=int, help="only the first N corpus files (a smoke test)")
    parser.add_argument("--phase", choices=["ingest", "build", "query", "reopen", "naive"], help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--n", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.files:
        os.environ["PODIUM_BENCH_FILES"] = str(args.files)  # inherited by the phase processes
    if args.phase is None:
        return parent(args)
    result = {
        "ingest": lambda: phase_ingest(args.work, args.profile, args.queries),
        "build": lambda: phase_build(args.work, args.n),
        "query": lambda: phase_query(args.work, args.n, args.queries, first_only=False),
        "reopen": lambda: phase_query(args.work, args.n, args.queries, first_only=True),
        "naive": lambda: phase_naive(args.work, args.queries),
    }[args.phase]()
    print("RESULT " + json.dumps(result, default=str), flush=True)


if __name__ == "__main__":
    main()
