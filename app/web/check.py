"""The "Check a quote" tab: was a pasted quote said, word for word, by whom and when; the verdict, where it
was said in its turn, the word-level differences, or for a quote not found the nearest passages."""

from __future__ import annotations

import logging

import gradio as gr

from chat.check import CheckResult, DiffOp, check_quote
from chat.formatting import short_role
from chat.contract import Citation
from .jinja import render
from .views import card, empty_html, when_said

log = logging.getLogger(__name__)

VERDICTS = {  # the label and what it means for the reporter
    "verbatim": ("Verbatim", "said word for word"),
    "close": ("Close", "said, but not in these words"),
    "misattributed": ("Misattributed", "said, but by someone else"),
    "not_found": ("Not found", "nothing close in the transcripts"),
}
START = "Paste a quote, name the person it is attributed to if you like, and check: the verdict appears here."


class QuoteCheck:
    """The tab's events, over the newsroom handlers' store and transcript viewer (an app.web.handlers.Handlers)."""

    def __init__(self, ui):
        self.ui = ui

    def speakers(self):
        """The names a quote can be attributed to; the reporter may also type one the store does not know."""
        return gr.Dropdown(choices=self.ui.speaker_choices(None)[1:])  # without "Anyone"

    def run(self, quote: str, speaker: str | None):
        """The verdict's HTML, and the result kept for "Open in transcript"."""
        quote = (quote or "").strip()
        if not quote:
            return empty_html("Paste the quote to check first."), None
        try:
            result = check_quote(self.ui.engine, quote, (speaker or "").strip() or None)
        except Exception:  # noqa: BLE001 - the reporter sees a message, the log the traceback
            log.exception("checking %r failed", quote)
            return render("error.html", message="Something went wrong checking this quote; the server log has the details."), None
        ids = {c.transcript_id for c in result.citations + result.nearest}
        return check_html(result, {i: self.ui.store.transcript(i) for i in ids}), result.model_dump()

    def open(self, checked: dict | None, event: gr.EventData):
        """The transcript viewer at the turn, the checked quote's match (or the nearest passages) marked, the one
        opened apart."""
        result = CheckResult(**checked) if checked else None
        cited = result.citations + result.nearest if result else []
        picker = gr.Dropdown(choices=self.ui.transcript_choices(False), value=event.transcript)
        n = int(getattr(event, "n", 0) or 0) or None
        return picker, *self.ui.render(event.transcript, int(event.turn), cited, n), gr.Tabs(selected="transcript")


def check_html(result: CheckResult, transcripts: dict) -> str:
    """The verdict banner, the diff for a close quote, then the source card(s) as in the sources panel."""
    label, meaning = VERDICTS[result.verdict]
    cards = [card(c, transcripts.get(c.transcript_id)) for c in result.citations]
    nearest = [card(c, transcripts.get(c.transcript_id), True) for c in result.nearest]
    diff = result.diff if any(d.op != "equal" for d in result.diff) else []
    said = _said(result.citations[0]) if result.citations else None
    return render(
        "check.html", result=result, label=label, meaning=meaning, said=said, diff=diff, cards=cards, nearest=nearest
    )


def _said(c: Citation) -> dict:
    """'Said by Chen Shaobo, Executive Vice Governor, at 10:27:15 in <title> · 2024-04-26 · turn 7'."""
    return {
        "who": ", ".join(filter(None, [c.speaker, short_role(c.speaker, c.role)])),
        "at": when_said(c) if c.timestamp or c.start is not None else None,
        "where": " · ".join(filter(None, [c.transcript_title, c.date, f"turn {c.turn_index}"])),
    }


def diff_html(diff: list[DiffOp]) -> str:
    """The transcript's wording with the quote's own words struck through and the transcript's words highlighted."""
    return render("diff.html", diff=diff)
