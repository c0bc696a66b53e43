"""The timeline of one press conference as an inline SVG plot: who spoke when and for how long.

Inline SVG needs no plotting library and loads nothing. Time comes from, in order of preference:
media offsets (captions, segments); wall-clock stamps (a live blog stamps the END of each entry, so an
entry runs from the previous stamp to its own); the printed start and end of the event ("1:20 P.M. EDT"),
shared out by word count; or else turn order and word counts alone.
"""

from __future__ import annotations

from dataclasses import dataclass
import re
from datetime import datetime

from ingest import Transcript, Turn

from chat.formatting import offset, short_role

from .jinja import render

WORDS_PER_SECOND = 2.2  # about 130 words a minute: the length of a turn no stamp bounds
TITLES = {
    "media": "time into the recording",
    "clock": "wall-clock time (each entry ends at its stamp)",
    "estimated": "wall-clock time, estimated: the printed start to end, shared out by words spoken",
    "words": "words spoken, in turn order (no times in this transcript)",
}
KINDS = {"question": "question", "answer": "answer", "remark": "statement", "moderator": "moderator"}
WIDTH, LABEL_W, TOTAL_W, ROW_H, TOP, BOTTOM = 600, 140, 128, 24, 28, 32


@dataclass
class Span:
    turn: Turn
    start: float
    end: float
    words: int


def spans(transcript: Transcript) -> tuple[list[Span], str]:
    """Each turn's [start, end] and the unit: 'media' (seconds in), 'clock' (seconds of the day), 'words'."""
    turns = transcript.turns
    if turns and all(t.start is not None for t in turns):
        ends = [t.end if t.end is not None else t.start + _words(t) / WORDS_PER_SECOND for t in turns]
        return [Span(t, t.start, end, _words(t)) for t, end in zip(turns, ends)], "media"
    clocked = _clock_spans(turns)
    if clocked:
        return clocked, "clock"
    began, ended = _printed(transcript.started_at), _printed(transcript.ended_at)
    if began is not None and ended is not None and ended > began:
        return _share(turns, began, ended), "estimated"
    out, position = [], 0.0
    for t in turns:
        out.append(Span(t, position, position + _words(t), _words(t)))
        position += _words(t)
    return out, "words"


def _printed(clock: str | None) -> float | None:
    """Seconds of the day of a printed time such as '1:20 P.M. EDT' or '14:05'."""
    match = re.match(r"\s*(\d{1,2})[:.](\d{2})\s*([AaPp])?\.?\s*[Mm]?", clock or "")
    if not match:
        return None
    hour, minute = int(match.group(1)) % 12 if match.group(3) else int(match.group(1)), int(match.group(2))
    if (match.group(3) or "").lower() == "p":
        hour += 12
    return hour * 3600 + minute * 60 if hour < 24 and minute < 60 else None


def _clock_spans(turns: list[Turn]) -> list[Span] | None:
    """A stamp ends its entry; unstamped entries share the time up to the next stamp by word count."""
    stamps = [_seconds(t.timestamp) for t in turns]
    known = [s for s in stamps if s is not None]
    if len(known) < 2 or any(b < a for a, b in zip(known, known[1:])):
        return None  # too few stamps, or out of order: fall back to word counts
    rate = _rate(turns, stamps)
    out: list[Span] = []
    pending: list[Turn] = []
    previous: float | None = None
    for turn, stamp in zip(turns, stamps):
        pending.append(turn)
        if stamp is None:
            continue
        words = sum(_words(t) for t in pending)
        start = previous if previous is not None else stamp - words / rate
        out += _share(pending, start, stamp)
        previous, pending = stamp, []
    position = previous or 0.0
    for turn in pending:  # after the last stamp
        out.append(Span(turn, position, position + _words(turn) / rate, _words(turn)))
        position += _words(turn) / rate
    return out


def _rate(turns: list[Turn], stamps: list[float | None]) -> float:
    """Words a second where consecutive stamps bound a turn; the usual pace when they don't say."""
    words = seconds = 0.0
    for i in range(1, len(turns)):
        if stamps[i] is not None and stamps[i - 1] is not None and stamps[i] > stamps[i - 1]:
            words += _words(turns[i])
            seconds += stamps[i] - stamps[i - 1]
    return min(max(words / seconds, 0.5), 6.0) if seconds else WORDS_PER_SECOND


def _share(turns: list[Turn], start: float, end: float) -> list[Span]:
    total = sum(_words(t) for t in turns) or 1
    out, position = [], start
    for turn in turns:
        length = (end - start) * _words(turn) / total
        out.append(Span(turn, position, position + length, _words(turn)))
        position += length
    out[-1].end = end  # no rounding drift past the stamp
    return out


