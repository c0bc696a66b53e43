"""HTML views for the newsroom UI: the answer in the chat, the sources panel, the transcript viewer, upload results.

Pure functions from the engine's models to strings, so that they can be tested without a browser.
"""

from __future__ import annotations

import re
from html import escape

from ingest import Transcript, Turn
from ingest.sentences import sentence_spans

from chat.contract import Answer, Citation
from chat.formatting import moment, offset, short_role, time_span, turn_time

KIND_LABELS = {"question": "question", "answer": "answer", "remark": "statement", "moderator": "moderator"}
_MARKDOWN = re.compile(r"([\\`*_{}\[\]<>#|~$])")


# -- the chat ------------------------------------------------------------------------------------


def answer_markdown(answer: Answer) -> str:
    """The engine's text for the chat bubble: verbatim, Markdown characters escaped, the [n] markers bold."""
    return re.sub(r"\\\[(\d+)\\\]", r"**[\1]**", _md(answer.answer))


def unsupported_markdown(answer: Answer) -> str:
    lines = ["These sentences were dropped: no transcript supports them."]
    lines += [f"- ~~{_md(s)}~~" for s in answer.unsupported]
    return "\n".join(lines)


# -- the sources panel ---------------------------------------------------------------------------


def sources_html(answer: Answer | None, transcripts: dict[str, Transcript | None], scope: str = "") -> str:
    """One card per citation: who, role, where, when, the quote in its turn, and the two actions."""
    if answer is None:
        return empty_html(
            "Ask a question: the quotes the answer cites appear here, each with its speaker, time and context."
        )
    parts = [_verdict(answer, scope)]
    for citation in answer.citations:
        transcript = transcripts.get(citation.transcript_id)
        turn = turn_of(transcript, citation.turn_index)
        parts.append(source_card(citation, turn, answer.refused))
    if not answer.citations and not answer.refused:
        parts.append(empty_html("The answer cites no quotes."))
    return f'<div class="pod-sources">{"".join(parts)}</div>'


def _verdict(answer: Answer, scope: str) -> str:
    if answer.refused:
        more = " The quotes below are what others said on the topic." if answer.citations else ""
        if scope:
            more += f" {escape(scope)}: the filters may have left the answer out."
        return (
            '<div class="pod-banner pod-refused"><strong>Not answered.</strong> '
            f"The transcripts don't support an answer to “{escape(answer.question)}”.{more}</div>"
        )
    banner = f'<div class="pod-banner pod-answered">{len(answer.citations)} quote(s) for “{escape(answer.question)}”</div>'
    if answer.unsupported:
        items = "".join(f"<li>{escape(s)}</li>" for s in answer.unsupported)
        banner += (
            '<div class="pod-banner pod-unsupported"><strong>Unsupported, dropped:</strong> '
            f"no transcript supports these sentences.<ul>{items}</ul></div>"
        )
    return banner


def source_card(c: Citation, turn: Turn | None, other: bool = False) -> str:
    """`other`: a dashed card, for quotes that are not the answer (a refusal's, a quote check's nearest passages)."""
    who = ", ".join(filter(None, [escape(c.speaker), escape(short_role(c.speaker, c.role) or "")]))
    meta = " · ".join(filter(None, [c.transcript_title, c.date, when_said(c), f"turn {c.turn_index}"]))
    kind = KIND_LABELS.get(c.kind, c.kind)
    return (
        f'<article class="pod-source{" pod-source-other" if other else ""}" data-n="{c.n}">'
        f'<header><span class="pod-n">[{c.n}]</span> <strong class="pod-speaker">{who}</strong>'
        f' <span class="pod-kind kind-{escape(c.kind)}">{escape(kind)}</span></header>'
        f'<div class="pod-meta">{escape(meta)}</div>'
        f'<blockquote class="pod-context">{context_html(turn.text if turn else c.quote, c.quote)}</blockquote>'
        '<div class="pod-actions">'
        f'<button type="button" class="pod-open" data-transcript="{escape(c.transcript_id)}" data-turn="{c.turn_index}"'
        f' data-n="{c.n}">Open in transcript</button>'
        f'<button type="button" class="pod-copy" data-copy="{escape(copy_line(c))}">Copy quote</button>'
        "</div></article>"
    )


def when_said(c: Citation) -> str:
    """When the quote was said: the wall-clock time, or the offset into the recording."""
    return moment(c.timestamp, c.start, c.end) or "no time recorded"


def copy_line(c: Citation) -> str:
    """'"..." (Chen Shaobo, Executive Vice Governor, SCIO press conference, 2024-04-26 10:27:15)'."""
    if c.timestamp:
        at = c.timestamp.replace("T", " ")[:19]
    elif c.start is not None:
        at = " ".join(filter(None, [c.date, f"at {offset(c.start)} into the recording"]))
    else:
        at = c.date or ""
    parts = [c.speaker, short_role(c.speaker, c.role), "as interpreted" if c.interpreted else None, c.transcript_title, at]
    return f'"{c.quote}" ({", ".join(p for p in parts if p)})'


def context_html(text: str, quote: str, around: int = 1) -> str:
    """The quote in its paragraph, highlighted, with a sentence either side; '…' where the turn goes on."""
    start = text.find(quote)
    if start < 0 or not quote:
        return f"<mark>{_paragraphs(quote)}</mark>"
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
    return f"{head}{_paragraphs(text[lo:start])}<mark>{_paragraphs(quote)}</mark>{_paragraphs(text[end:hi])}{tail}"


