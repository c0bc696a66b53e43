"""HTML views for the newsroom UI: the answer in the chat, the sources panel, the transcript viewer, upload results.

Pure functions from the engine's models to strings, so that they can be tested without a browser; the markup
is in app/web/templates.
"""

from __future__ import annotations

import re

from ingest import Transcript, Turn
from ingest.sentences import sentence_spans

from chat.contract import Answer, Citation
from chat.formatting import moment, short_role, time_span, turn_time

from ..exports import markdown_escape
from .jinja import render

KIND_LABELS = {"question": "question", "answer": "answer", "remark": "statement", "moderator": "moderator"}


# -- the chat ------------------------------------------------------------------------------------


def answer_markdown(answer: Answer, index: int = 0) -> str:
    """The engine's text for the chat bubble: verbatim, Markdown characters escaped, each [n] marker a link
    to its source card, of the conversation's `index`-th answer (the page's script shows that card)."""
    return re.sub(r"\\\[(\d+)\\\]", rf"[\\[\1\\]](#pod-source-{index}-\1)", markdown_escape(answer.answer))


def unsupported_markdown(answer: Answer) -> str:
    lines = ["These sentences were dropped: no transcript supports them."]
    lines += [f"- ~~{markdown_escape(s)}~~" for s in answer.unsupported]
    return "\n".join(lines)


# -- the sources panel ---------------------------------------------------------------------------


def sources_html(
    answer: Answer | None, transcripts: dict[str, Transcript | None], scope: str = "", index: int = 0
) -> str:
    """One card per citation: who, role, where, when, the quote in its turn, the actions and the source link;
    `index`: the answer's place in the conversation, which its [n] links name."""
    if answer is None:
        return empty_html(
            "Ask a question: the quotes the answer cites appear here, each with its speaker, time and context."
        )
    cards = [card(c, transcripts.get(c.transcript_id), answer.refused) for c in answer.citations]
    return render("sources.html", answer=answer, scope=scope, cards=cards, index=index)


def card(c: Citation, transcript: Transcript | None, other: bool = False) -> dict:
    """What a source card shows. `other`: a dashed card, for quotes that are not the answer (a refusal's,
    a quote check's nearest passages)."""
    turn = turn_of(transcript, c.turn_index)
    head, parts, tail = context_parts(turn.text if turn else c.quote, c.quote)
    return {
        "citation": c,
        "who": ", ".join(filter(None, [c.speaker, short_role(c.speaker, c.role)])),
        "meta": " · ".join(filter(None, [c.transcript_title, c.date, when_said(c, transcript), f"turn {c.turn_index}"])),
        "kind": KIND_LABELS.get(c.kind, c.kind),
        "head": head, "context": parts, "tail": tail,
        "line": c.attribution,  # what "Copy quote" copies: the line a newsroom prints
        "other": other,
    }  # fmt: skip


def when_said(c: Citation, transcript: Transcript | None = None) -> str:
    """When the quote was said: the wall-clock time, the offset into the recording, or where the turns have
    no time but the event's printed start is known, that ("no time per turn; the briefing ran 1:20–2:17 P.M.")."""
    said = moment(c.timestamp, c.start, c.end)
    if said:
        return said
    if transcript is not None and transcript.started_at:
        ran = " – ".join(filter(None, [transcript.started_at, transcript.ended_at]))
        return f"no time per turn; the event ran {ran}"
    return "no time recorded"


def context_parts(text: str, quote: str, around: int = 1) -> tuple[str, list[tuple[str, bool]], str]:
    """The quote in its paragraph, marked, with a sentence either side: ('… ' where the turn goes on before,
    the (text, marked) parts, ' …' where it goes on after)."""
    start = text.find(quote)
    if start < 0 or not quote:
        return "", [(quote, True)], ""
    end = start + len(quote)
    first = max(text.rfind("\n\n", 0, start), -2) + 2
    last = text.find("\n\n", end)
    last = len(text) if last < 0 else last
    spans = [s for s in sentence_spans(text) if s[0] >= first and s[1] <= last]
    before = [s for s in spans if s[1] <= start][-around:]
    after = [s for s in spans if s[0] >= end][:around]
    lo = before[0][0] if before else start
    hi = after[-1][1] if after else end
    head = "… " if text[:lo].strip() else ""
    tail = " …" if text[hi:].strip() else ""
    return head, [(text[lo:start], False), (quote, True), (text[end:hi], False)], tail


