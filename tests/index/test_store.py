"""The store: idempotent ingest, corrections re-embed only what changed, removal, persistence, atomicity."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from index.retriever import HybridRetriever
from index.settings import Settings
from index.store import Store
from ingest import parse_file, parse_files

PODIUM = [sys.executable, "-m", "app.cli"]


def _entry(store, transcript_id):
    return next(e for e in store.transcripts() if e.id == transcript_id)


def test_ingest_twice_adds_and_embeds_nothing(store, sample_path):
    first = store.ingest(parse_file(sample_path))
    count = store.collection.count()
    second = store.ingest(parse_file(sample_path))
    assert (first.status, second.status) == ("added", "unchanged")
    assert first.embedded == first.chunks >= 11
    assert second.embedded == 0
    assert store.collection.count() == count == first.chunks
    assert len(store.transcripts()) == 1


def test_corrected_file_replaces_and_reembeds_only_changed_text(store, sample_path, tmp_path):
    original = store.ingest(parse_file(sample_path))
    corrected = tmp_path / "corrected.txt"
    text = sample_path.read_text()
    old = "To revitalize Heilongjiang, talent is the key."
    assert old in text
    corrected.write_text(text.replace(old, "To revitalize Heilongjiang, talent is the decisive key.", 1))
    result = store.ingest(parse_file(corrected))
    assert result.transcript.id == original.transcript.id
    assert result.status == "updated" and result.replaced_source == str(sample_path)
    assert result.embedded == 1  # the one chunk holding the changed sentence
    assert store.collection.count() == result.chunks  # the old chunk is gone
    docs = store.collection.get(include=["documents"])["documents"]
    assert any("decisive key" in d for d in docs) and not any("talent is the key." in d for d in docs)


def test_ingest_stream_embeds_a_group_at_once_and_commits_each_file(store, sample_path, corpus_file, tmp_path):
    """Files share an embedding call; a corrected copy in the same call still replaces the original."""
    corrected = tmp_path / "corrected.txt"
    corrected.write_text(sample_path.read_text().replace("talent is the key.", "talent is the decisive key.", 1))
    briefing = sorted(corpus_file("whitehouse_md").glob("*.md"))[0]
    results = [r for _, r in store.ingest_stream(parse_files([sample_path, briefing, corrected]))]
    assert [r.status for r in results] == ["added", "added", "updated"]
    assert results[2].replaced_source == str(sample_path) and results[2].embedded == 1
    committed = {i for ids in store.catalog.chunk_ids().values() for i in ids}
    assert store.collection.count() == len(committed) == results[1].chunks + results[2].chunks  # no orphans
    assert [r.status for _, r in store.ingest_stream(parse_files([briefing, corrected]))] == ["unchanged", "unchanged"]


def test_remove_deletes_chunks_and_catalog_entry(store, sample_path):
    transcript = store.ingest(parse_file(sample_path)).transcript
    assert store.remove(transcript.id)
    assert store.transcripts() == [] and store.collection.count() == 0
    assert HybridRetriever(store).retrieve("talent") == []
    assert not store.remove(transcript.id)



def test_transcript_deleted_between_its_reads_is_gone(store, sample_path, monkeypatch):
    """A reader that saw the record before a concurrent delete finds no body: the transcript is gone, no error."""
    transcript = store.ingest(parse_file(sample_path)).transcript
    seen = store.catalog._records([transcript.id])
    store.remove(transcript.id)
    monkeypatch.setattr(store.catalog, "_records", lambda ids: seen)
    assert store.catalog.transcript(transcript.id) is None


def test_speaker_registry(store, sample_path):
    transcript = store.ingest(parse_file(sample_path)).transcript
    registry = {s.name: s for s in store.speakers()[transcript.id]}
    xie = registry["Xie Yingjun"]
    assert xie.turns == 2 and "Spokesperson" in xie.role and len(xie.labels) == 2
    assert registry["Chen Shaobo"].kinds == {"answer": 1}


def test_store_persists_across_processes(tmp_path, sample_path):
    env = {**os.environ, "PODIUM_STORE": str(tmp_path / "store"), "HF_HUB_OFFLINE": "1"}
    ingest = subprocess.run([*PODIUM, "ingest", str(sample_path)], env=env, capture_output=True, text=True)
    assert ingest.returncode == 0, ingest.stderr
    assert "added" in ingest.stdout and "11 turns" in ingest.stdout
    listed = subprocess.run([*PODIUM, "list", "--json"], env=env, capture_output=True, text=True)
    rows = json.loads(listed.stdout)
    assert [(r["turns"], r["date"]) for r in rows] == [(11, "2024-04-26")]
    again = subprocess.run([*PODIUM, "ingest", str(sample_path)], env=env, capture_output=True, text=True)
    assert "unchanged" in again.stdout and "0 embedded" in again.stdout


def _big_liveblog(path, turns: int) -> None:
    """A live-blog page with the sample's title line and many short entries: the same transcript id."""
    lines = ["Live broadcast | The State Council Information Office held a series of press conferences with the theme of “Promoting High-quality Development” to introduce the theme of “firmly grasping the strategic positioning in the overall development of the country and striving to create a new situation for Heilongjiang’s high-quality development and sustainable revitalization”", ""]
    for i in range(turns):
        speaker = "Chen Shaobo" if i % 2 else "Yu Jian"
        lines += [f"{speaker}:", "", f"Entry {i} on talent, forests, grain and ports.", "",
                  f"2024-04-26 {10 + i // 3600:02d}:{i // 60 % 60:02d}:{i % 60:02d}", ""]
    path.write_text("\n".join(lines))


