"""Turns become chunks: one per turn, long turns split at sentence boundaries to fit the embedder's window."""

from __future__ import annotations

import hashlib
import json
from bisect import bisect_right
from collections.abc import Callable

from llama_index.core.schema import BaseNode, TextNode
from pydantic import BaseModel, ConfigDict

from ingest import Transcript, Turn
from ingest.interpretation import overlaps
from ingest.sentences import sentence_spans

# Chroma metadata can't hold None; these stand for "absent" in storage, and only here.
NO_TEXT = ""
NO_NUMBER = -1


class ChunkMeta(BaseModel):
    """Who said a chunk, when, where: a chunk's metadata as the other rooms read it (None for absent)."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    transcript_id: str
    title: str
    date: str | None
    turn_index: int
    part: int  # this chunk's place among its turn's chunks
    parts: int
    char_start: int  # where the chunk's text starts in its turn's text
    speaker: str
    label: str
    role: str | None
    kind: str
    timestamp: str | None
    start: float | None
    end: float | None
    reply_to: int | None
    text_hash: str
    source_url: str | None = None
    # (start, end) spans of the chunk's text that are an interpreter's English (Turn.interpreted, shifted)
    interpreted: tuple[tuple[int, int], ...] = ()

    @classmethod
    def decode(cls, metadata: dict) -> ChunkMeta:
        values = {k: None if metadata.get(k) in _ABSENT.get(k, ()) else v for k, v in metadata.items()}
        values["interpreted"] = _decode_spans(metadata.get("interpreted", ""))
        return cls(**values)

    def encode(self) -> dict:
        """The Chroma metadata: placeholders for absent values, and the date as a number to filter on."""
        metadata = {k: (NO_NUMBER if k in _NUMBERS else NO_TEXT) if v is None else v for k, v in self.model_dump().items()}
        metadata["date_int"] = int(self.date.replace("-", "")) if self.date else NO_NUMBER
        metadata["interpreted"] = ";".join(f"{a}-{b}" for a, b in self.interpreted)  # Chroma holds no lists
        return metadata

    def is_interpreted(self, start: int, end: int) -> bool:
        """Whether characters start..end of the chunk's text touch an interpreted span."""
        return overlaps(self.interpreted, start, end)


def _decode_spans(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(tuple(map(int, span.split("-"))) for span in text.split(";") if span) if text else ()


def chunk_spans(spans: list[tuple[int, int]], start: int, end: int) -> tuple[tuple[int, int], ...]:
    """A turn's spans that fall in its characters start..end, relative to start."""
    return tuple((max(a, start) - start, min(b, end) - start) for a, b in spans if a < end and start < b)


_NUMBERS = {"start", "end", "reply_to"}
_ABSENT = {"date": (NO_TEXT,), "role": (NO_TEXT,), "timestamp": (NO_TEXT,), "source_url": (NO_TEXT,)} | {k: (NO_NUMBER,) for k in _NUMBERS}


def chunk_meta(node: BaseNode) -> ChunkMeta:
    return ChunkMeta.decode(node.metadata)


def chunk_transcript(
    transcript: Transcript, token_ends: Callable[[list[str]], list[list[int]]], max_tokens: int, model: str
) -> list[TextNode]:
    turns = [turn for turn in transcript.turns if turn.text]  # an empty turn is kept only for its position (QMSum)
    nodes = []
    for turn, ends in zip(turns, token_ends([turn.text for turn in turns]), strict=True):
        parts = split_turn(turn.text, ends, max_tokens)
        for part, (start, end) in enumerate(parts):
            nodes.append(_node(transcript, turn, part, len(parts), turn.text[start:end], start, model))
    return nodes


def split_turn(text: str, token_ends: list[int], max_tokens: int) -> list[tuple[int, int]]:
    """Character spans of the parts; a sentence longer than the window stands alone (it gets truncated).
    token_ends: where each of the text's tokens ends, so a sentence's tokens are those ending inside it."""
    if len(token_ends) <= max_tokens:
        return [(0, len(text))]
    parts: list[tuple[int, int]] = []
    start, end, used = None, 0, 0
    for a, b in sentence_spans(text):
        size = bisect_right(token_ends, b) - bisect_right(token_ends, a)
        if start is not None and used + size > max_tokens:
            parts.append((start, end))
            start, used = None, 0
        start = a if start is None else start
        end, used = b, used + size
    if start is not None:
        parts.append((start, end))
    return parts


def _node(transcript: Transcript, turn: Turn, part: int, parts: int, text: str, offset: int, model: str) -> TextNode:
    metadata = ChunkMeta(
        transcript_id=transcript.id, title=transcript.title, date=transcript.date, turn_index=turn.index,
        part=part, parts=parts, char_start=offset, speaker=turn.speaker, label=turn.label, role=turn.role or None,
        kind=turn.kind, timestamp=turn.timestamp, start=turn.start, end=turn.end, reply_to=turn.reply_to,
        text_hash=_hash(model, text), source_url=transcript.source_url,
        interpreted=chunk_spans(turn.interpreted, offset, offset + len(text)),
    ).encode()  # fmt: skip
    record_hash = _hash(json.dumps(metadata, sort_keys=True), text)
    key = f"{transcript.id}:{turn.index}:{part}"
    return TextNode(
        id_=f"{key}@{record_hash[:12]}",
        text=text,
        metadata=metadata,
        # Only the words are embedded and keyword-indexed; who and when come from metadata filters.
        excluded_embed_metadata_keys=list(metadata),
        excluded_llm_metadata_keys=list(metadata),
    )


def _hash(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode())
        digest.update(b"\0")
    return digest.hexdigest()
