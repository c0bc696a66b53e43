"""Where a cold `podium ask` and `podium check` spend their time: wall time, phases, imports by package.

    .venv/bin/python bench/cold_cli.py [--runs 3]

Against a temporary store holding the demo transcript: each command run `--runs` times in a fresh
process (wall time, and the bytes it printed on stderr); one run split into phases (imports, opening
the store, loading the model, the keyword/exact indexes, the answer); one run under `python -X
importtime`, summed by top-level package (self time, so nothing is counted twice).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data/demo/scio-heilongjiang-2024-04-26.txt"
COMMANDS = {
    "ask": ["ask", "What did Chen Shaobo say about talent?"],
    "check": ["check", "Chen Shaobo said talent is the key to revitalizing Heilongjiang."],
}
PHASES = """
import sys, time
t = time.perf_counter()
laps = []
def lap(name):
    global t
    now = time.perf_counter(); laps.append(f"{name} {now - t:.2f}"); t = now
import app.cli; lap("the CLI (typer, ingest)")
import chromadb, llama_index.core, llama_index.vector_stores.chroma; lap("chromadb and llama-index-core")
import torch; lap("torch")
import sentence_transformers, llama_index.embeddings.huggingface; lap("transformers and sentence-transformers")
import chat.engine, chat.check, app.render, app.wiring; lap("podium's chat and app modules")
from pathlib import Path
engine = app.wiring.open_engine(Path(sys.argv[1])); lap("opening the store (Chroma)")
engine.store.embedder.model; lap("loading the model")
engine.store.view(); engine.registry(); lap("keyword and exact indexes, speaker registry")
if sys.argv[2] == "ask":
    engine.ask(sys.argv[3])
else:
    chat.check.check_quote(engine, sys.argv[3])
lap("the answer")
print("; ".join(laps))
"""


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
            "GRADIO_ANALYTICS_ENABLED": "False", "ANONYMIZED_TELEMETRY": "False"}  # fmt: skip


def podium(*args: str, python: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    command = [sys.executable, *python, "-m", "app.cli", *args]
    return subprocess.run(command, env=env(), capture_output=True, text=True, check=True)


def imports_by_package(stderr: str) -> tuple[float, Counter]:
    by_package: Counter = Counter()
    for self_us, name in re.findall(r"^import time:\s+(\d+) \|\s+\d+ \| \s*(\S+)$", stderr, re.M):
        by_package[name.split(".")[0]] += int(self_us) / 1e6
    return sum(by_package.values()), by_package


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as tmp:
        store = str(Path(tmp) / "store")
        podium("ingest", "--store", store, str(SAMPLE))
        for name, argv in COMMANDS.items():
            walls, noise = [], []
            for _ in range(args.runs):
                t0 = time.perf_counter()
                done = podium(*argv, "--store", store)
                walls.append(time.perf_counter() - t0)
                noise.append(len(done.stderr))
            print(f"cold `podium {name}`: median {statistics.median(walls):.1f} s "
                  f"(runs {', '.join(f'{w:.1f}' for w in walls)}); stderr {max(noise)} bytes")  # fmt: skip
            phases = subprocess.run([sys.executable, "-c", PHASES, store, *argv], env=env(), capture_output=True, text=True, check=True)
            print(f"  phases (s): {phases.stdout.strip()}")
            total, packages = imports_by_package(podium(*argv, "--store", store, python=("-X", "importtime")).stderr)
            top = ", ".join(f"{p} {s:.1f}" for p, s in packages.most_common(10))
            print(f"  imports: {total:.1f} s in all; by package (self time, s): {top}")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
