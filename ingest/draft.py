"""What a format parser returns: turns as printed, before speakers are merged and kinds decided."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field


@dataclass
class RawTurn:
    speaker: str  # the name part of the label ("MS. PSAKI", "Xie Yingjun", "Q")
    text: str
    label: str | None = None  # the label exactly as printed; defaults to speaker
    role: str | None = None  # a title or outlet printed with the label
    question: bool | None = None  # True where the format marks a question (a "Q" label)
    timestamp: str | None = None  # ISO 8601 wall clock with the date
    start: float | None = None
    end: float | None = None
    line: int | None = None  # where the turn starts in the source, for error messages


@dataclass
class Draft:
    turns: list[RawTurn]
    title: str | None = None
    date: str | None = None  # ISO date
    started_at: str | None = None
    ended_at: str | None = None
    warnings: list[str] = field(default_factory=list)
    source_url: str | None = None  # where the publisher put the transcript (front matter, canonical link)
    place: str | None = None  # where it was held, as printed above it ("Aboard Air Force One En Route Hanoi")
    # Keep empty turns: the format's turn positions are referenced elsewhere (QMSum's gold spans).
    fixed_positions: bool = False
    preamble: list[str] = field(default_factory=list)  # paragraphs before the first turn (place, date, notes)


UNKNOWN_SPEAKER = "Unknown speaker"


def unknown_speaker_turns(paragraphs: list[tuple[int, str]]) -> list[RawTurn]:
    """The fallback when no speaker can be found: one Unknown-speaker turn per (line, paragraph)."""
    return [RawTurn(UNKNOWN_SPEAKER, text, line=line) for line, text in paragraphs if text.strip()]


def merge_runs(
    turns: Iterable[RawTurn], separator: str = " ", same: Callable[[RawTurn, RawTurn], bool] | None = None
) -> list[RawTurn]:
    """One turn per run of consecutive turns by one speaker: texts joined, the end the run's latest.

    Formats cut a turn into pieces (caption cues, ASR segments, one CSV row per sentence, a label
    repeated before each paragraph); `same` says when two pieces are one speaker's (default: equal names).
    """
    same = same or (lambda a, b: a.speaker == b.speaker)
    merged: list[RawTurn] = []
    for turn in turns:
        if merged and same(merged[-1], turn):
            last = merged[-1]
            last.text = separator.join(part for part in (last.text.strip(), turn.text.strip()) if part)
            if turn.end is not None:
                last.end = turn.end if last.end is None else max(last.end, turn.end)
        else:
            merged.append(turn)
    return merged
