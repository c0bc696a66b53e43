"""Plain-text views of transcripts and results for the terminal."""

from __future__ import annotations

import textwrap

from ingest import Transcript, Turn

from chat.compose import short_role


def when(turn: Turn) -> str:
    if turn.timestamp:
        return turn.timestamp[11:19]
    if turn.start is not None:
        return _offset(turn.start)
    return ""


def time_span(transcript: Transcript) -> str:
    first, last = transcript.turns[0], transcript.turns[-1]
    if first.timestamp and last.timestamp:
        return f"{when(first)}–{when(last)}"
    if first.start is not None and last.end is not None:
        return f"{_offset(first.start)}–{_offset(last.end)}"
    if transcript.started_at:
        return " – ".join(filter(None, [transcript.started_at, transcript.ended_at]))
    return "no times"


def render_transcript(transcript: Transcript) -> str:
    lines = [
        transcript.title,
        f"{transcript.id} · {transcript.date or 'no date'} · {transcript.format} · "
        f"{len(transcript.turns)} turns · {time_span(transcript)}",
        "",
    ]
    for turn in transcript.turns:
        who = f"{turn.speaker} ({turn.role})" if turn.role else turn.speaker
        reply = f" → answers [{turn.reply_to}]" if turn.reply_to is not None else ""
        head = " ".join(filter(None, [f"[{turn.index}]", when(turn), who]))
        lines.append(f"{head} · {turn.kind}{reply}")
        for paragraph in turn.text.split("\n\n"):
            lines.extend(textwrap.wrap(paragraph, 100, initial_indent="    ", subsequent_indent="    "))
        lines.append("")
    return "\n".join(lines)


def ingest_summary(result) -> str:
    t = result.transcript
    speakers = t.speakers()
    shown = ", ".join(speakers[:6]) + (f" and {len(speakers) - 6} more" if len(speakers) > 6 else "")
    line = (
        f"{result.status} {t.id}: {len(t.turns)} turns, {len(speakers)} speakers ({shown}), "
        f"{time_span(t)}; {result.chunks} chunks, {result.embedded} embedded"
    )
    if result.replaced_source:
        line += f"; replaces the copy from {result.replaced_source}"
    return line


def _offset(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def render_answer(answer) -> str:
    lines = [answer.answer]
    if answer.unsupported:
        lines += ["", "Dropped as unsupported by the transcripts:"] + [f"  - {s}" for s in answer.unsupported]
    if answer.citations:
        lines += ["", "Sources:"]
    lines += [f"  [{c.n}] {_source_line(c)}" for c in answer.citations]
    return "\n".join(lines)


def render_check(result) -> str:
    lines = [f"{result.verdict.replace('_', ' ').upper()}: {result.message}"]
    for c in result.citations:
        lines.append(f'  "{c.quote}"')
        lines.append(f"  — {_source_line(c)}")
    changed = [d for d in result.diff if d.op != "equal"]
    if changed:
        lines.append("Differences (your quote → the transcript):")
        lines += [f"  {d.op}: {d.quote or '∅'} → {d.transcript or '∅'}" for d in changed]
    if result.nearest:
        lines.append("Nearest passages:")
        lines += [f'  [{c.n}] "{c.quote}" — {_source_line(c)}' for c in result.nearest]
    return "\n".join(lines)


def render_overview(view) -> str:
    lines = [view.title, f"{view.transcript_id} · {view.date or 'no date'}", "", "Who spoke:"]
    for s in view.speakers:
        how_long = f", {_offset(s.seconds)}" if s.seconds is not None else ""
        who = ", ".join(filter(None, [s.speaker, short_role(s.speaker, s.role)]))
        lines.append(f"  {who}: {s.turns} turns, {s.words} words{how_long}")
    lines += ["", f"Questions ({len(view.questions)}):"]
    for i, q in enumerate(view.questions, 1):
        asker = q.asked_by if not q.outlet or q.outlet in q.asked_by else f"{q.asked_by} ({q.outlet})"
        answered = ", ".join(q.answered_by) or "no answer recorded"
        at = f" at {q.answer_timestamp[11:19]}" if q.answer_timestamp else ""
        lines.append(f"  {i}. [{q.turn_index}] {asker}: {q.question}")
        lines.append(f"     answered by {answered}{at}")
    return "\n".join(lines)


def _source_line(c) -> str:
    who = ", ".join(filter(None, [c.speaker, short_role(c.speaker, c.role)]))
    at = c.timestamp.replace("T", " ") if c.timestamp else (c.date or "")
    if c.start is not None:
        at = f"{at} {_offset(c.start)}".strip()
    return f"{who} · {c.transcript_title} · {at} · turn {c.turn_index}"
