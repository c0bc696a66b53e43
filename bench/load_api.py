"""Load on the served app over loopback: mixed ask / check / upload from concurrent clients.

    .venv/bin/python bench/load_api.py [--requests 400] [--clients 10 50] [--cap 600]

Starts `podium serve` (default settings, a token set) on a free loopback port over a temporary store
holding the sample and a White House briefing, then for each client count sends a fixed number of
requests, 70% questions (a fifth of them follow-ups with history), 20% quote checks and 10% uploads
that replace the briefing with one turn changed (so readers meet a writer), from that many concurrent
clients, one connection each. A run stops sending at the time cap; what was not sent is reported.
Prints one Markdown row per client count: errors are any status but 200 and any transport error.
Only 127.0.0.1 is contacted.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from answer_bench import QUESTIONS, SAMPLE, pct  # noqa: E402

BRIEFING = ROOT.parent / "shared/corpus/whitehouse_md/wh_2024-01-27_background_call_anon_official.md"
ANCHOR = "in public press reporting"
TOKEN = "load-bench"
QUOTES = [
    ("To revitalize Heilongjiang, talent is the key.", None),
    ("To revitalize Heilongjiang, talent is the key.", "Yu Jian"),
    ("Chen Shaobo said talent is the most important thing for Heilongjiang.", None),
    ("We are deeply concerned about the recent testing of weapons.", None),
]
FOLLOW_UPS = [("And Yu Jian?", ["What did Chen Shaobo say about forests?"]),
              ("What else did he say?", ["What did Chen Shaobo say about talent?"])]  # fmt: skip


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def plan(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return rng.choices(["ask", "check", "upload"], weights=[70, 20, 10], k=count)


def versions() -> list[bytes]:
    text = BRIEFING.read_text()
    return [text.replace(ANCHOR, f"{ANCHOR} ({word})").encode() for word in ("first", "second")]


class Load:
    def __init__(self, url: str):
        self.url = url
        self.bodies = versions()
        self.uploads = 0
        self.lock = threading.Lock()
        self.local = threading.local()

    def client(self) -> httpx.Client:
        if not hasattr(self.local, "client"):
            headers = {"Authorization": f"Bearer {TOKEN}"}
            self.local.client = httpx.Client(base_url=self.url, headers=headers, timeout=300)
        return self.local.client

    def one(self, kind: str, rng: random.Random) -> tuple[str, float, str | None]:
        client = self.client()
        started = time.perf_counter()
        try:
            if kind == "ask" and rng.random() < 0.2:
                question, history = rng.choice(FOLLOW_UPS)
                response = client.post("/api/ask", json={"question": question, "history": history})
            elif kind == "ask":
                response = client.post("/api/ask", json={"question": rng.choice(QUESTIONS)})
            elif kind == "check":
                quote, speaker = rng.choice(QUOTES)
                response = client.post("/api/check", json={"quote": quote, "speaker": speaker})
            else:
                with self.lock:
                    self.uploads += 1
                    body = self.bodies[self.uploads % 2]
                response = client.post("/api/transcripts", files=[("files", ("briefing.md", body))])
            error = None if response.status_code == 200 else f"{response.status_code} {response.text[:120]}"
            if error is None and kind == "upload" and not response.json()[0]["ok"]:
                error = f"upload refused: {response.json()[0]['error']}"
        except httpx.HTTPError as exc:
            error = f"{type(exc).__name__}: {exc}"
        return kind, (time.perf_counter() - started) * 1000, error


def run(url: str, clients: int, requests: int, cap: float, seed: int) -> dict:
    load = Load(url)
    kinds = plan(requests, seed)
    queue = list(enumerate(kinds))
    results, lock = [], threading.Lock()
    stop_at = time.monotonic() + cap

    def worker(number: int):
        rng = random.Random(seed * 1000 + number)
        while time.monotonic() < stop_at:
            with lock:
                if not queue:
                    return
                _, kind = queue.pop(0)
            outcome = load.one(kind, rng)
            with lock:
                results.append(outcome)

    before = os.getloadavg()
    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        for future in [pool.submit(worker, n) for n in range(clients)]:
            future.result()
    elapsed = time.perf_counter() - started
    return {"clients": clients, "requests": requests, "results": results, "elapsed": elapsed,
            "unsent": len(queue), "load": (before[0], os.getloadavg()[0])}  # fmt: skip


def row(report: dict) -> str:
    results = report["results"]
    errors = [r for r in results if r[2]]

    def stats(kind: str | None) -> str:
        ms = [r[1] for r in results if kind is None or r[0] == kind]
        return f"{statistics.median(ms):.0f} / {pct(ms, 95):.0f} ({len(ms)})" if ms else "-"

    load_before, load_after = report["load"]
    return (
        f"| {report['clients']} | {len(results)} of {report['requests']} | {len(errors)} | {report['elapsed']:.0f} | "
        f"{len(results) / report['elapsed']:.1f} | {stats('ask')} | {stats('check')} | {stats('upload')} | {stats(None)} | "
        f"{load_before:.1f} / {load_after:.1f} |"
    )


def serve(store: Path, port: int, log: Path) -> subprocess.Popen:
    env = {**os.environ, "PODIUM_API_TOKEN": TOKEN, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1",
           "GRADIO_ANALYTICS_ENABLED": "False", "ANONYMIZED_TELEMETRY": "False"}  # fmt: skip
    podium = [sys.executable, "-m", "app.cli"]
    subprocess.run([*podium, "ingest", str(SAMPLE), str(BRIEFING), "--store", str(store)], env=env, check=True,
                   capture_output=True, timeout=600)  # fmt: skip
    server = subprocess.Popen([*podium, "serve", "--port", str(port), "--store", str(store)], env=env,
                              stdout=log.open("w"), stderr=subprocess.STDOUT)  # fmt: skip
    deadline = time.monotonic() + 300
    while True:
        if server.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"the server did not start; see {log}")
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/transcripts", headers={"Authorization": f"Bearer {TOKEN}"}, timeout=5).raise_for_status()
            return server
        except httpx.HTTPError:
            time.sleep(0.5)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=400, help="requests per client count")
    parser.add_argument("--clients", type=int, nargs="+", default=[10, 50])
    parser.add_argument("--cap", type=float, default=600, help="seconds a run may send for")
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="podium-load-"))
    port = free_port()
    server = serve(folder / "store", port, folder / "serve.log")
    url = f"http://127.0.0.1:{port}"
    try:
        run(url, 2, 10, 120, args.seed)  # warm: sentence caches, the keyword index, the first upload
        print("| clients | requests done | errors | s | req/s | ask p50 / p95 ms (n) | check | upload | all | load avg 1 min before / after |")
        print("|---|---|---|---|---|---|---|---|---|---|")
        failed = 0
        for clients in args.clients:
            report = run(url, clients, args.requests, args.cap, args.seed)
            print(row(report), flush=True)
            for kind, _, error in [r for r in report["results"] if r[2]][:5]:
                print(f"    {kind}: {error}", file=sys.stderr)
            failed += sum(bool(r[2]) for r in report["results"]) + report["unsent"]
    finally:
        server.terminate()
        server.wait(60)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
