"""WebVTT and SRT captions: speakers from <v> voice tags or a NAME: prefix, cue offsets as start/end.

A caption file cuts speech into cues of a few seconds, so cues are glued back into turns: consecutive
cues of one speaker, and unlabelled cues, join the turn before them.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from datetime import timedelta
from typing import NamedTuple

import srt
import webvtt
from webvtt.errors import MalformedCaptionError, MalformedFileError
from webvtt.models import Timestamp

from ..draft import UNKNOWN_SPEAKER, Draft, RawTurn, merge_runs
from ..names import looks_like_name
from ..reading import Source

PAUSE = 2.0  # seconds of silence that end a turn when no speaker is ever named

_VOICE = re.compile(r"<v(?:\.[^\s>]*)*[ \t]+([^>]*)>")
_TAG = re.compile(r"<[^>]*>|\{\\[^}]*\}")  # WebVTT/HTML tags and SSA overrides such as {\an8}
_SPEAKER_CHANGE = re.compile(r"^\s*>>\s*")  # broadcast captions mark a new speaker with >>
_PREFIX = re.compile(r"^([^\W\d_](?:[^\W\d_]|[.'’ -]){0,39}?)\s*:(?=\s|$)\s*")
_MAX_NAME_WORDS = 5
_VTT_TIMING = re.compile(r"^\s*([\d:.]+)\s*-->\s*([\d:.]+)(?=\s|$)")
_VTT_ARROW = re.compile(r"-->|^\s*\d+:[\d:.,]*\s*-+ *>")  # also "->": a cue webvtt-py would drop unseen
_SRT_TIMING = re.compile(r"^\s*([\d:,.，．。：]+) *-[ -] *> *([\d:,.，．。：]+)")


class Cue(NamedTuple):
    raw: str
    start: float
    end: float
    line: int | None


def parse_vtt(source: Source) -> Draft:
    try:
        captions = webvtt.from_string(source.text.lstrip()).captions
    except (MalformedFileError, MalformedCaptionError) as exc:
        raise source.error(f"not WebVTT: {exc}") from None
    spans = [(c.start_time.in_milliseconds(), c.end_time.in_milliseconds()) for c in captions]
    # webvtt-py skips a cue whose timing it cannot read; a skipped timing line is the error to report.
    lines, unread = _timing_lines(source.text, spans, _vtt_span, _VTT_ARROW.search)
    if unread:
        bad = source.text.split("\n")[unread[0] - 1].strip()
        raise source.error(f"malformed cue timing {bad[:80]!r}", unread[0])
    cues = [_cue(c.raw_text, span, line) for c, span, line in zip(captions, spans, lines)]
    return _draft(source, cues)


def parse_srt(source: Source) -> Draft:
    text = source.text
    try:
        subtitles = list(srt.parse(text))
    except srt.SRTParseError as exc:
        skipped = exc.unmatched_content
        offset = exc.expected_start + len(skipped) - len(skipped.lstrip())
        head = " / ".join(skipped.strip().split("\n")[:2])
        raise source.error(f"not an SRT cue: {head[:80]!r}", text[:offset].count("\n") + 1) from None
    except (srt.TimestampParseError, OverflowError):  # hours past what timedelta holds
        raise source.error("cue timing out of range", _unreadable_srt_timing(text)) from None
    spans = [(_ms(s.start), _ms(s.end)) for s in subtitles]
    # Lines of text that look like timings are cue text, not errors: srt already read every cue.
    lines, _ = _timing_lines(text, spans, _srt_span, lambda line: _srt_span(line) is not None)
    cues = [_cue(s.content, span, line) for s, span, line in zip(subtitles, spans, lines)]
    return _draft(source, cues)


def _cue(raw: str, span: tuple[int, int], line: int | None) -> Cue:
    return Cue(raw, span[0] / 1000, span[1] / 1000, line)


def _ms(delta: timedelta) -> int:
    return delta // timedelta(milliseconds=1)


def _vtt_span(line: str) -> tuple[int, int] | None:
    match = _VTT_TIMING.match(line)
    try:
        return tuple(Timestamp.from_string(t).in_milliseconds() for t in match.groups()) if match else None
    except MalformedCaptionError:  # minutes past 59, hours past ten digits
        return None


def _srt_span(line: str) -> tuple[int, int] | None:
    match = _SRT_TIMING.match(line)
    try:
        return tuple(_ms(srt.srt_timestamp_to_timedelta(t)) for t in match.groups()) if match else None
    except (srt.TimestampParseError, OverflowError):
        return None


def _unreadable_srt_timing(text: str) -> int | None:
    lines = enumerate(text.split("\n"), 1)
    return next((n for n, line in lines if _SRT_TIMING.match(line) and _srt_span(line) is None), None)


def _timing_lines(
    text: str,
    spans: list[tuple[int, int]],
    span_of: Callable[[str], tuple[int, int] | None],
    is_timing: Callable[[str], object],
) -> tuple[list[int | None], list[int]]:
    """The line of each cue's timing, found in order, and the timing lines no cue came from."""
    found: list[int | None] = []
    unread: list[int] = []
    for number, line in enumerate(text.split("\n"), 1):
        if not is_timing(line):
            continue
        if len(found) < len(spans) and span_of(line) == spans[len(found)]:
            found.append(number)
        else:
            unread.append(number)
    return found + [None] * (len(spans) - len(found)), unread