def _seconds(stamp: str | None) -> float | None:
    if not stamp:
        return None
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return None
    return moment.hour * 3600 + moment.minute * 60 + moment.second + moment.toordinal() * 86400


def _words(turn: Turn) -> int:
    return max(len(turn.text.split()), 1)


# -- drawing -------------------------------------------------------------------------------------


def timeline_svg(transcript: Transcript | None, cited: set[int] = frozenset()) -> str:
    if transcript is None or not transcript.turns:
        return render("empty.html", message="No transcript selected.")
    found, unit = spans(transcript)
    speakers = list(dict.fromkeys(s.turn.speaker for s in found))
    lo, hi = min(s.start for s in found), max(s.end for s in found)
    hi = hi if hi > lo else lo + 1
    plot_w = WIDTH - LABEL_W - TOTAL_W
    x = lambda v: LABEL_W + (v - lo) / (hi - lo) * plot_w  # noqa: E731
    rows = [_row(i, name, [s for s in found if s.turn.speaker == name], unit, x, cited) for i, name in enumerate(speakers)]
    bottom = TOP + ROW_H * len(speakers)
    return render(
        "timeline.html", title=transcript.title, unit=unit, width=WIDTH, height=bottom + BOTTOM, rows=rows,
        legend=_legend(), ticks=_axis(lo, hi, unit, x), tick_top=TOP, tick_bottom=bottom + 4, tick_label=bottom + 16,
        axis_title=TITLES[unit], axis_x=LABEL_W + plot_w / 2, row_h=ROW_H,
    )  # fmt: skip


def _row(i: int, name: str, mine: list[Span], unit: str, x, cited) -> dict:
    role = short_role(name, mine[0].turn.role)
    bars = [
        {
            "kind": s.turn.kind, "turn": s.turn.index, "cited": s.turn.index in cited, "x": f"{x(s.start):.1f}",
            "width": f"{max(x(s.end) - x(s.start), 2.5):.1f}", "tooltip": _tooltip(s, unit),
        }  # fmt: skip
        for s in mine
    ]
    return {
        "y": TOP + i * ROW_H, "odd": i % 2, "name": name, "label": name if len(name) <= 22 else name[:21] + "…",
        "title": ", ".join(filter(None, [name, role])), "bars": bars, "total": _total(mine, unit),
        "label_x": LABEL_W - 8, "total_x": WIDTH - TOTAL_W + 8,
    }  # fmt: skip


def _tooltip(s: Span, unit: str) -> str:
    kind = KINDS.get(s.turn.kind, s.turn.kind)
    if unit == "words":
        when = f"words {int(s.start) + 1}–{int(s.end)}"
    else:
        about = "about " if unit == "estimated" else ""
        when = f"{about}{_label(s.start, unit, True)}–{_label(s.end, unit, True)} ({_duration(s.end - s.start)})"
    return f"Turn {s.turn.index} · {s.turn.speaker} · {kind} · {when} · {s.words} words. Click to read it."


def _total(mine: list[Span], unit: str) -> str:
    turns = f"{len(mine)} turn{'s' if len(mine) > 1 else ''}"
    if unit == "words":
        return f"{sum(s.words for s in mine):,} words · {turns}"
    about = "≈" if unit == "estimated" else ""
    return f"{about}{_duration(sum(s.end - s.start for s in mine))} · {turns}"


def _axis(lo: float, hi: float, unit: str, x) -> list[dict]:
    """The ticks: where each stands and its label."""
    step = _step(hi - lo, unit)
    ticks, value = [], -(-lo // step) * step
    while value <= hi + 1e-6:
        ticks.append({"x": f"{x(value):.1f}", "label": _label(value, unit, step < 60)})
        value += step
    return ticks


def _step(span: float, unit: str) -> float:
    if unit == "words":
        choices = [50, 100, 200, 250, 500, 1000, 2000, 5000, 10000, 20000]
    else:
        choices = [5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200]
    return next((c for c in choices if span / c <= 6), choices[-1])


def _label(value: float, unit: str, seconds: bool = False) -> str:
    if unit == "words":
        return f"{int(value):,}"
    clock = unit in ("clock", "estimated")
    total = int(round(value)) % 86400 if clock else int(round(value))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if clock:
        return f"{hours:02d}:{minutes:02d}:{secs:02d}" if seconds else f"{hours:02d}:{minutes:02d}"
    return offset(total)


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds}s"
    minutes, secs = divmod(seconds, 60)
    return f"{minutes}m {secs:02d}s" if minutes < 60 else f"{minutes // 60}h {minutes % 60:02d}m"


def _legend() -> list[dict]:
    items, left = [], LABEL_W
    for kind, label in KINDS.items():
        items.append({"kind": kind, "label": label, "x": left, "text_x": left + 19})
        left += 19 + 6 * len(label) + 16
    return items
