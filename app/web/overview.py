"""The "Overview" tab: who spoke at one press conference and how much, and the questions in the order asked,
each with who answered and when; a question opens the transcript viewer at its turn."""

from __future__ import annotations

from html import escape

import gradio as gr

from ingest import Transcript, Turn

from chat.formatting import offset, short_role, turn_time
from chat.overview import QuestionLine, SpeakerShare, overview

from .views import empty_html


class Outline:
    """The tab's events. It follows the transcript tab's press conference, and picking one here moves that too."""

    def __init__(self, ui):
        self.ui = ui

    def show(self, transcript_id: str | None):
        transcript = self.ui.store.transcript(transcript_id) if transcript_id else None
        return gr.Dropdown(choices=self.ui.transcript_choices(False), value=transcript_id), overview_html(transcript)

    def pick(self, transcript_id: str, session: dict):
        """The transcript tab's picker and views; its change event then brings the overview here."""
        return gr.Dropdown(value=transcript_id), *self.ui.views(transcript_id, None, session)


def overview_html(transcript: Transcript | None) -> str:
    if transcript is None:
        return empty_html("No press conference selected. Upload one, or pick one above.")
    view = overview(transcript)
    counts = " · ".join(_count(n, word) for n, word in [
        (len(transcript.turns), "turn"), (len(view.speakers), "speaker"), (len(view.questions), "question")
    ])  # fmt: skip
    head = (
        f'<div class="pod-tr-head"><h3>{escape(view.title)}</h3>'
        f'<div class="pod-meta">{escape(view.date or "no date")} · {counts}</div></div>'
    )
    turns = {t.index: t for t in transcript.turns}
    items = "".join(_question(q, transcript.id, turns) for q in view.questions)
    questions = f'<ol class="pod-ov-questions">{items}</ol>' if items else empty_html(
        "No questions from the floor were recognised in this transcript."
    )
    return (
        f'<div class="pod-overview">{head}<h4>Who spoke</h4>{_speakers(view.speakers)}'
        f"<h4>Questions, in the order asked</h4>{questions}</div>"
    )


def _speakers(shares: list[SpeakerShare]) -> str:
    """A row per speaker, most words first; a time column only where the transcript has media offsets."""
    timed = any(s.seconds is not None for s in shares)
    most = max((s.words for s in shares), default=0) or 1
    total = sum(s.words for s in shares) or 1
    head = "".join(f'<th class="pod-num">{h}</th>' for h in ["Turns", "Words", *(["Time"] if timed else [])])
    rows = "".join(_speaker_row(s, timed, s.words / most, s.words / total) for s in shares)
    return (
        f'<table class="pod-ov-speakers"><thead><tr><th>Speaker</th><th>Role</th>{head}<th>Share of words</th></tr>'
        f"</thead><tbody>{rows}</tbody></table>"
    )


def _speaker_row(s: SpeakerShare, timed: bool, bar: float, share: float) -> str:
    seconds = f'<td class="pod-num">{offset(s.seconds) if s.seconds is not None else "—"}</td>' if timed else ""
    return (
        f'<tr><td class="pod-ov-name">{escape(s.speaker)}</td><td>{escape(short_role(s.speaker, s.role) or "")}</td>'
        f'<td class="pod-num">{s.turns}</td><td class="pod-num">{s.words:,}</td>{seconds}'
        f'<td class="pod-share"><span class="pod-bar" style="width: {bar * 100:.0f}%"></span>{share:.0%}</td></tr>'
    )


def _question(q: QuestionLine, transcript_id: str, turns: dict[int, Turn]) -> str:
    asker = q.asked_by if not q.outlet or q.outlet in q.asked_by else f"{q.asked_by} ({q.outlet})"
    asked_at = turn_time(turns[q.turn_index])
    stamp = f'<span class="pod-time">{escape(asked_at)}</span>' if asked_at else ""
    return (
        f'<li class="pod-ov-q" data-turn="{q.turn_index}">'
        f'<div class="pod-ov-asker">{stamp}<strong>{escape(asker)}</strong></div>'
        f'{_open(transcript_id, q.turn_index, escape(q.question), "pod-ov-question")}'
        f'<div class="pod-ov-answer">{_answered(q, transcript_id, turns)}</div></li>'
    )


def _answered(q: QuestionLine, transcript_id: str, turns: dict[int, Turn]) -> str:
    """'Answered by Chen Shaobo (with Liang Huiling) · at 10:27:15': the main answer is the longest reply turn."""
    replies = [turns[i] for i in q.answer_turns if i in turns]
    if not replies:
        return '<span class="pod-meta">No answer recorded.</span>'
    main = max(replies, key=lambda t: len(t.text))
    others = [name for name in q.answered_by if name != main.speaker]
    also = f" (with {escape(', '.join(others))})" if others else ""
    at = turn_time(main)
    action = _open(transcript_id, main.index, f"at {escape(at)}" if at else "read the answer", "pod-ov-at")
    return f'Answered by <strong class="pod-ov-by">{escape(main.speaker)}</strong>{also} · {action}'


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _open(transcript_id: str, turn: int, html: str, kind: str) -> str:
    """A button the sources panel's script turns into "open the transcript viewer at this turn"."""
    return (
        f'<button type="button" class="pod-open {kind}" data-transcript="{escape(transcript_id)}" data-turn="{turn}"'
        f' title="Open the transcript at turn {turn}">{html}</button>'
    )
