"""The list of committed transcripts, kept in Chroma beside the chunks.

Writing a transcript's record is the commit point of an ingest: chunks not named by a record are
invisible to readers, so a killed ingest leaves the store as it was. The record lives in Chroma, not on
local disk, so app processes sharing a Chroma server stay stateless.

Three collections: the records (metadata and chunk ids), the speakers of each transcript, and the
transcripts' bodies. The speakers and the body are written before the record, so a reader that goes by
the records never sees half a transcript; kept apart, the speaker registry the chat layer reads for
every question costs a read of a few kilobytes per transcript, not of every transcript's text
(bench/registry_bench.py).
"""

from __future__ import annotations

import hashlib
import json

from pydantic import BaseModel

from ingest import Transcript
from ingest.people import split_label
from ingest.speakers import REPORTER_SPEAKER

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
    content: str = ""  # content_key of the transcript: the same words under another id are the same transcript
    corrected: bool = False


def content_key(transcript: Transcript) -> str:
    """A hash of what was said, by which label, when: not of the file, its title or its dates, so a
    briefing posted again under another date has the key of the first posting."""
    turns = [(t.label, t.text, t.timestamp, t.start, t.end) for t in transcript.turns]
    return hashlib.sha256(json.dumps(turns, ensure_ascii=False).encode()).hexdigest()[:24]


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
        self._speakers = client.get_or_create_collection(f"{name}-speakers", embedding_function=None)
        self._bodies = client.get_or_create_collection(f"{name}-bodies", embedding_function=None)

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

    def with_content(self, content: str) -> list[TranscriptEntry]:
        got = self._collection.get(where={"content": content}, include=["metadatas"])
        return [TranscriptEntry(**_nulls(meta)) for meta in got["metadatas"]]

    def entry(self, transcript_id: str) -> TranscriptEntry | None:
        got = self._collection.get(ids=[transcript_id], include=["metadatas"])
        return TranscriptEntry(**_nulls(got["metadatas"][0])) if got["ids"] else None

    def speakers(self, transcript_ids: list[str] | None = None) -> dict[str, list[SpeakerEntry]]:
        """Committed transcripts' speakers: a record names what is committed, so its ids bound the read."""
        ids = transcript_ids if transcript_ids is not None else self._collection.get(include=[])["ids"]
        if not ids:
            return {}
        got = self._speakers.get(ids=ids, include=["documents"])
        found = {i: json.loads(doc) for i, doc in zip(got["ids"], got["documents"])}
        if missing := [i for i in ids if i not in found]:  # a record written before the split
            found |= {i: doc.get("speakers", []) for i, doc in self._records(missing).items()}
        return {i: [SpeakerEntry(**s) for s in found[i]] for i in ids if i in found}

    def transcript(self, transcript_id: str) -> Transcript | None:
        record = self._records([transcript_id]).get(transcript_id)
        if record is None:
            return None
        got = self._bodies.get(ids=[transcript_id], include=["documents"])
        # No body and no legacy copy in the record: deleted between the two reads.
        body = json.loads(got["documents"][0]) if got["ids"] else record.get("transcript")
        return Transcript(**body) if body is not None else None

    def _records(self, ids: list[str]) -> dict[str, dict]:
        got = self._collection.get(ids=ids, include=["documents"])
        return {i: json.loads(doc) for i, doc in zip(got["ids"], got["documents"])}

    def stage(self, transcripts: list[Transcript]) -> None:
        """The transcripts' speakers and bodies, in one write each: unseen until `commit` writes a record."""
        if not transcripts:
            return
        ids = [t.id for t in transcripts]
        speakers = [json.dumps([s.model_dump() for s in speaker_registry(t)]) for t in transcripts]
        # The whole transcript, so that a quote can be shown in its turn and the turn in its transcript.
        bodies = [t.model_dump_json(exclude={"warnings"}) for t in transcripts]
        placeholders = [_PLACEHOLDER] * len(ids)
        self._speakers.upsert(ids=ids, embeddings=placeholders, documents=speakers)
        self._bodies.upsert(ids=ids, embeddings=placeholders, documents=bodies)

    def commit(self, transcript: Transcript, chunk_ids: list[str]) -> TranscriptEntry:
        """The transcript's record, the commit point: readers see it, its staged parts and its chunks."""
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
            content=content_key(transcript),
            corrected=transcript.corrected,
        )
        metadata = {k: ("" if v is None else v) for k, v in entry.model_dump().items()}
        self._collection.upsert(  # the commit point
            ids=[transcript.id], embeddings=[_PLACEHOLDER], metadatas=[metadata],
            documents=[json.dumps({"chunks": chunk_ids})],
        )  # fmt: skip
        return entry

    def delete(self, transcript_id: str) -> None:
        self._collection.delete(ids=[transcript_id])  # readers go by the record: it goes first
        self._speakers.delete(ids=[transcript_id])
        self._bodies.delete(ids=[transcript_id])


def _nulls(meta: dict) -> dict:
    return {k: (None if v == "" and k in ("date", "place", "started_at") else v) for k, v in meta.items()}


def known_people(speakers: dict[str, list[SpeakerEntry]]) -> dict[str, SpeakerEntry]:
    """Printed label -> the one person the archive names under it ("MS. DALTON:" -> Olivia Dalton).

    A briefing may print `MS. DALTON:` without saying who she is; the transcripts whose titles or
    introductions do say so name one person under that label. A label that names two people in the
    archive (`THE PRESIDENT:`: Biden in 2023, Trump in 2020) names nobody here.
    """
    people: dict[str, dict[str, SpeakerEntry]] = {}
    for entries in speakers.values():
        for entry in entries:
            if split_label(entry.name) is None and entry.name != REPORTER_SPEAKER:  # a full name
                for label in entry.labels:
                    people.setdefault(label, {})[entry.name] = entry
    return {label: next(iter(named.values())) for label, named in people.items() if len(named) == 1}


def with_known_people(transcript: Transcript, people: dict[str, SpeakerEntry]) -> Transcript:
    """The transcript with each label-form speaker that the archive names uniquely renamed to that person."""
    renames: dict[str, SpeakerEntry] = {}
    labels: dict[str, str] = {}
    for turn in transcript.turns:
        person = people.get(turn.label)
        if person and turn.kind != "question" and split_label(turn.speaker) is not None:
            renames.setdefault(turn.speaker, person)
            labels.setdefault(turn.speaker, turn.label)
    # every label of a renamed speaker must agree: "Ms. Young" under two labels naming two people stays
    for turn in transcript.turns:
        if turn.speaker in renames and (people.get(turn.label) or renames[turn.speaker]).name != renames[turn.speaker].name:
            renames.pop(turn.speaker)
    if not renames:
        return transcript
    turns = [
        turn.model_copy(update={"speaker": renames[turn.speaker].name, "role": turn.role or renames[turn.speaker].role})
        if turn.speaker in renames else turn
        for turn in transcript.turns
    ]  # fmt: skip
    notes = [
        f"speaker {old!r} read as {person.name!r}, whom other transcripts name under the label {labels[old]!r}"
        for old, person in renames.items()
    ]
    return transcript.model_copy(update={"turns": turns, "warnings": transcript.warnings + notes})
