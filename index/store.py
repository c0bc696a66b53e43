"""The store: chunks with embeddings in Chroma, a catalog of committed transcripts, and a keyword index.

An ingest embeds first and commits last (the catalog record), so a failure or a kill at any point
leaves readers seeing the store as it was. Chunk ids carry a hash of their content, so an unchanged
file adds nothing, and a corrected one re-embeds only the chunks whose text changed.

One transcript per event (ingest/identity.py says how ids are made). A file is, against the store:
  added       a new event;
  updated     an event stored before, now with other words (an edited file; or the publisher's
              corrected version, which replaces the original and says so);
  unchanged   nothing new: the same file again, a byte-identical copy elsewhere, or the same words
              posted again under a later date (a briefing reposted the next day) -- the stored one stays;
  superseded  an original whose corrected version is stored: the correction stays, nothing is written.
The same words under an earlier date than the stored copy's replace it: the first posting is the event.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TypeVar

from ingest import Transcript

from ingest.people import split_label

from .catalog import Catalog, SpeakerEntry, TranscriptEntry, content_key, known_people, with_known_people
from .chunks import chunk_transcript
from .embedder import Embedder
from .exact import ExactIndex
from .exchange import Exchanges
from .keyword import KeywordIndex
from .settings import Settings

_BATCH = 5000  # under Chroma's maximum batch of 5,461
_GROUP_TURNS = 2000  # turns gathered before one embedding call: enough texts to sort, little work lost to a kill
K = TypeVar("K")
E = TypeVar("E")


@dataclass
class IngestResult:
    transcript: Transcript
    status: str  # "added", "updated", "unchanged" or "superseded" (the module's docstring)
    chunks: int
    embedded: int  # chunks whose text was embedded now; the rest reused stored vectors
    replaced_source: str | None = None  # the file a replaced transcript came from, if another
    kept_source: str | None = None  # unchanged or superseded: the file of the transcript that stays
    kept_id: str | None = None
    # "corrected" (a corrected version in or kept), "reposted" (same words, other date), "named" (a stored
    # transcript re-committed because the archive now names a speaker of it: not a file of this ingest)
    reason: str | None = None


@dataclass
class _Plan:
    """A transcript on its way in: its chunks, what the catalog held, and the chunks to write (None: nothing)."""

    transcript: Transcript
    nodes: list
    previous: list[str]
    old_source: str | None
    fresh: list | None = None
    embedded: int = 0
    outcome: IngestResult | None = None  # decided without writing (unchanged, superseded)
    replaces: str | None = None  # another id holding the same words, to remove once this one commits
    reason: str | None = None


@dataclass
class _View:
    """What readers see: the committed chunks, the keyword index and their vectors (same row order)."""

    fingerprint: str
    committed: set[str]
    keyword: KeywordIndex
    exact: ExactIndex
    checked: float

    @cached_property
    def rows(self) -> dict[str, int]:
        """Chunk id -> its row in the keyword and exact indexes."""
        return {chunk_id: row for row, chunk_id in enumerate(self.keyword.ids)}

    @cached_property
    def exchanges(self) -> Exchanges:
        return Exchanges(self.keyword.columns)


class Store:
    def __init__(self, settings: Settings | None = None, embedder: Embedder | None = None):
        from llama_index.vector_stores.chroma import ChromaVectorStore

        self.settings = settings or Settings()
        self.embedder = embedder or Embedder(self.settings.embed_model, str(self.settings.store / "models"))
        client = _client(self.settings)
        name = _collection_name(self.embedder.name)
        collection = client.get_or_create_collection(
            name, embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
        )
        self.vectors = ChromaVectorStore(chroma_collection=collection)
        self.collection = collection
        self.catalog = Catalog(client, f"{name}-catalog")
        self._cache = self.settings.store / "keyword" / name
        self._view: _View | None = None
        self._view_lock = threading.Lock()  # the server's threads must not build the view twice at once
        self._speakers: tuple[str, dict[str, list[SpeakerEntry]]] = ("", {})

    # -- writing ---------------------------------------------------------------------------------

    def ingest(self, transcript: Transcript) -> IngestResult:
        return self.ingest_many([transcript])[0]

    def ingest_many(self, transcripts: list[Transcript]) -> list[IngestResult]:
        """Embed the transcripts' new chunks in one call, then commit each transcript in turn.

        One call sorts all the texts by length, so batches pad less than per transcript
        (bench/RESULTS.md); each transcript still commits on its own, so a failure or a kill
        loses at most the transcripts not yet committed.
        """
        if len({t.id for t in transcripts} | {content_key(t) for t in transcripts}) < 2 * len(transcripts):
            raise ValueError("ingest_many: a transcript id or content appears twice; ingest them one after the other")
        people = known_people(self.catalog.speakers())
        plans = [self._plan(with_known_people(t, people)) for t in transcripts]
        fresh = [p for p in plans if p.fresh is not None]
        self._embed(fresh)
        # One write each for the group's chunks, speakers and bodies (Chroma's cost is much per call):
        # unseen until each transcript's record commits it; a kill leaves orphans the next ingest drops
        nodes = [node for plan in fresh for node in plan.fresh]
        for start in range(0, len(nodes), _BATCH):
            self.vectors.add(nodes[start : start + _BATCH])
        self.catalog.stage([plan.transcript for plan in fresh])
        return [self._commit(p) for p in plans]

    def ingest_stream(self, items: Iterable[tuple[K, Transcript | E]]) -> Iterator[tuple[K, IngestResult | E]]:
        """Ingest (key, transcript) pairs as they come, a group per embedding call, yielding (key, result).

        Anything that is not a transcript (a parser's error for that key) passes through in its place.
        A second transcript with an id already in the group replaces the first: it must see the first
        committed, so it starts a new group.
        """
        group: dict[str, tuple[K, Transcript]] = {}
        contents: set[str] = set()

        def flush():
            keys, transcripts = zip(*group.values()) if group else ((), ())
            yield from zip(keys, self.ingest_many(list(transcripts)))
            group.clear()
            contents.clear()

        for key, item in items:
            if not isinstance(item, Transcript):
                yield key, item
                continue
            content = content_key(item)
            if item.id in group or content in contents or sum(len(t.turns) for _, t in group.values()) >= _GROUP_TURNS:
                yield from flush()
            group[item.id] = (key, item)
            contents.add(content)
        yield from flush()
        for result in self._name_known_people():
            yield Path(result.transcript.source), result

    def _name_known_people(self) -> list[IngestResult]:
        """Stored transcripts whose label-only speakers ("Ms. Dalton") the archive now names: re-committed
        under the name (no re-embedding: the words are the same), whatever order the files came in."""
        speakers = self.catalog.speakers()
        people = known_people(speakers)
        todo = []
        for transcript_id, entries in speakers.items():
            if any(split_label(e.name) is not None and any(label in people for label in e.labels) for e in entries):
                stored = self.catalog.transcript(transcript_id)
                renamed = with_known_people(stored, people) if stored else stored
                if renamed is not stored:
                    todo.append(renamed)
        results = self.ingest_many(todo) if todo else []
        for result in results:
            result.reason = "named"
        return results

    def _plan(self, transcript: Transcript) -> _Plan:
        nodes = chunk_transcript(
            transcript, self.embedder.token_ends, self.embedder.max_tokens - 2, self.embedder.name
        )
        stored = self.catalog.entry(transcript.id)
        previous = self.catalog.chunk_ids([transcript.id]).get(transcript.id, []) if stored else []
        old_source = stored.source if stored else None
        known = set(previous)
        self._drop_orphans(transcript.id, known)
        plan = _Plan(transcript, nodes, previous, old_source)
        if stored and [n.node_id for n in nodes] == previous:
            kept = stored.source if stored.source != transcript.source else None
            plan.outcome = IngestResult(transcript, "unchanged", len(nodes), 0, kept_source=kept, kept_id=stored.id)
            return plan
        if stored and stored.corrected and not transcript.corrected:
            plan.outcome = IngestResult(
                transcript, "superseded", len(nodes), 0, kept_source=stored.source, kept_id=stored.id, reason="corrected"
            )
            return plan
        if stored and transcript.corrected and not stored.corrected:
            plan.reason = "corrected"
        twin = next((e for e in self.catalog.with_content(content_key(transcript)) if e.id != transcript.id), None)
        if twin and not stored:
            if (transcript.date or "9999") >= (twin.date or "9999"):  # posted again: the first posting stays
                plan.outcome = IngestResult(
                    transcript, "unchanged", len(nodes), 0, kept_source=twin.source, kept_id=twin.id, reason="reposted"
                )
                return plan
            plan.replaces, plan.old_source, plan.reason = twin.id, twin.source, "reposted"
        plan.fresh = [n for n in nodes if n.node_id not in known]
        return plan

    def _commit(self, plan: _Plan) -> IngestResult:
        transcript, nodes, previous = plan.transcript, plan.nodes, plan.previous
        if plan.outcome is not None:
            return plan.outcome
        new_ids = [n.node_id for n in nodes]
        self.catalog.commit(transcript, new_ids)  # the commit point
        self._delete(sorted(set(previous) - set(new_ids)))
        if plan.replaces:
            self.remove(plan.replaces)
        self._view = None
        status = "updated" if previous else "added"
        replaced = plan.old_source if plan.old_source != transcript.source else None
        return IngestResult(transcript, status, len(nodes), plan.embedded, replaced, reason=plan.reason)

    def remove(self, transcript_id: str) -> bool:
        chunk_ids = self.catalog.chunk_ids([transcript_id]).get(transcript_id)
        if chunk_ids is None:
            return False
        self.catalog.delete(transcript_id)
        self._drop_orphans(transcript_id, set())
        self._view = None
        return True

    def _embed(self, plans: list[_Plan]) -> None:
        """Set each fresh node's embedding, reusing stored vectors of identical text, in one embedding call."""
        todo = []
        reuse = self._stored_vectors({n.metadata["text_hash"] for plan in plans for n in plan.fresh})
        for plan in plans:
            for node in plan.fresh:
                node.embedding = reuse.get(node.metadata["text_hash"])
            missing = [n for n in plan.fresh if n.embedding is None]
            plan.embedded = len(missing)
            todo += missing
        for node, vector in zip(todo, self.embedder.embed_texts([n.text for n in todo])):
            node.embedding = vector

    def _stored_vectors(self, hashes: set[str]) -> dict[str, list[float]]:
        """Vectors already stored for these texts, whichever transcript holds them: a file ingested
        again under another id (or a copy of one) embeds nothing it has embedded before."""
        found: dict[str, list[float]] = {}
        wanted = sorted(hashes)
        for start in range(0, len(wanted), _BATCH):
            where = {"text_hash": {"$in": wanted[start : start + _BATCH]}}
            got = self.collection.get(where=where, include=["metadatas", "embeddings"])
            found |= {m["text_hash"]: list(e) for m, e in zip(got["metadatas"], got["embeddings"])}
        return found

    def _drop_orphans(self, transcript_id: str, keep: set[str]) -> None:
        """Delete a transcript's chunks that no commit names: leftovers of a killed ingest, or a removal."""
        stored = self.collection.get(where={"transcript_id": transcript_id}, include=[])["ids"]
        self._delete([i for i in stored if i not in keep])

    def _delete(self, ids: list[str]) -> None:
        for start in range(0, len(ids), _BATCH):
            self.collection.delete(ids=ids[start : start + _BATCH])

    # -- reading ---------------------------------------------------------------------------------

    def transcripts(self) -> list[TranscriptEntry]:
        return self.catalog.entries()

    def entry(self, transcript_id: str) -> TranscriptEntry | None:
        return self.catalog.entry(transcript_id)

    def transcript(self, transcript_id: str) -> Transcript | None:
        return self.catalog.transcript(transcript_id)

    def speakers(self, transcript_ids: list[str] | None = None) -> dict[str, list[SpeakerEntry]]:
        """Kept per committed state: the chat layer reads the registry for every question."""
        fingerprint = self.view().fingerprint
        if self._speakers[0] != fingerprint:
            self._speakers = (fingerprint, self.catalog.speakers())
        every = self._speakers[1]
        return every if transcript_ids is None else {i: every[i] for i in transcript_ids if i in every}

    def view(self) -> _View:
        """The committed state, re-read when another process may have written (every refresh_seconds)."""
        with self._view_lock:
            return self._current_view()

    def _current_view(self) -> _View:
        now = time.monotonic()
        if self._view and now - self._view.checked < self.settings.refresh_seconds:
            return self._view
        fingerprint = self.catalog.fingerprint()
        if self._view and self._view.fingerprint == fingerprint:
            self._view.checked = now
            return self._view
        committed = {i for ids in self.catalog.chunk_ids().values() for i in ids}
        self._view = _View(fingerprint, committed, *self._derived(fingerprint, committed), now)
        return self._view

    def _derived(self, fingerprint: str, committed: set[str]) -> tuple[KeywordIndex, ExactIndex]:
        """The keyword and exact indexes of the committed chunks: from the cache, else rebuilt from Chroma."""
        folder = self._cache / fingerprint
        index = KeywordIndex.load(folder)
        exact = ExactIndex.load(folder, index.ids) if index is not None else None
        if exact is not None and set(index.ids) == committed:
            return index, exact
        ids, texts, metadatas, embeddings = self._committed_chunks(sorted(committed))
        index, exact = KeywordIndex.build(ids, texts, metadatas), ExactIndex.build(ids, embeddings)
        for stale in self._cache.glob("*") if self._cache.exists() else []:
            if stale.name != fingerprint and ".tmp" not in stale.name:  # others' writes in progress stay
                _rmtree(stale)
        index.save(folder)
        exact.save(folder)
        return index, exact

    def _committed_chunks(self, ids: list[str]) -> tuple[list[str], list[str], list[dict], list]:
        out_ids, texts, metadatas, embeddings = [], [], [], []
        for start in range(0, len(ids), _BATCH):
            got = self.collection.get(ids=ids[start : start + _BATCH], include=["documents", "metadatas", "embeddings"])
            out_ids += got["ids"]
            texts += got["documents"]
            metadatas += got["metadatas"]
            embeddings += list(got["embeddings"])
        return out_ids, texts, metadatas, embeddings


def _client(settings: Settings):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_host:
        return chromadb.HttpClient(host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings)
    settings.store.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(settings.store / "chroma"), settings=chroma_settings)


def _collection_name(model: str) -> str:
    """One collection per embedding model: vectors of different models must never mix."""
    slug = re.sub(r"[^a-zA-Z0-9]+", "-", Path(model).name).strip("-").lower()
    return f"podium-{slug}"[:60].rstrip("-")


def _rmtree(path: Path) -> None:
    import shutil

    shutil.rmtree(path, ignore_errors=True)
