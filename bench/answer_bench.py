"""End-to-end answer latency of the quote answerer (Engine.ask), and a cold `podium ask`.

    .venv/bin/python bench/answer_bench.py [--rounds 3]

1. The sample alone: each question asked once with cold sentence caches (model loaded), then
   `--rounds` more times warm; p50/p95 of each.
2. At 10k chunks: the sample and the corpus transcripts copied under new ids without re-embedding
   (bench/index_bench.py's seed and build phases), the same questions scoped to nothing.
3. A cold `podium ask` from a fresh process against the sample store, three times.
4. With --archive STORE (a store holding the three archive folders; bench/first_answer.py says how to
   build one): archive questions of every kind, first asking and warm, unscoped.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ["HF_HUB_OFFLINE"] = "1"
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

SAMPLE = ROOT / "data/demo/scio-heilongjiang-2024-04-26.txt"
QUESTIONS = [
    "What did Chen Shaobo say about talent?", "What did Governor Liang say about grain output?",
    "What did Vice Governor Yu say about forests?", "What did the executive vice governor say about robots?",
    "Who asked about talent?", "Who answered the question about the ecological environment?",
    "How many highly skilled talents does the province have?", "What did Xie Yingjun say about grain output?",
    "What is the GDP growth of Shanghai?", "What questions were asked?", "What did the Xinhua reporter ask?",
    "What did Liang Huiling say about new productive forces?", "How much crude oil has Daqing Oilfield produced?",
    "What did Yu Jian say about PM2.5?", "What did Liang Huiling say about the Asian Winter Games?",
    "What did the governor say about foreign trade?", "Which questions did Chen Shaobo answer?",
    "What did Chen Shaobo say about the Longjiang Huicai Card?", "What did the spokesperson say?",
    "What did Yu Jian say about talent?",
]

ARCHIVE_QUESTIONS = [
    "What did the press secretary say about the debt ceiling at the May 2 briefing?",
    "What did John Kirby say about the Chinese balloon?", "What did Jake Sullivan say about cluster munitions?",
    "What did Chair Powell say about inflation in June 2022?", "What did Yellen say about the liftoff in 2015?",
    "Who asked about the Title 42 expiration?", "What did Mayorkas say about migrants at the border?",
    "What did Karine Jean-Pierre say about student loans in June?", "How many people did FEMA have on the ground in Maui?",
    "What did the press secretary say at the first briefing of 2023?", "What did Olivia Dalton say about the strikes?",
    "What did Shalanda Young say about the budget?", "What did President Biden say about Mexico at the joint press conference?",
    "What did Zelenskyy say about Patriot missiles?", "What did Bernanke say about the press conferences?",
    "What did Kirby say about Wagner?", "What did the national security adviser say about Gaza in December?",
    "Every time Kirby mentioned Bradley fighting vehicles", "What did Powell say about the coronavirus in March 2020?",
    "What did the press secretary say about the Warriors?",
]


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def latencies(engine, questions: list[str]) -> list[float]:
    out = []
    for question in questions:
        t0 = time.perf_counter()
        engine.ask(question)
        out.append((time.perf_counter() - t0) * 1000)
    return out


def summary(label: str, ms: list[float]) -> str:
    return f"| {label} | {len(ms)} | {statistics.median(ms):.0f} | {pct(ms, 95):.0f} | {max(ms):.0f} |"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--archive", type=Path, help="a store holding the archive: measure it instead")
    args = parser.parse_args()
    if args.archive:
        archive(args.archive, args.rounds)
        return
    from chat.engine import Engine
    from index.settings import Settings
    from index.store import Store
    from ingest import parse_file
    import index_bench

    work = Path(tempfile.mkdtemp(prefix="podium-answer-bench-"))
    try:
        rows = []
        store = Store(Settings(store=work / "sample"))
        store.ingest(parse_file(SAMPLE))
        engine = Engine(store)
        engine.store.embedder.embed_query("load the model")
        rows.append(summary("sample, first asking (sentence caches cold)", latencies(engine, QUESTIONS)))
        rows.append(summary("sample, warm", latencies(engine, QUESTIONS * args.rounds)))

        seed_store = Store(Settings(store=work / "seed"), store.embedder)
        transcripts = [parse_file(p) for p in index_bench.corpus_files()]  # the sample among them
        for t in transcripts:
            seed_store.ingest(t)
        index_bench._save_seed(seed_store, transcripts, work / "seed.pkl")
        built = index_bench.phase_build(work, 10_000)
        big = Engine(Store(Settings(store=work / "store-10000"), store.embedder))
        big.ask("warm the keyword index")
        rows.append(summary(f"{built['chunks']} chunks, first asking", latencies(big, QUESTIONS)))
        rows.append(summary(f"{built['chunks']} chunks, warm", latencies(big, QUESTIONS * args.rounds)))

        cold = []
        env = {**os.environ, "PODIUM_STORE": str(work / "sample")}
        for _ in range(3):
            t0 = time.perf_counter()
            subprocess.run([str(ROOT / ".venv/bin/podium"), "ask", QUESTIONS[0]], env=env, check=True, capture_output=True)
            cold.append((time.perf_counter() - t0) * 1000)
        rows.append(summary("cold `podium ask` (new process: imports, model load, query)", cold))
        print("| run | questions | p50 ms | p95 ms | max ms |\n|---|---|---|---|---|")
        print("\n".join(rows))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def archive(folder: Path, rounds: int) -> None:
    """The archive questions on an existing store (as `podium serve` reads one: refresh every 2 s)."""
    from chat.engine import Engine
    from index.settings import Settings
    from index.store import Store

    store = Store(Settings(store=folder))
    engine = Engine(store)
    engine.ask("warm the model, the keyword and exact indexes and the registry")
    chunks = store.collection.count()
    rows = [
        summary(f"archive ({chunks} chunks), first asking", latencies(engine, ARCHIVE_QUESTIONS)),
        summary(f"archive ({chunks} chunks), warm", latencies(engine, ARCHIVE_QUESTIONS * rounds)),
    ]
    print("| run | questions | p50 ms | p95 ms | max ms |\n|---|---|---|---|---|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
