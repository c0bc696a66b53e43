"""Turns become chunks: one per turn, long turns split at sentence boundaries to fit the embedder's window."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable

from llama_index.core.schema import TextNode

from ingest import Transcript, Turn
from ingest.sentences import sentence_spans

# Chroma metadata can't hold None; these stand for "absent".
NO_TEXT = ""
NO_NUMBER = -1


def chunk_transcript(
    transcript: Transcript, count_tokens: Callable[[str], int], max_tokens: int, model: str
) -> list[TextNode]:
    nodes = []
    for turn in transcript.turns:
        if not turn.text:  # an empty turn kept only for its position (QMSum)
            continue
        parts = split_turn(turn.text, count_tokens, max_tokens)
        for part, (start, end) in enumerate(parts):
            nodes.append(_node(transcript, turn, part, len(parts), turn.text[start:end], start, model))
    return nodes


def split_turn(text: str, count_tokens: Callable[[str], int], max_tokens: int) -> list[tuple[int, int]]:
    """Character spans of the parts; a sentence longer than the window stands alone (it gets truncated)."""
    if count_tokens(text) <= max_tokens:
        return [(0, len(text))]
    parts: list[tuple[int, int]] = []
    start, end, used = None, 0, 0
    for a, b in sentence_spans(text):
        size = count_tokens(text[a:b])
        if start is not None and used + size > max_tokens:
            parts.append((start, end))
            start, used = None, 0
        start = a if start is None else start
        end, used = b, used + size
    if start is not None:
        parts.append((start, end))
    return parts


def _node(transcript: Transcript, turn: Turn, part: int, parts: int, text: str, offset: int, model: str) -> TextNode:
    metadata = {
        "transcript_id": transcript.id,
        "title": transcript.title,
        "date": transcript.date or NO_TEXT,
        "date_int": int(transcript.date.replace("-", "")) if transcript.date else NO_NUMBER,
        "turn_index": turn.index,
        "part": part,
        "parts": parts,
        "char_start": offset,
        "speaker": turn.speaker,
        "label": turn.label,
        "role": turn.role or NO_TEXT,
        "kind": turn.kind,
        "timestamp": turn.timestamp or NO_TEXT,
        "start": turn.start if turn.start is not None else NO_NUMBER,
        "end": turn.end if turn.end is not None else NO_NUMBER,
        "reply_to": turn.reply_to if turn.reply_to is not None else NO_NUMBER,
        "text_hash": _hash(model, text),
    }
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