def test_kill_mid_ingest_leaves_the_store_as_it_was(tmp_path, sample_path, embedder):
    settings = Settings(store=tmp_path / "store", refresh_seconds=0)
    store = Store(settings, embedder)
    before = store.ingest(parse_file(sample_path))
    committed = _entry(store, before.transcript.id)
    big = tmp_path / "big.txt"
    _big_liveblog(big, 3000)
    assert parse_file(big).id == before.transcript.id
    env = {**os.environ, "PODIUM_STORE": str(settings.store), "HF_HUB_OFFLINE": "1"}
    child = subprocess.Popen([*PODIUM, "ingest", str(big)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 300
    while store.collection.count() == before.chunks and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert child.returncode == -signal.SIGKILL, "the ingest finished before it could be killed mid-write"
    reader = Store(settings, embedder)
    assert _entry(reader, before.transcript.id) == committed  # the old version, untouched
    results = HybridRetriever(reader, top_k=20).retrieve("talent forests grain ports")
    assert results and all("Entry" not in r.node.text for r in results)
    # The next ingest of the transcript clears what the killed one left behind.
    again = reader.ingest(parse_file(sample_path))
    assert again.status == "unchanged" and reader.collection.count() == before.chunks


def test_kill_before_any_write_leaves_an_empty_store_empty(tmp_path, sample_path):
    env = {**os.environ, "PODIUM_STORE": str(tmp_path / "store"), "HF_HUB_OFFLINE": "1"}
    big = tmp_path / "big.txt"
    _big_liveblog(big, 2000)
    child = subprocess.Popen([*PODIUM, "ingest", str(big)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(8)  # past start-up, inside the embedding of 2,000 chunks
    assert child.poll() is None
    child.send_signal(signal.SIGKILL)
    child.wait()
    listed = subprocess.run([*PODIUM, "list", "--json"], env=env, capture_output=True, text=True)
    assert json.loads(listed.stdout) == []


def test_bad_files_write_nothing(tmp_path, store):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    results = list(store.ingest_stream(parse_files([empty])))
    assert "empty" in str(results[0][1])
    assert store.transcripts() == [] and store.collection.count() == 0


def test_threads_opening_a_fresh_store_build_one_view(tmp_path, store, sample_path):
    """A server's threads all read the store when the page loads; the derived indexes are built once."""
    from concurrent.futures import ThreadPoolExecutor

    store.ingest(parse_file(sample_path))
    reader = Store(store.settings, store.embedder)  # a new process's store: no view, no cache in memory
    with ThreadPoolExecutor(8) as pool:
        views = list(pool.map(lambda _: reader.view(), range(8)))
    assert all(v is views[0] for v in views) and len(views[0].keyword.ids) == views[0].exact.matrix.shape[0] > 0
    assert [p.name for p in reader._cache.iterdir()] == [views[0].fingerprint]
