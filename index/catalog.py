"""The list of committed transcripts, kept in Chroma beside the chunks.

Writing a transcript's record is the commit point of an ingest: chunks not named by a record are
invisible to readers, so a killed ingest leaves the store as it was. The record lives in Chroma, not on
local disk, so app processes sharing a Chroma server stay stateless.
"""

from __future__ import annotations

import hashlib
import json

from pydantic import BaseModel

from ingest import Transcript

# Chroma wants a vector with every record; a record here is found by id, never by similarity.
_PLACEHOLDER = [1.0]


class SpeakerEntry(BaseModel):
    name: str
    labels: list[str]
    role: str | None
    turns: int
    kinds: dict[str, int]


class TranscriptEntry(BaseModel):
    id: str
    title: str
    date: str | None
    format: str
    source: str
    turns: int
    chunks: int
    version: str
    place: str | None = None
    started_at: str | None = None


def speaker_registry(transcript: Transcript) -> list[SpeakerEntry]:
    entries: dict[str, SpeakerEntry] = {}
    for turn in transcript.turns:
        entry = entries.setdefault(
            turn.speaker, SpeakerEntry(name=turn.speaker, labels=[], role=turn.role, turns=0, kinds={})
        )
        if turn.label not in entry.labels:
            entry.labels.append(turn.label)
        entry.role = entry.role or turn.role
        entry.turns += 1
        entry.kinds[turn.kind] = entry.kinds.get(turn.kind, 0) + 1
    return list(entries.values())


class Catalog:
    def __init__(self, client, name: str):
        self._collection = client.get_or_create_collection(name, embedding_function=None)

    def entries(self) -> list[TranscriptEntry]:
        got = self._collection.get(include=["metadatas"])
        entries = [TranscriptEntry(**_nulls(meta)) for meta in got["metadatas"]]
        return sorted(entries, key=lambda e: (e.date or "", e.id))

    def fingerprint(self) -> str:
        got = self._collection.get(include=["metadatas"])
        pairs = sorted(f"{i}={m['version']}" for i, m in zip(got["ids"], got["metadatas"]))
        return hashlib.sha256("\n".join(pairs).encode()).hexdigest()[:16]

    def chunk_ids(self, transcript_ids: list[str] | None = None) -> dict[str, list[str]]:
        got = self._collection.get(ids=transcript_ids, include=["documents"])
        return {i: json.loads(doc)["chunks"] for i, doc in zip(got["ids"], got["documents"])}

    def speakers(self, transcript_ids: list[str] | None = None) -> dict[str, list[SpeakerEntry]]:
        got = self._collection.get(ids=transcript_ids, include=["documents"])
        return {
            i: [SpeakerEntry(**s) for s in json.loads(doc)["speakers"]]
            for i, doc in zip(got["ids"], got["documents"])
        }

    def transcript(self, transcript_id: str) -> Transcript | None:
        got = self._collection.get(ids=[transcript_id], include=["documents"])
        if not got["ids"]:
            return None
        return Transcript(**json.loads(got["documents"][0])["transcript"])

    def commit(self, transcript: Transcript, chunk_ids: list[str]) -> TranscriptEntry:
        entry = TranscriptEntry(
            id=transcript.id,
            title=transcript.title,
            date=transcript.date,
            format=transcript.format,
            source=transcript.source,
            turns=len(transcript.turns),
            chunks=len(chunk_ids),
            version=hashlib.sha256("\n".join(chunk_ids).encode()).hexdigest()[:16],
            place=transcript.place,
            started_at=transcript.started_at,
        )
        document = {
            "chunks": chunk_ids,
            "speakers": [s.model_dump() for s in speaker_registry(transcript)],
            # The whole transcript, so that a quote can be shown in its turn and the turn in its transcript.
            "transcript": transcript.model_dump(exclude={"warnings"}),
        }
        metadata = {k: ("" if v is None else v) for k, v in entry.model_dump().items()}
        self._collection.upsert(
            ids=[transcript.id], embeddings=[_PLACEHOLDER], metadatas=[metadata], documents=[json.dumps(document)]
        )
        return entry

    def delete(self, transcript_id: str) -> None:
        self._collection.delete(ids=[transcript_id])


def _nulls(meta: dict) -> dict:
    return {k: (None if v == "" and k in ("date", "place", "started_at") else v) for k, v in meta.items()}
