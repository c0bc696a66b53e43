"""The "Overview" tab: who spoke at one press conference and how much, and the questions in the order asked,
each with who answered and when; a question opens the transcript viewer at its turn."""

from __future__ import annotations

import gradio as gr

from ingest import Transcript, Turn

from chat.formatting import offset, short_role, turn_time
from chat.overview import QuestionLine, SpeakerShare, overview

from .jinja import render
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
    turns = {t.index: t for t in transcript.turns}
    timed = any(s.seconds is not None for s in view.speakers)
    return render(
        "overview.html", view=view, counts=counts, transcript_id=transcript.id, timed=timed,
        speakers=_speakers(view.speakers), questions=[_question(q, turns) for q in view.questions],
        pleasantries=len(view.pleasantries),
    )  # fmt: skip


def _speakers(shares: list[SpeakerShare]) -> list[dict]:
    """A row per speaker, most words first; the bar's width against the most, the share against all."""
    most = max((s.words for s in shares), default=0) or 1
    total = sum(s.words for s in shares) or 1
    return [
        {
            "speaker": s.speaker, "role": short_role(s.speaker, s.role), "turns": s.turns, "words": f"{s.words:,}",
            "seconds": offset(s.seconds) if s.seconds is not None else "—",
            "bar": f"{s.words / most * 100:.0f}", "share": f"{s.words / total:.0%}",
        }  # fmt: skip
        for s in shares
    ]


def _question(q: QuestionLine, turns: dict[int, Turn]) -> dict:
    """The asker and the question; 'Answered by Chen Shaobo (with Liang Huiling) · at 10:27:15': the main
    answer is the longest reply turn."""
    asker = q.asked_by if not q.outlet or q.outlet in q.asked_by else f"{q.asked_by} ({q.outlet})"
    line = {"turn": q.turn_index, "asker": asker, "asked_at": turn_time(turns[q.turn_index]), "question": q.question}
    line["flag"] = q.flag
    replies = [turns[i] for i in q.answer_turns if i in turns]
    main = max(replies, key=lambda t: len(t.text)) if replies else None
    if main is None:
        return line | {"main": None}
    others = [name for name in q.answered_by if name != main.speaker]
    return line | {"main": main.speaker, "main_turn": main.index, "others": ", ".join(others), "answered_at": turn_time(main)}


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"
