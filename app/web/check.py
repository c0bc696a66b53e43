"""The "Check a quote" tab: was a pasted quote said, word for word, by whom and when; the verdict, where it
was said in its turn, the word-level differences, or for a quote not found the nearest passages."""

from __future__ import annotations

import logging
from html import escape

import gradio as gr

from chat.check import CheckResult, DiffOp, check_quote
from chat.formatting import short_role
from chat.contract import Citation
from .views import empty_html, source_card, turn_of, when_said

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
            return _error("Something went wrong checking this quote; the server log has the details."), None
        ids = {c.transcript_id for c in result.citations + result.nearest}
        return check_html(result, {i: self.ui.store.transcript(i) for i in ids}), result.model_dump()

    def open(self, checked: dict | None, event: gr.EventData):
        """The transcript viewer at the turn, the checked quote's match (or the nearest passages) marked."""
        result = CheckResult(**checked) if checked else None
        cited = result.citations + result.nearest if result else []
        picker = gr.Dropdown(choices=self.ui.transcript_choices(False), value=event.transcript)
        return picker, *self.ui.render(event.transcript, int(event.turn), cited), gr.Tabs(selected="transcript")


def check_html(result: CheckResult, transcripts: dict) -> str:
    """The verdict banner, the diff for a close quote, then the source card(s) as in the sources panel."""
    parts = [_verdict(result)]
    if any(d.op != "equal" for d in result.diff):
        parts.append(diff_html(result.diff))
    parts += [source_card(c, turn_of(transcripts.get(c.transcript_id), c.turn_index)) for c in result.citations]
    if result.nearest:
        parts.append('<h4 class="pod-check-h">The nearest passages, for you to judge</h4>')
        parts += [source_card(c, turn_of(transcripts.get(c.transcript_id), c.turn_index), True) for c in result.nearest]
    return f'<div class="pod-check">{"".join(parts)}</div>'


def _verdict(result: CheckResult) -> str:
    name, meaning = VERDICTS[result.verdict]
    checked = f"“{escape(result.quote)}”"
    if result.speaker_named:
        checked += f", attributed to {escape(result.speaker_named)}"
    said = _said(result.citations[0]) if result.citations else ""
    return (
        f'<div class="pod-verdict pod-verdict-{result.verdict}" data-verdict="{result.verdict}">'
        f'<div class="pod-verdict-head"><span class="pod-verdict-label">{name}</span>'
        f' <span class="pod-verdict-meaning">{meaning}</span></div>'
        f'<div class="pod-verdict-message">{escape(result.message)}</div>{said}'
        f'<div class="pod-checked">You checked: {checked}</div></div>'
    )


def _said(c: Citation) -> str:
    """'Said by Chen Shaobo, Executive Vice Governor, at 10:27:15 in <title> · 2024-04-26 · turn 7'."""
    who = ", ".join(filter(None, [c.speaker, short_role(c.speaker, c.role)]))
    at = f" at <strong>{escape(when_said(c))}</strong>" if c.timestamp or c.start is not None else ""
    where = " · ".join(filter(None, [c.transcript_title, c.date, f"turn {c.turn_index}"]))
    return f'<div class="pod-said">Said by <strong>{escape(who)}</strong>{at} in {escape(where)}</div>'


def diff_html(diff: list[DiffOp]) -> str:
    """The transcript's wording with the quote's own words struck through and the transcript's words highlighted."""
    words = []
    for d in diff:
        if d.op == "equal":
            words.append(escape(d.transcript))
            continue
        if d.quote:
            words.append(f'<del title="in your quote, not in the transcript">{escape(d.quote)}</del>')
        if d.transcript:
            words.append(f'<ins title="what the transcript says">{escape(d.transcript)}</ins>')
    return (
        '<div class="pod-diff"><div class="pod-check-h">Your quote against the transcript</div>'
        f'<p class="pod-diff-text">{" ".join(words)}</p><div class="pod-meta"><del>struck through</del>: your words,'
        " not in the transcript · <ins>highlighted</ins>: what the transcript says instead</div></div>"
    )


def _error(text: str) -> str:
    return f'<div class="pod-banner pod-refused">{escape(text)}</div>'
