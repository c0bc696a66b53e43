"""Readers tolerate writers: questions asked while their transcript is replaced, over HTTP on loopback.

The replaced turn is the one the question retrieves, so a reader that took its view before a replace
commits and reads the chunks after the old ones are deleted meets ids that no longer exist: before the
retriever left out the chunks a writer deleted, 60 writes here failed 7 of 376 questions with a 500 (a short turn is
replaced, so that writes are quick and many). The replace also counts tokens while the readers embed
their questions, which broke the shared tokenizer until the embedder counted with a copy of its own.
"""

from __future__ import annotations

import threading
import time

import httpx

from app.api import create_app
from app.settings import AppSettings
from chat.engine import Engine

from .conftest import served

WRITES = 60
READERS = 4
BRIEFING = "whitehouse_md/wh_2024-01-27_background_call_anon_official.md"
ANCHOR = "in public press reporting"
QUESTION = "What did the senior administration official say about public press reporting on China raising it with Iran?"


def versions(path) -> list[bytes]:
    """The briefing with the answer to QUESTION changed a little: replacing it re-embeds just that chunk."""
    text = path.read_text()
    assert text.count(ANCHOR) == 1
    return [text.replace(ANCHOR, f"{ANCHOR} ({word})").encode() for word in ("first", "second")]


def test_questions_asked_while_their_transcript_is_replaced_never_fail(tmp_path, embedder, corpus):
    from index.settings import Settings
    from index.store import Store

    store = Store(Settings(store=tmp_path / "store", refresh_seconds=0), embedder)
    app = create_app(Engine(store), AppSettings(api_token=None, api_workers=READERS + 2))
    bodies = versions(corpus / BRIEFING)
    statuses: list[int] = []
    failures: list[str] = []
    done = threading.Event()

    def ask(url):
        with httpx.Client(base_url=url, timeout=60) as client:
            while not done.is_set():
                response = client.post("/api/ask", json={"question": QUESTION})
                statuses.append(response.status_code)
                if response.status_code != 200:
                    failures.append(response.text[:300])
                elif not response.json()["citations"]:
                    failures.append("no citation: the answer came from neither version")

    with served(app) as url, httpx.Client(base_url=url, timeout=120) as writer:
        writer.post("/api/transcripts", files=[("files", ("briefing.md", bodies[0]))]).raise_for_status()
        readers = [threading.Thread(target=ask, args=(url,)) for _ in range(READERS)]
        for thread in readers:
            thread.start()
        try:
            for i in range(WRITES):
                (result,) = writer.post("/api/transcripts", files=[("files", ("briefing.md", bodies[(i + 1) % 2]))]).json()
                assert result["ok"] and result["status"] == "updated", result
                time.sleep(0.01)
        finally:
            done.set()
            for thread in readers:
                thread.join(60)
    assert len(statuses) > WRITES, "the readers asked too few questions to meet the writes"
    assert not failures, f"{len(failures)} of {len(statuses)} questions failed: {failures[:3]}"