# -- the transcript viewer -----------------------------------------------------------------------


def transcript_html(
    transcript: Transcript | None, focus: int | None = None, marks: dict[int, list[Citation]] | None = None,
    current: int | None = None, found: dict[int, list[tuple[int, int]]] | None = None,
) -> str:  # fmt: skip
    """Every turn, speaker by speaker; the focused turn highlighted, the cited quotes marked where they stand
    (the `current` one apart: the quote the reader clicked), or else the spans a search `found`."""
    if transcript is None:
        return empty_html("No transcript selected. Upload one, or pick one above.")
    marks, found = marks or {}, found or {}
    hit = iter(range(1, 1 + sum(len(v) for v in found.values())))
    turns = [_turn(t, t.index == focus, marks.get(t.index, []), current, found.get(t.index, []), hit) for t in transcript.turns]
    return render(
        "transcript.html", transcript=transcript, focus="" if focus is None else focus, turns=turns,
        speakers=len(transcript.speakers()), span=time_span(transcript),
    )  # fmt: skip


def _turn(turn: Turn, focused: bool, cited: list[Citation], current: int | None, found: list, hit) -> dict:
    classes = ["pod-turn", f"kind-{turn.kind}", focused and "pod-focus", (cited or found) and "pod-cited"]
    return {
        "index": turn.index, "speaker": turn.speaker, "role": short_role(turn.speaker, turn.role), "kind": turn.kind,
        "kind_label": KIND_LABELS.get(turn.kind, turn.kind), "reply_to": turn.reply_to, "time": turn_time(turn),
        "classes": " ".join(filter(None, classes)),
        "parts": _marked(turn.text, cited, current if focused else None, found, hit),
    }  # fmt: skip


def _marked(text: str, cited: list[Citation], current: int | None, found: list, hit) -> list[dict]:
    """The turn's text in parts: plain, a cited quote (numbered as in the answer; `current` marked apart),
    or a search hit (numbered through the transcript)."""
    spans = []
    for c in cited:
        at = text.find(c.quote)
        if at >= 0 and c.quote and not any(a < at + len(c.quote) and at < b for a, b, _ in spans):
            spans.append((at, at + len(c.quote), {"n": c.n, "current": c.n == current}))
    spans += [(a, b, {"hit": next(hit)}) for a, b in found if not any(x < b and a < y for x, y, _ in spans)]
    plain = {"n": None, "current": False, "hit": None}
    out, pos = [], 0
    for a, b, mark in sorted(spans, key=lambda s: s[0]):
        out += [plain | {"text": text[pos:a]}, plain | mark | {"text": text[a:b]}]
        pos = b
    out.append(plain | {"text": text[pos:]})
    return out


# -- uploads -------------------------------------------------------------------------------------


def upload_html(results: list) -> str:
    """One line per file: what was stored and how many turns, or the reason it could not be read."""
    if not results:
        return empty_html("Pick one or more transcript files: text, Markdown, HTML, PDF, captions (VTT, SRT), JSON or CSV.")
    rows = [_upload_row(r) for r in results]
    return render("uploads.html", rows=rows, stored=sum(r.ok for r in results))


def _upload_row(r) -> dict:
    if not r.ok:
        return {"result": r}
    speakers = ", ".join(r.speakers[:6]) + (f" and {len(r.speakers) - 6} more" if len(r.speakers) > 6 else "")
    warnings = list(r.warnings)
    if not warnings and r.speakers == ["Unknown speaker"]:
        warnings = ["No speaker labels found: each paragraph became a turn of an unknown speaker."]
    status = {"unchanged": "already stored, unchanged"}.get(r.status, r.status)
    return {"result": r, "speakers": speakers, "warnings": warnings, "status": status}


# -- helpers -------------------------------------------------------------------------------------


def turn_of(transcript: Transcript | None, index: int) -> Turn | None:
    """The turn of that index, or None (a transcript removed since, or none)."""
    if transcript is None:
        return None
    return next((t for t in transcript.turns if t.index == index), None)


def empty_html(message: str) -> str:
    return render("empty.html", message=message)
