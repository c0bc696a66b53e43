"""The speaker registry at archive scale: what the chat layer reads for every question.

    /work/main/.venv/bin/python bench/registry_bench.py [--rounds 20]

Parses the three archive folders (whitehouse_2023, whitehouse_press_conferences, fomc_pdf), commits each
transcript's catalog record into an empty Chroma store (no chunks: the registry reads none), then times:
  catalog read     Catalog.speakers(): every committed transcript's speakers, from Chroma (a cold read,
                   what a process pays after another one commits);
  old layout       the same read where speakers sat in the record's document beside the transcript's
                   whole text (the layout before the split), for comparison;
  store, warm      Store.speakers() with the committed state unchanged (the per-question path);
  merged registry  Store.speakers() plus one merge of all entries by name (what the engine builds).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

CORPUS = Path(os.environ.get("PODIUM_SHARED", "/work/shared")) / "corpus"
FOLDERS = ["whitehouse_2023", "whitehouse_press_conferences", "fomc_pdf"]


def _ms(fn, rounds: int) -> tuple[float, float]:
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), max(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    from index.catalog import speaker_registry
    from index.settings import Settings
    from index.store import Store
    from ingest import Transcript, parse_files

    files = sorted(p for f in FOLDERS for p in (CORPUS / f).iterdir())
    transcripts = {t.id: t for _, t in parse_files(files) if isinstance(t, Transcript)}
    with tempfile.TemporaryDirectory(prefix="podium-registry-") as work:
        store = Store(Settings(store=Path(work), refresh_seconds=3600))
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        client = chromadb.PersistentClient(path=f"{work}/old", settings=ChromaSettings(anonymized_telemetry=False))
        old = client.get_or_create_collection("old-layout", embedding_function=None)
        for t in transcripts.values():
            chunk_ids = [f"{t.id}:{turn.index}:0@{'0' * 12}" for turn in t.turns]  # one chunk per turn
            store.catalog.commit(t, chunk_ids)
            document = {"chunks": chunk_ids, "speakers": [s.model_dump() for s in speaker_registry(t)],
                        "transcript": t.model_dump(exclude={"warnings"})}  # fmt: skip
            old.upsert(ids=[t.id], embeddings=[[1.0]], documents=[json.dumps(document)])

        def old_read():
            got = old.get(include=["documents"])
            return {i: json.loads(d)["speakers"] for i, d in zip(got["ids"], got["documents"])}

        def merged():
            names: dict[str, list] = {}
            for entries in store.speakers().values():
                for entry in entries:
                    names.setdefault(entry.name, []).append(entry)
            return names

        entries = sum(len(v) for v in store.catalog.speakers().values())
        people = len(merged())
        rows = [
            ("catalog read (Catalog.speakers)", _ms(store.catalog.speakers, args.rounds)),
            ("old layout (speakers in the record beside the whole transcript)", _ms(old_read, args.rounds)),
            ("store, warm (Store.speakers)", _ms(store.speakers, args.rounds)),
            ("merged registry (Store.speakers + merge by name)", _ms(merged, args.rounds)),
        ]
    print(f"{len(transcripts)} transcripts, {entries} speaker entries, {people} distinct speakers")
    print("| read | p50 ms | max ms |\n|---|---|---|")
    for name, (p50, worst) in rows:
        print(f"| {name} | {p50:.1f} | {worst:.1f} |")
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
