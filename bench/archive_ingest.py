"""Archive-scale ingest: `podium ingest` of the three archive folders against raw encode of the same texts.

    /work/main/.venv/bin/python bench/archive_ingest.py [--folders DIR ...] [--keep STORE]

Phases, each in its own process so that a phase's peak RSS is its own:
  encode  parse every file (ingest.parse_files), chunk each transcript as the store does, then one
          SentenceTransformer.encode over all the chunk texts (batch size 32, normalised; the model is
          loaded and warmed outside the timing). Raw encode is the floor the ingest is measured against.
  ingest  the real command, `podium ingest FOLDER...` as a user types it, into an empty store (wall
          clock of the whole process, model loading included); then the store's transcript and chunk
          counts and its size on disk.
The encode phase runs before and after the ingest (the machine is shared: the two bracket the noise;
--once runs only the one after it, so that the ingest's figures come first). CPU seconds (user + system)
are reported beside the wall clock: on a shared machine they depend less on what else runs.
It prints one RESULT line of JSON per phase and a Markdown row for bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CORPUS = Path(os.environ.get("PODIUM_SHARED", "/work/shared")) / "corpus"
FOLDERS = [CORPUS / "whitehouse_2023", CORPUS / "whitehouse_press_conferences", CORPUS / "fomc_pdf"]
PODIUM = Path(sys.executable).with_name("podium")


EVERY = int(os.environ.get("PODIUM_BENCH_EVERY", "1"))  # every Nth file of the sorted list: a sample across the year


def _files(folders: list[Path]) -> list[Path]:
    files = sorted(p for folder in folders for p in folder.rglob("*") if p.is_file())
    return files[::EVERY]


def phase_encode(folders: list[Path]) -> dict:
    from index.chunks import chunk_transcript
    from index.embedder import Embedder
    from ingest import Transcript, parse_files

    emb = Embedder()
    emb.embed_texts(["warm up the model"] * 32)  # load once, outside the timing
    t0 = time.perf_counter()
    transcripts = [t for _, t in parse_files(_files(folders)) if isinstance(t, Transcript)]
    parse_s = time.perf_counter() - t0
    texts = [n.text for t in transcripts for n in chunk_transcript(t, emb.token_ends, emb.max_tokens - 2, emb.name)]
    chunk_s = time.perf_counter() - t0 - parse_s
    t1, cpu1 = time.perf_counter(), _cpu(resource.RUSAGE_SELF)
    emb.model._model.encode(texts, batch_size=32, normalize_embeddings=True, show_progress_bar=False)
    encode_s, encode_cpu = time.perf_counter() - t1, _cpu(resource.RUSAGE_SELF) - cpu1
    return {
        "files": len(_files(folders)), "transcripts": len(transcripts), "turns": sum(len(t.turns) for t in transcripts),
        "chunks": len(texts), "parse_s": parse_s, "chunk_s": chunk_s, "encode_s": encode_s, "encode_cpu_s": encode_cpu,
        "maxrss_mb": _maxrss_mb(),
    }  # fmt: skip


def phase_ingest(folders: list[Path], store: Path) -> dict:
    t0 = time.perf_counter()
    targets = folders if EVERY == 1 else _files(folders)  # the folders as a user types them, or the sample's files
    run = subprocess.run(
        [str(PODIUM), "ingest", *map(str, targets), "--store", str(store)], capture_output=True, text=True, cwd=ROOT
    )
    wall = time.perf_counter() - t0
    cpu = _cpu(resource.RUSAGE_CHILDREN)  # this phase's process runs only the one child
    child_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    if run.returncode:
        raise SystemExit(f"podium ingest failed ({run.returncode}):\n{run.stderr[-3000:]}")
    lines = run.stdout.splitlines()
    statuses: dict[str, int] = {}
    for line in lines:
        statuses[line.split(" ", 1)[0]] = statuses.get(line.split(" ", 1)[0], 0) + 1
    from index.settings import Settings
    from index.store import Store

    db = Store(Settings(store=store))
    return {
        "ingest_s": wall, "ingest_cpu_s": cpu, "statuses": statuses, "warnings": sum(1 for x in run.stderr.splitlines() if x.startswith("warning:")),
        "transcripts": len(db.transcripts()), "chunks": db.collection.count(), "maxrss_mb": child_rss,
        "store_mb": _du_mb(store),
    }  # fmt: skip


def _cpu(who: int) -> float:
    """User plus system CPU seconds: on a shared machine, less swayed by the others than the wall clock."""
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _du_mb(path: Path) -> float:
    out = subprocess.run(["du", "-s", "-B1", str(path)], capture_output=True, text=True, check=True).stdout
    return int(out.split()[0]) / 2**20


def _child(phase: str, *args: str) -> dict:
    run = subprocess.run([sys.executable, __file__, "--phase", phase, *args], capture_output=True, text=True)
    if run.returncode:
        raise SystemExit(f"phase {phase} failed:\n{run.stderr[-3000:]}")
    line = next(x for x in run.stdout.splitlines() if x.startswith("RESULT "))
    print(line, flush=True)
    return json.loads(line[7:])


def main() -> None:
    global EVERY
    parser = argparse.ArgumentParser()
    parser.add_argument("--folders", nargs="+", type=Path, default=FOLDERS)
    parser.add_argument("--phase", choices=["encode", "ingest"])
    parser.add_argument("--store", type=Path)
    parser.add_argument("--keep", type=Path, help="leave the ingested store here")
    parser.add_argument("--once", action="store_true", help="one raw encode, before the ingest (half the time)")
    parser.add_argument("--every", type=int, default=EVERY, help="every Nth file only (a sample, when the whole won't finish)")
    args = parser.parse_args()
    os.environ["PODIUM_BENCH_EVERY"] = str(args.every)  # the phases' processes read it
    EVERY = args.every
    if args.phase == "encode":
        print("RESULT " + json.dumps(phase_encode(args.folders)))
        return
    if args.phase == "ingest":
        print("RESULT " + json.dumps(phase_ingest(args.folders, args.store)))
        return
    folders = [str(f) for f in args.folders]
    load = [os.getloadavg()]
    work = Path(tempfile.mkdtemp(prefix="podium-archive-"))
    store = args.keep or work / "store"
    try:
        before = None if args.once else _child("encode", "--folders", *folders)
        load.append(os.getloadavg())
        ing = _child("ingest", "--folders", *folders, "--store", str(store))
        load.append(os.getloadavg())
        after = _child("encode", "--folders", *folders)
        load.append(os.getloadavg())
    finally:
        shutil.rmtree(work, ignore_errors=True)
    before = before or after
    encode = (before["encode_s"] + after["encode_s"]) / 2
    encode_cpu = (before["encode_cpu_s"] + after["encode_cpu_s"]) / 2
    loads = " / ".join(f"{x[0]:.1f}" for x in load)
    print(
        "| date | files | transcripts stored | turns | chunks | raw encode s (before / after) | `podium ingest` s | ratio "
        "| CPU s: encode / ingest | CPU ratio | statuses | peak RSS MB (ingest / encode) | store MB | load avg (1 min, at each phase) |"
        "\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
    )
    print(
        f"| {date.today()} | {before['files']} | {ing['transcripts']} | {before['turns']} | {ing['chunks']} "
        f"| {before['encode_s']:.0f} / {after['encode_s']:.0f} | {ing['ingest_s']:.0f} | {ing['ingest_s'] / encode:.2f}× "
        f"| {encode_cpu:.0f} / {ing['ingest_cpu_s']:.0f} | {ing['ingest_cpu_s'] / encode_cpu:.2f}× "
        f"| {', '.join(f'{k} {v}' for k, v in sorted(ing['statuses'].items()))} | {ing['maxrss_mb']:.0f} / {before['maxrss_mb']:.0f} "
        f"| {ing['store_mb']:.0f} | {loads} |"
    )


if __name__ == "__main__":
    main()