# -- the transcript viewer -----------------------------------------------------------------------


def transcript_html(
    transcript: Transcript | None, focus: int | None = None, marks: dict[int, list[Citation]] | None = None
) -> str:
    """Every turn, speaker by speaker; the focused turn highlighted, the answer's quotes marked where they stand."""
    if transcript is None:
        return empty_html("No transcript selected. Upload one, or pick one above.")
    marks = marks or {}
    speakers = len(transcript.speakers())
    head = (
        f'<div class="pod-tr-head"><h3>{escape(transcript.title)}</h3><div class="pod-meta">'
        f"{escape(transcript.date or 'no date')} · {len(transcript.turns)} turns · {speakers} speakers · "
        f"{escape(time_span(transcript))} · {escape(transcript.format)}</div></div>"
    )
    turns = "".join(_turn_html(t, t.index == focus, marks.get(t.index, [])) for t in transcript.turns)
    return f'<div class="pod-transcript" data-focus="{"" if focus is None else focus}">{head}{turns}</div>'


def _turn_html(turn: Turn, focused: bool, cited: list[Citation]) -> str:
    role = short_role(turn.speaker, turn.role)
    kind = KIND_LABELS.get(turn.kind, turn.kind)
    reply = f' <span class="pod-reply">replies to turn {turn.reply_to}</span>' if turn.reply_to is not None else ""
    classes = " ".join(filter(None, ["pod-turn", f"kind-{turn.kind}", focused and "pod-focus", cited and "pod-cited"]))
    head = (
        f'<div class="pod-turn-head"><span class="pod-turn-n">{turn.index}</span>'
        f'<span class="pod-time">{escape(turn_time(turn))}</span> <strong>{escape(turn.speaker)}</strong>'
        f'{f", {escape(role)}" if role else ""} <span class="pod-kind kind-{turn.kind}">{escape(kind)}</span>{reply}</div>'
    )
    body = _marked(turn.text, cited)
    return f'<section class="{classes}" id="podium-turn-{turn.index}" data-turn="{turn.index}">{head}{body}</section>'


def _marked(text: str, cited: list[Citation]) -> str:
    """The turn's text with each cited quote wrapped in <mark>, numbered as in the answer."""
    spans = []
    for c in cited:
        at = text.find(c.quote)
        if at >= 0 and c.quote and not any(a < at + len(c.quote) and at < b for a, b, _ in spans):
            spans.append((at, at + len(c.quote), c.n))
    out, pos = [], 0
    for a, b, n in sorted(spans):
        out.append(_paragraphs(text[pos:a]))
        out.append(f'<mark data-n="{n}">{_paragraphs(text[a:b])}<sup>[{n}]</sup></mark>')
        pos = b
    out.append(_paragraphs(text[pos:]))
    return f'<div class="pod-turn-text">{"".join(out)}</div>'


# -- uploads -------------------------------------------------------------------------------------


def upload_html(results: list) -> str:
    """One line per file: what was stored and how many turns, or the reason it could not be read."""
    if not results:
        return empty_html("Pick one or more transcript files: text, Markdown, HTML, PDF, captions (VTT, SRT), JSON or CSV.")
    rows = "".join(_stored(r) if r.ok else _rejected(r) for r in results)
    summary = f"{sum(r.ok for r in results)} of {len(results)} file(s) stored."
    return f'<div class="pod-uploads"><div class="pod-meta">{summary}</div><ul>{rows}</ul></div>'


def _stored(r) -> str:
    speakers = ", ".join(r.speakers[:6]) + (f" and {len(r.speakers) - 6} more" if len(r.speakers) > 6 else "")
    status = {"unchanged": "already stored, unchanged"}.get(r.status, r.status)
    warnings = list(getattr(r, "warnings", None) or [])  # once UploadResult carries the parser's warnings
    if not warnings and r.speakers == ["Unknown speaker"]:
        warnings = ["No speaker labels found: each paragraph became a turn of an unknown speaker."]
    notes = "".join(f'<div class="pod-warning">{escape(w)}</div>' for w in warnings)
    detail = f"{status}: <strong>{r.turns} turns</strong>, {len(r.speakers)} speakers ({escape(speakers)})"
    return (
        f'<li class="pod-up-ok"><span class="pod-up-mark">✓</span> <strong>{escape(r.file)}</strong> — {detail}'
        f' · id {escape(r.transcript_id or "")}{notes}</li>'
    )


def _rejected(r) -> str:
    return (
        f'<li class="pod-up-error"><span class="pod-up-mark">✗</span> <strong>{escape(r.file)}</strong> — '
        f"not stored: {escape(r.error or 'unreadable')}</li>"
    )


# -- helpers -------------------------------------------------------------------------------------


def turn_of(transcript: Transcript | None, index: int) -> Turn | None:
    if transcript is None:
        return None
    return next((t for t in transcript.turns if t.index == index), None)


def _md(text: str) -> str:
    return _MARKDOWN.sub(r"\\\1", text)


def _paragraphs(text: str) -> str:
    """Escaped text; its paragraph breaks show through CSS white-space: pre-line."""
    return escape(text)


def empty_html(message: str) -> str:
    return f'<div class="pod-empty">{escape(message)}</div>'
