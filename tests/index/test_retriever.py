"""Hybrid retrieval with filters, against the embedded store and a real Chroma server on loopback."""

import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import numpy as np
import pytest
from llama_index.core.schema import QueryBundle

from index.filters import Filters
from index.retriever import HybridRetriever
from index.settings import Settings
from index.store import Store
from ingest import parse_file

from ..conftest import free_port

CHROMA = Path(sys.executable).parent / "chroma"


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory):
    port = free_port()
    path = tmp_path_factory.mktemp("chroma-server")
    proc = subprocess.Popen(
        [str(CHROMA), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1)
            break
        except OSError:
            assert proc.poll() is None and time.monotonic() < deadline, "chroma run did not start"
            time.sleep(0.2)
    yield port
    proc.terminate()
    proc.wait(timeout=30)


@pytest.fixture(scope="module", params=["embedded", "server"])
def settings(request, tmp_path_factory):
    cache = tmp_path_factory.mktemp(request.param)
    if request.param == "server":
        port = request.getfixturevalue("chroma_server")
        return Settings(store=cache, chroma_host="127.0.0.1", chroma_port=port, refresh_seconds=0)
    return Settings(store=cache, refresh_seconds=0)


@pytest.fixture(scope="module")
def loaded(settings, embedder, sample_path, corpus_file):
    store = Store(settings, embedder)
    for path in (sample_path, corpus_file("fomc_pdf/FOMCpresconf20220615.pdf")):
        store.ingest(parse_file(path))
    return store


def _retrieve(store, query, **filters):
    return HybridRetriever(store, top_k=5, filters=Filters(**filters)).retrieve(query)


def test_rare_words_and_figures_come_first(loaded):
    for query in ("Huicai", "825,000 highly skilled talents", "Longjiang Huicai Card"):
        top = _retrieve(loaded, query)[0].node.metadata
        assert (top["speaker"], top["timestamp"]) == ("Chen Shaobo", "2024-04-26T10:27:15"), query


def test_results_carry_turn_metadata_and_both_scores(loaded):
    results = _retrieve(loaded, "talent is the key")
    meta = results[0].node.metadata
    assert {"transcript_id", "turn_index", "speaker", "role", "kind", "timestamp", "title"} <= set(meta)
    assert meta["dense_score"] > 0.3 and meta["bm25_score"] > 0
    assert [r.score for r in results] == sorted((r.score for r in results), reverse=True)


def test_speaker_filter(loaded):
    results = _retrieve(loaded, "inflation and interest rates", speakers=("Yu Jian",))
    assert results and {r.node.metadata["speaker"] for r in results} == {"Yu Jian"}


def test_transcript_and_kind_filters(loaded, sample_path):
    sample_id = parse_file(sample_path).id
    results = _retrieve(loaded, "talent", transcripts=(sample_id,), kinds=("question",))
    assert results and all(r.node.metadata["kind"] == "question" for r in results)
    assert {r.node.metadata["transcript_id"] for r in results} == {sample_id}
    assert "Talents" in results[0].node.text  # the Southern Metropolis Daily question


def test_date_range_filter(loaded):
    fomc = _retrieve(loaded, "talent", date_from="2022-01-01", date_to="2022-12-31")
    assert fomc and {r.node.metadata["date"] for r in fomc} == {"2022-06-15"}
    assert _retrieve(loaded, "talent", date_from="2030-01-01") == []


def test_bad_date_fails_loudly():
    with pytest.raises(ValueError):
        Filters(date_from="26/04/2024")


def test_a_second_process_sees_writes(settings, embedder, loaded, tmp_path):
    """Two app processes sharing one store: writes by one are visible to the other's retriever."""
    other = Store(settings, embedder)
    page = tmp_path / "extra.vtt"
    page.write_text("WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Ada Ocampo>The observatory on Mauna Kea opens in March.\n")
    transcript = loaded.ingest(parse_file(page)).transcript
    try:
        hit = _retrieve(other, "Mauna Kea observatory")[0].node.metadata
        assert hit["speaker"] == "Ada Ocampo" and hit["start"] == 1.0
    finally:
        loaded.remove(transcript.id)
    assert all(r.node.metadata["transcript_id"] != transcript.id for r in _retrieve(other, "Mauna Kea observatory"))


def test_filtered_dense_half_agrees_with_chromas_own_filter(loaded):
    """Filtered queries search the exact index in memory; Chroma's where clause must find the same."""
    vector = loaded.embedder.embed_query("inflation and interest rates")
    filters = Filters(speakers=("Chair Powell",))
    retriever = HybridRetriever(loaded, filters=filters, candidates=10)
    ours = retriever._dense(vector, loaded.view(), filters.mask(loaded.view().keyword.columns))
    chroma = loaded.collection.query(query_embeddings=[vector], n_results=10, where={"speaker": "Chair Powell"})
    assert list(ours) == chroma["ids"][0]
    assert np.allclose(list(ours.values()), 1 - np.asarray(chroma["distances"][0]), atol=1e-4)


def test_unfiltered_dense_half_reports_cosines(loaded):
    """Unfiltered queries go to Chroma's HNSW index; its scores must be the cosines the exact search computes."""
    vector = loaded.embedder.embed_query("inflation and interest rates")
    view = loaded.view()
    hnsw = HybridRetriever(loaded, candidates=10)._dense(vector, view, None)
    exact = dict(view.exact.search(vector, 10, np.ones(len(view.exact.ids), dtype=bool)))
    assert list(hnsw) == list(exact)
    assert np.allclose(list(hnsw.values()), list(exact.values()), atol=1e-4)