def _draft(source: Source, cues: list[Cue]) -> Draft:
    if not cues:
        raise source.error("no caption cues found")
    for cue in cues:
        if cue.end < cue.start:
            raise source.error("cue ends before it starts", cue.line)
    parts = [(speaker, text, cue) for cue in cues for speaker, text in _split_cue(cue.raw)]
    if any(speaker for speaker, _, _ in parts):
        return Draft(turns=_labelled_turns(parts))
    turns = _pause_turns(parts)
    warning = f"no speaker labels: {len(turns)} Unknown-speaker turns split at pauses of {PAUSE:g} s"
    return Draft(turns=turns, warnings=[warning])


def _labelled_turns(parts: list[tuple[str | None, str, Cue]]) -> list[RawTurn]:
    """An unlabelled cue continues the speaker before it; each speaker's run of cues is one turn."""
    pieces: list[RawTurn] = []
    for speaker, text, cue in parts:
        speaker = speaker or (pieces[-1].speaker if pieces else UNKNOWN_SPEAKER)
        pieces.append(RawTurn(speaker, text, start=cue.start, end=cue.end, line=cue.line))
    return merge_runs(pieces)


def _pause_turns(parts: list[tuple[str | None, str, Cue]]) -> list[RawTurn]:
    pieces = [RawTurn(UNKNOWN_SPEAKER, text, start=cue.start, end=cue.end, line=cue.line) for _, text, cue in parts]
    # roll-up captions overlap: a turn ends at its latest cue's end, never earlier
    return merge_runs(pieces, same=lambda turn, cue: cue.start - turn.end < PAUSE)


def _split_cue(raw: str) -> list[tuple[str | None, str]]:
    """A cue's (speaker or None, text) parts: each voice tag or NAME: line opens a part."""
    chunks = _VOICE.split(raw)  # [untagged, voice, text, voice, text, ...]
    parts = _prefixed_parts(chunks[0])
    parts += [(voice.strip() or None, _plain(text)) for voice, text in zip(chunks[1::2], chunks[2::2])]
    # A label alone ("Q:") still changes the speaker for the unlabelled cues after it.
    return [(speaker, text) for speaker, text in parts if text or speaker]


def _prefixed_parts(chunk: str) -> list[tuple[str | None, str]]:
    parts: list[tuple[str | None, list[str]]] = [(None, [])]
    for line in chunk.split("\n"):
        line = _SPEAKER_CHANGE.sub("", _plain(line))
        match = _PREFIX.match(line)
        if match and looks_like_name(match[1], _MAX_NAME_WORDS, capitals=True):
            parts.append((match[1], [line[match.end() :]]))
        else:
            parts[-1][1].append(line)
    return [(speaker, " ".join(" ".join(lines).split())) for speaker, lines in parts]


def _plain(text: str) -> str:
    return " ".join(html.unescape(_TAG.sub("", text)).split())
