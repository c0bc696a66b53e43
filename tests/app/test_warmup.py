"""Warm before ready: after warm_up the first question loads nothing, and `podium serve` warms up before it says ready."""

import os
import subprocess
import sys
import time

import httpx
import pytest

from app.warmup import warm_up
from chat.engine import Engine
from index.embedder import Embedder
from index.settings import Settings
from index.store import Store
from ingest import parse_file

from ..conftest import ROOT
from .conftest import free_port

TALENT = "What did Chen Shaobo say about talent?"


@pytest.fixture(scope="module")
def folder(tmp_path_factory, embedder, sample_path):
    folder = tmp_path_factory.mktemp("warm") / "store"
    Store(Settings(store=folder, refresh_seconds=0), embedder).ingest(parse_file(sample_path))
    return folder


def _fail(what):
    def load(*args, **kwargs):
        raise AssertionError(f"the first question after warm-up loaded {what}")

    return load


def test_after_warm_up_the_first_question_loads_nothing(folder, monkeypatch):
    # A new process's engine: its own cold embedder; the view is not re-read within refresh_seconds.
    engine = Engine(Store(Settings(store=folder, refresh_seconds=600), Embedder()))
    assert "model" not in vars(engine.store.embedder)
    said = warm_up(engine)
    assert "25 chunks, 7 speakers" in said
    import index.store
    import llama_index.embeddings.huggingface

    monkeypatch.setattr(llama_index.embeddings.huggingface, "HuggingFaceEmbedding", _fail("the embedding model"))
    monkeypatch.setattr(index.store.KeywordIndex, "load", _fail("the keyword index"))
    monkeypatch.setattr(index.store.KeywordIndex, "build", _fail("the keyword index"))
    monkeypatch.setattr(index.store.ExactIndex, "load", _fail("the exact index"))
    monkeypatch.setattr(engine.store.catalog, "speakers", _fail("the speaker registry"))
    answer = engine.ask(TALENT)
    assert not answer.refused and {c.speaker for c in answer.citations} == {"Chen Shaobo"}


def test_serve_warms_up_before_it_says_ready(folder):
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "-m", "app.cli", "serve", "--port", str(port), "--store", str(folder)]
    server = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        lines = []
        deadline = time.monotonic() + 240
        while not any("ready" in line for line in lines):
            assert server.poll() is None and time.monotonic() < deadline, "".join(lines)
            lines.append(server.stdout.readline())
        warmed = [line for line in lines if line.startswith("Warmed up in")]
        assert warmed and "25 chunks" in warmed[0], lines  # the ready line is the last one read
        body = httpx.post(f"http://127.0.0.1:{port}/api/ask", json={"question": TALENT}, timeout=60).json()
        assert {c["speaker"] for c in body["citations"]} == {"Chen Shaobo"}
    finally:
        server.terminate()
        server.wait(30)
