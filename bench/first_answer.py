"""The first answer after `podium serve` says ready, against a store of your own (the archive size is the target).

    .venv/bin/python bench/first_answer.py STORE [--rounds 2]

Each round starts `podium serve --store STORE` on a free loopback port, times start to the "ready" line
(the warm-up is in it), then POST /api/ask: the first question, then the others once each; then stops
the server. Beside it, for comparison, a fresh process that opens the engine and asks the first
question cold (what the first question cost before the warm-up). Build an archive store once with

    .venv/bin/podium ingest --store STORE ../shared/corpus/whitehouse_2023 \\
        ../shared/corpus/whitehouse_press_conferences ../shared/corpus/fomc_pdf
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = [
    "What did Karine Jean-Pierre say about inflation?",  # the first one after ready
    "What did Chair Powell say about the labor market?",
    "Who asked about the debt ceiling?",
    "What did John Kirby say about Ukraine?",
    "What did President Biden say about China at the G7?",
]
COLD = """
import sys, time
from pathlib import Path
t = time.perf_counter()
from app.wiring import open_engine
engine = open_engine(Path(sys.argv[1]))
opened = time.perf_counter()
engine.ask(sys.argv[2])
print(f"{opened - t:.2f} {time.perf_counter() - opened:.2f}")
"""


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1", "HF_HUB_OFFLINE": "1",
            "TRANSFORMERS_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False", "ANONYMIZED_TELEMETRY": "False"}  # fmt: skip


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def served_round(store: Path) -> dict:
    port = free_port()
    command = [sys.executable, "-m", "app.cli", "serve", "--port", str(port), "--store", str(store)]
    started = time.perf_counter()
    server = subprocess.Popen(command, env=env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        lines = []
        while not lines or not lines[-1].startswith("Podium is ready"):
            line = server.stdout.readline()
            if not line and server.poll() is not None:
                raise SystemExit("the server stopped:\n" + "".join(lines))
            lines.append(line)
        ready = time.perf_counter() - started
        seconds = []
        for question in QUESTIONS:
            t0 = time.perf_counter()
            response = httpx.post(f"http://127.0.0.1:{port}/api/ask", json={"question": question}, timeout=300)
            seconds.append(time.perf_counter() - t0)
            response.raise_for_status()
        warmed = next((line.strip() for line in lines if line.startswith("Warmed up")), "")
        return {"ready": ready, "first": seconds[0], "rest": seconds[1:], "warmed": warmed}
    finally:
        server.terminate()
        server.wait(60)


def cold_round(store: Path) -> tuple[float, float]:
    out = subprocess.run([sys.executable, "-c", COLD, str(store), QUESTIONS[0]], env=env(), capture_output=True, text=True, check=True)
    opened, first = out.stdout.split()
    return float(opened), float(first)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    if not (args.store / "chroma").is_dir():
        raise SystemExit(f"{args.store}: no store there (see this script's docstring to build one)")
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for n in range(args.rounds):
        r = served_round(args.store)
        rest = statistics.median(r["rest"])
        print(f"served {n + 1}: start to ready {r['ready']:.1f} s; first answer after ready {r['first']:.2f} s; "
              f"the next {len(r['rest'])} p50 {rest:.2f} s ({r['warmed']})")  # fmt: skip
        opened, first = cold_round(args.store)
        print(f"cold  {n + 1}: open_engine {opened:.1f} s, then the first question with nothing warm {first:.2f} s")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
