"""How times and roles are printed, everywhere: answers, citations, the terminal, the web UI, the prompt.

One spelling for each: a wall-clock time is "10:27:15"; an offset into a recording is "4:05", or
"1:01:40" past the hour (never "61:40"); a role is the title a reporter would print; a date in print is
"July 16, 2021"; a citation's attribution line is what a newsroom's style guide prints.
"""

from __future__ import annotations

import re
from datetime import date


def clock(timestamp: str | None) -> str:
    """The time of day of an ISO timestamp ("2024-04-26T10:27:15" -> "10:27:15"); "" for none."""
    return timestamp[11:19] if timestamp else ""


def offset(seconds: float) -> str:
    """Seconds into a recording as M:SS, or H:MM:SS from an hour on."""
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def moment(timestamp: str | None, start: float | None, end: float | None = None) -> str | None:
    """When something was said: its wall-clock time, else its offset (span) into the recording."""
    if timestamp:
        return clock(timestamp)
    if start is not None:
        span = offset(start) + (f"–{offset(end)}" if end is not None else "")
        return f"{span} into the recording"
    return None


def long_date(iso: str | None) -> str:
    """'2023-05-02' -> 'May 2, 2023', as a newsroom prints a date; "" for none; a date that is no ISO date
    (a client's, sent back for export) as given."""
    if not iso:
        return ""
    try:
        day = date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    return f"{day:%B} {day.day}, {day.year}"


def turn_time(turn) -> str:
    """A turn's time for a transcript listing: its clock time, else its offset; "" when it has neither."""
    if turn.timestamp:
        return clock(turn.timestamp)
    return offset(turn.start) if turn.start is not None else ""


def time_span(transcript) -> str:
    """From when to when a transcript runs, by its turns' times, else the event's printed start and end."""
    first, last = transcript.turns[0], transcript.turns[-1]
    if first.timestamp and last.timestamp:
        return f"{clock(first.timestamp)}–{clock(last.timestamp)}"
    if first.start is not None and last.end is not None:
        return f"{offset(first.start)}–{offset(last.end)}"
    if transcript.started_at:
        return " – ".join(filter(None, [transcript.started_at, transcript.ended_at]))
    return "no times"


def short_role(speaker: str, role: str | None) -> str | None:
    """The title a reporter would print: 'Member of X and Executive Vice Governor' -> 'Executive Vice Governor'."""
    if not role or role.lower() in speaker.lower():
        return None
    last = re.split(r" and |, ", role)[-1]
    return re.split(r"\s+of\s+", last)[0].strip() or role


def attribution_line(c) -> str:
    """A citation as a newsroom prints it, with its source link:
    '"We will." (as interpreted) — Jen Psaki, White House Press Secretary, Press Briefing, July 16, 2021. https://…'.

    Full name and role as the transcript gives them; the event; its date, unless the event's title already
    says it; the time where one is recorded; "(as interpreted)" where the archive marks the words as an
    interpreter's (the citation's `interpreted` flag).
    """
    event = " ".join(c.transcript_title.split())  # NBSPs of a web page's title as plain spaces
    day = long_date(c.date)
    shown = None if not day or day in event or (c.date or "") in event else day
    said = moment(c.timestamp, c.start)
    when = f"at {said}" if said else None
    who = ", ".join(filter(None, [c.speaker, short_role(c.speaker, c.role), event, shown, when]))
    interpreted = " (as interpreted)" if c.interpreted else ""
    link = f" {c.source_url}" if c.source_url else ""
    return f'"{c.quote}"{interpreted} — {who}.{link}'
