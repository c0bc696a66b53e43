"""Plain-text views of transcripts and results for the terminal."""

from __future__ import annotations

import textwrap

from ingest import Transcript

from chat.formatting import clock, offset, short_role, time_span, turn_time


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
        head = " ".join(filter(None, [f"[{turn.index}]", turn_time(turn), who]))
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
    reason, kept = result.reason, result.kept_source
    if result.status == "superseded":
        line += f"; not stored: the corrected version from {kept} replaces this original ({result.kept_id})"
    elif result.status == "unchanged" and reason == "reposted":
        line += f"; not stored again: the same words, posted earlier, are stored from {kept} ({result.kept_id})"
    elif result.status == "unchanged" and kept:
        line += f"; the same transcript is stored from {kept}"
    elif reason == "named":
        line += "; speakers now named from the archive (see the warnings)"
    elif result.replaced_source and reason == "corrected":
        line += f"; a corrected version: replaces the original from {result.replaced_source}"
    elif result.replaced_source and reason == "reposted":
        line += f"; replaces the later posting of the same words from {result.replaced_source}"
    elif result.replaced_source:
        line += f"; replaces the copy from {result.replaced_source}"
    return line


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
        how_long = f", {offset(s.seconds)}" if s.seconds is not None else ""
        who = ", ".join(filter(None, [s.speaker, short_role(s.speaker, s.role)]))
        lines.append(f"  {who}: {s.turns} turns, {s.words} words{how_long}")
    lines += ["", f"Questions ({len(view.questions)}):"]
    for i, q in enumerate(view.questions, 1):
        asker = q.asked_by if not q.outlet or q.outlet in q.asked_by else f"{q.asked_by} ({q.outlet})"
        answered = ", ".join(q.answered_by) or "no answer recorded"
        at = f" at {clock(q.answer_timestamp)}" if q.answer_timestamp else ""
        lines.append(f"  {i}. [{q.turn_index}] {asker}: {q.question}")
        lines.append(f"     answered by {answered}{at}")
    return "\n".join(lines)


def _source_line(c) -> str:
    who = ", ".join(filter(None, [c.speaker, short_role(c.speaker, c.role)]))
    at = c.timestamp.replace("T", " ") if c.timestamp else (c.date or "")
    if c.start is not None:
        at = f"{at} {offset(c.start)}".strip()
    return f"{who} · {c.transcript_title} · {at} · turn {c.turn_index}"
