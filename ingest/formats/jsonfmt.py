"""JSON transcripts: ASR segments (WhisperX-like, with or without speakers) and QMSum meetings."""

from __future__ import annotations

import json
import math
import re
from datetime import date
from typing import Any, NamedTuple

from ..draft import UNKNOWN_SPEAKER, Draft, RawTurn, merge_runs
from ..reading import Source

_MAX_REPEAT = 10  # words an ASR tool may repeat where two overlapping segments meet
_ROLE = re.compile(r"^(?P<name>[^(]*?)\s*\((?P<role>.*)\)\s*$")  # "The Chair (Hon. Anthony Rota (...))"


class Segment(NamedTuple):
    speaker: str | None
    text: str
    start: float
    end: float | None


def parse_segments(source: Source) -> Draft:
    data = _load(source)
    metadata = data.get("metadata") if isinstance(data, dict) else None
    metadata = metadata if isinstance(metadata, dict) else {}
    segments = [_segment(source, i, item) for i, item in enumerate(_segment_list(source, data))]
    if not segments:
        raise source.error("no segments")
    labelled = any(segment.speaker for segment in segments)
    turns = _turns(segments, labelled)
    title = metadata.get("title")
    unlabelled = f"no speaker labels: {len(turns)} Unknown-speaker turns, one per segment"
    return Draft(
        turns=turns,
        title=title if isinstance(title, str) and title.strip() else None,
        date=_iso_date(metadata.get("published_at")),
        warnings=[] if labelled else [unlabelled],
    )


def parse_qmsum(source: Source) -> Draft:
    """One turn per meeting_transcripts entry, never merged: QMSum's gold spans are turn indices."""
    data = _load(source)
    entries = data.get("meeting_transcripts") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        raise source.error("meeting_transcripts is not a non-empty list")
    turns = [_meeting_turn(source, i, entry) for i, entry in enumerate(entries)]
    return Draft(turns=turns, fixed_positions=True)


def _load(source: Source) -> Any:
    try:
        return json.loads(source.text)
    except json.JSONDecodeError as exc:
        raise source.error(f"invalid JSON: {exc.msg}", exc.lineno) from None
    except RecursionError:
        raise source.error("JSON nested too deeply") from None


def _segment_list(source: Source, data: Any) -> list:
    if isinstance(data, dict):
        inner = data.get("transcript")
        data = data.get("segments", inner.get("segments") if isinstance(inner, dict) else None)
    if not isinstance(data, list):
        raise source.error(
            "no segment list: expected [...], {segments: [...]} or {transcript: {segments: [...]}}"
        )
    return data


def _segment(source: Source, i: int, item: Any) -> Segment:
    where = f"segments[{i}]"
    if not isinstance(item, dict):
        raise source.error(f"{where} is not an object")
    text = item.get("text")
    if not isinstance(text, str):
        raise source.error(f"{where} has no text")
    start = _seconds(source, where, "start", item.get("start"))
    end = _seconds(source, where, "end", item["end"]) if item.get("end") is not None else None
    speaker = item.get("speaker")
    if speaker is not None and not isinstance(speaker, str):
        raise source.error(f"{where}: speaker is not a string ({speaker!r})")
    return Segment((speaker or "").strip() or None, text, start, end)


def _seconds(source: Source, where: str, key: str, value: Any) -> float:
    # bool is an int to Python; a number as a string ("12.5") is accepted, as some tools write them.
    number = None if isinstance(value, bool) else _float(value)
    if number is None or not math.isfinite(number) or number < 0:
        raise source.error(f"{where}: {key} is not a number of seconds ({value!r})")
    return number


def _float(value: Any) -> float | None:
    if not isinstance(value, (int, float, str)):
        return None
    try:
        return float(value)
    except (ValueError, OverflowError):
        return None


def _turns(segments: list[Segment], labelled: bool) -> list[RawTurn]:
    """Consecutive segments of one speaker make one turn; unlabelled segments stay one turn each."""
    pieces: list[RawTurn] = []
    previous: Segment | None = None
    for segment in segments:
        speaker = segment.speaker or (pieces[-1].speaker if pieces else UNKNOWN_SPEAKER)
        text = segment.text
        if previous and previous.speaker == speaker and _overlap(previous, segment):
            text = _drop_repeat(previous.text, text)
        pieces.append(RawTurn(speaker, text, start=segment.start, end=segment.end))
        previous = segment._replace(speaker=speaker, text=text)
    return merge_runs(pieces) if labelled else pieces


def _overlap(before: Segment, after: Segment) -> bool:
    return before.end is not None and after.start < before.end


def _drop_repeat(before: str, text: str) -> str:
    """Where overlapping segments both hold the words said in the overlap, keep them once."""
    tail = [_word(w) for w in before.split()[-_MAX_REPEAT:]]
    words = text.split()
    head = [_word(w) for w in words[:_MAX_REPEAT]]
    for n in range(min(len(tail), len(head)), 0, -1):
        if tail[-n:] == head[:n] and any(head[:n]):
            return " ".join(words[n:])
    return text


def _word(token: str) -> str:
    return re.sub(r"[^\w']", "", token.lower())


def _iso_date(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


def _meeting_turn(source: Source, i: int, entry: Any) -> RawTurn:
    where = f"meeting_transcripts[{i}]"
    if not isinstance(entry, dict):
        raise source.error(f"{where} is not an object")
    label, content = entry.get("speaker"), entry.get("content")
    if not isinstance(label, str) or not label.strip():
        raise source.error(f"{where} has no speaker")
    if not isinstance(content, str):
        raise source.error(f"{where} has no content")
    label = label.strip()
    match = _ROLE.match(label)
    if not match or not match["name"]:
        return RawTurn(label, content)
    return RawTurn(match["name"], content, label=label, role=match["role"].strip() or None)
