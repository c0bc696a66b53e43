"""Search inside transcripts, in the UI: the "Search" tab (across the press conferences the filters keep) and
"Find in this transcript" above the transcript viewer. chat/search.py does the searching."""

from __future__ import annotations

import logging

import gradio as gr

from chat.contract import Citation
from chat.formatting import short_role, turn_time
from chat.search import SearchResult, search

from .jinja import render
from .views import empty_html, turn_of, when_said

log = logging.getLogger(__name__)

SHOWN = 200  # sentences listed; the counts cover every mention
START = "Search every transcript for a word, a name or a “phrase in quotes”: each mention, with who said it and when."


class Finder:
    """The events of both search boxes, over the newsroom handlers (an app.web.handlers.Handlers)."""

    def __init__(self, ui):
        self.ui = ui

    def run(self, query: str, transcript: str, speaker: str, date_from, date_to):
        """The results' HTML and the hits kept for "Open in transcript"."""
        if not (query or "").strip():
            return empty_html("Type a word, a name or a “phrase in quotes” first."), None
        try:
            scope = self.ui.scope(transcript, speaker, date_from, date_to)
            result = search(self.ui.store, query, limit=SHOWN, **scope)
        except ValueError as exc:  # a date or a query it cannot take, said in plain words
            return render("error.html", message=str(exc)), None
        except Exception:  # noqa: BLE001 - the reporter sees a message, the log the traceback
            log.exception("searching %r failed", query)
            return render("error.html", message="Something went wrong searching; the server log has the details."), None
        return results_html(result, self.ui.describe(scope)), [h.citation.model_dump() for h in result.hits]

    def open(self, found: list[dict] | None, event: gr.EventData):
        """The transcript viewer at the hit's turn, its sentence marked and brought into view."""
        n = int(event.n)
        cited = [Citation(**c) for c in found or [] if c["n"] == n]
        picker = gr.Dropdown(choices=self.ui.transcript_choices(False), value=event.transcript)
        return picker, *self.ui.render(event.transcript, int(event.turn), cited, n), gr.Tabs(selected="transcript")

    def find(self, query: str, transcript_id: str | None):
        """The viewer with every mention in this transcript marked, and the list of them to jump to."""
        if not transcript_id or not (query or "").strip():
            return self.ui.render(transcript_id, None, [])[1], render("find.html", result=None)
        try:
            result = search(self.ui.store, query, transcript=transcript_id, limit=SHOWN)
        except ValueError as exc:
            return gr.skip(), render("error.html", message=str(exc))
        transcript = self.ui.store.transcript(transcript_id)
        found, hits, number = {}, [], 1
        for hit in result.hits:
            turn = turn_of(transcript, hit.citation.turn_index)
            at = turn.text.find(hit.citation.quote) if turn else -1
            if at < 0:
                continue
            found.setdefault(turn.index, []).extend((at + a, at + b) for a, b in hit.marks)
            hits.append({
                "first": number, "turn": turn.index, "time": turn_time(turn), "speaker": turn.speaker,
                "sentence": hit.citation.quote,
            })  # fmt: skip
            number += len(hit.marks)
        viewer = self.ui.render(transcript_id, None, [], found=found)[1]
        return viewer, render("find.html", result=result, hits=hits)


def results_html(result: SearchResult, scope: str = "") -> str:
    hits = [
        {
            "citation": h.citation, "parts": _parts(h.citation.quote, h.marks),
            "who": ", ".join(filter(None, [h.citation.speaker, short_role(h.citation.speaker, h.citation.role)])),
            "meta": " · ".join(filter(None, [
                h.citation.transcript_title, h.citation.date, when_said(h.citation), f"turn {h.citation.turn_index}",
            ])),
        }  # fmt: skip
        for h in result.hits
    ]
    return render("search.html", result=result, hits=hits, scope=scope)


def _parts(text: str, marks: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    out, pos = [], 0
    for a, b in sorted(marks):
        out += [(text[pos:a], False), (text[a:b], True)]
        pos = b
    return out + [(text[pos:], False)]
