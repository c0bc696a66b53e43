"""The newsroom UI's event handlers over the shared engine; app.web.ui lays out the page and wires them."""

from __future__ import annotations

import logging

import gradio as gr

from chat.contract import Answer, Citation
from chat.formatting import short_role
from index.deadline import DeadlineExceeded, deadline

from ..exports import FORMATS, export, to_markdown
from .dates import parse_date
from .examples import Examples, examples
from .jinja import render
from .timeline import timeline_svg
from .views import answer_markdown, sources_html, transcript_html, unsupported_markdown

log = logging.getLogger(__name__)

ALL = "*"  # the dropdowns' "no filter" choice (Gradio reserves None)
NO_FILTER = "No filter: every press conference, every speaker."  # until the page's load counts them
EXPORTS = [("markdown", "Markdown"), ("csv", "CSV"), ("json", "JSON")]


def new_session() -> dict:
    return {"messages": [], "owners": [], "questions": [], "answers": [], "scopes": [], "shown": None}


class Handlers:
    """The event handlers; each returns the new values of its outputs."""

    def __init__(self, engine, seconds: float = 30.0):
        """seconds: the deadline of one answer, as the API's (its work stops there)."""
        self.engine = engine
        self.seconds = seconds
        self.store = engine.store
        self._examples: tuple[str, Examples | None] = ("", None)  # per committed state of the store

    # -- lists for the dropdowns, the page's examples ----------------------------------------------

    def transcript_choices(self, everything: bool) -> list[tuple[str, str]]:
        entries = [(f"{e.title} · {e.date or 'no date'}", e.id) for e in self.store.transcripts()]
        return [("All press conferences", ALL)] + entries if everything else entries

    def speaker_choices(self, transcript: str | None) -> list[tuple[str, str]]:
        found: dict[str, str | None] = {}
        for entries in self.store.speakers([transcript] if transcript else None).values():
            for entry in entries:
                found[entry.name] = found.get(entry.name) or short_role(entry.name, entry.role)
        names = sorted(found, key=str.lower)
        return [("Anyone", ALL)] + [(f"{n} — {found[n]}" if found[n] else n, n) for n in names]

    def load(self):
        """Fresh lists on every page load: another process may have ingested since."""
        viewable = self.transcript_choices(False)
        first = viewable[0][1] if viewable else None
        return (
            gr.Dropdown(choices=self.transcript_choices(True), value=ALL),
            gr.Dropdown(choices=self.speaker_choices(None), value=ALL),
            gr.Dropdown(choices=viewable, value=first),
            *self.views(first, None, None),
            self.note(ALL, ALL, None, None),
        )

    def examples(self) -> Examples | None:
        fingerprint = self.store.view().fingerprint
        if self._examples[0] != fingerprint:
            self._examples = (fingerprint, examples(self.store))
        return self._examples[1]

    def pickers(self) -> tuple[str, str]:
        """The date boxes' calendars, opening on the first and the last date the archive holds."""
        dates = sorted(e.date for e in self.store.transcripts() if e.date)
        first, last = (dates[0], dates[-1]) if dates else ("", "")
        return tuple(
            render("picker.html", which=which, target=target, first=first, last=last, opens=opens)
            for which, target, opens in (("From", "pod-from", first), ("To", "pod-to", last))
        )  # fmt: skip

    # -- the filters -------------------------------------------------------------------------------

    def scope(self, transcript: str, speaker: str, date_from, date_to) -> dict:
        """The filters as the engine and the search take them; a ValueError for a date it cannot read."""
        return {
            "transcript": value(transcript), "speaker": value(speaker),
            "date_from": parse_date(date_from, "From"), "date_to": parse_date(date_to, "To"),
        }  # fmt: skip

    def describe(self, scope: dict) -> str:
        return describe_filters(self._title(scope["transcript"]), scope["speaker"], scope["date_from"], scope["date_to"])

    def note(self, transcript: str, speaker: str, date_from, date_to) -> str:
        try:
            described = self.describe(self.scope(transcript, speaker, date_from, date_to))
        except ValueError as exc:
            return f"**{exc}** The next question waits for a date it can read."
        if described:
            return f"**{described}** (next question and search)"
        count = len(self.store.transcripts())
        return f"No filter: all {count} press conference{'s' if count != 1 else ''}, every speaker."

    def filter_transcript(self, transcript: str, speaker: str):
        choices = self.speaker_choices(value(transcript))
        keep = speaker if speaker in {v for _, v in choices} else ALL
        return gr.Dropdown(choices=choices, value=keep)

    # -- asking ------------------------------------------------------------------------------------

    def echo(self, question: str, session: dict, transcript: str, speaker: str, date_from, date_to):
        """Show the question at once with a reply saying what is being searched; the filters are taken now."""
        question = (question or "").strip()
        if not question:
            return session["messages"], "", session, gr.skip()
        try:
            asked = {"question": question} | self.scope(transcript, speaker, date_from, date_to)
        except ValueError as exc:  # a date it cannot read: said at once, nothing asked
            session["messages"].append({"role": "user", "content": question})
            session["owners"].append(None)
            return self._error(session, str(exc)), "", session, gr.skip()
        asked["scope"] = self.describe(asked)
        doing = self.searching(asked)
        session["messages"] += [
            {"role": "user", "content": question + (f"\n\n*{asked['scope']}*" if asked["scope"] else "")},
            {"role": "assistant", "content": "", "metadata": {"title": f"{doing}…", "status": "pending"}},
        ]
        session["owners"] += [None, None]
        session["pending"] = asked
        return session["messages"], "", session, render("status.html", message=f"{doing} for “{question}”…")

    def searching(self, asked: dict) -> str:
        """'Searching 226 press conferences', or what the filters leave of them."""
        entries = self.store.transcripts()
        keep = [
            e for e in entries if (not asked["transcript"] or e.id == asked["transcript"])
            and (not asked["date_from"] or (e.date or "") >= asked["date_from"])
            and (not asked["date_to"] or (e.date or "9999") <= asked["date_to"])
        ]  # fmt: skip
        said = f" for {asked['speaker']}’s words" if asked["speaker"] else ""
        if asked["speaker"]:
            holding = self.store.speakers([e.id for e in keep])
            keep = [e for e in keep if any(s.name == asked["speaker"] for s in holding.get(e.id, []))]
        return f"Searching {len(keep)} press conference{'' if len(keep) == 1 else 's'}{said}"

    def answer(self, session: dict):
        asked = session.pop("pending", None)
        if not asked:
            return session["messages"], session, gr.skip(), gr.skip(), gr.skip()
        session["messages"], session["owners"] = session["messages"][:-1], session["owners"][:-1]
        try:
            with deadline(self.seconds):
                answer = self.engine.ask(
                    asked["question"], speaker=asked["speaker"], transcript=asked["transcript"],
                    history=list(session["questions"]), date_from=asked["date_from"], date_to=asked["date_to"],
                )  # fmt: skip
        except DeadlineExceeded:
            text = f"This took longer than {self.seconds:g} s and was stopped; try a narrower question or filter."
            return self._error(session, text), session, self.sources(session), gr.skip(), gr.skip()
        except Exception:  # noqa: BLE001 - the reporter sees a message, the log the traceback
            log.exception("answering %r failed", asked["question"])
            text = "Something went wrong answering this; the server log has the details."
            return self._error(session, text), session, self.sources(session), gr.skip(), gr.skip()
        session["questions"].append(asked["question"])
        session["answers"].append(answer.model_dump())
        session["scopes"].append(asked["scope"])
        session["shown"] = len(session["answers"]) - 1
        for message in chat_messages(answer, session["shown"]):
            session["messages"].append(message)
            session["owners"].append(session["shown"])
        return session["messages"], session, self.sources(session), gr.Tabs(selected="sources"), export_html(session)

    def _error(self, session: dict, text: str) -> list[dict]:
        session["messages"].append({"role": "assistant", "content": f"{label('error', 'Could not search')}\n\n{text}"})
        session["owners"].append(None)
        return session["messages"]

    def select_message(self, session: dict, event: gr.SelectData):
        """Clicking an earlier reply (or one of its [n] links) shows that reply's sources."""
        index = event.index if isinstance(event.index, int) else None
        owner = session["owners"][index] if index is not None and index < len(session["owners"]) else None
        if owner is None:
            return session, gr.skip(), gr.skip()
        session["shown"] = owner
        return session, self.sources(session), gr.Tabs(selected="sources")

    def reset(self):
        session = new_session()
        return [], session, sources_html(None, {}), export_html(session)

    def sources(self, session: dict) -> str:
        answer = _shown(session)
        ids = {c.transcript_id for c in answer.citations} if answer else set()
        scope = session["scopes"][session["shown"]] if answer else ""
        return sources_html(answer, {i: self.store.transcript(i) for i in ids}, scope, session["shown"] or 0)

    # -- the transcript viewer ---------------------------------------------------------------------

    def open_citation(self, session: dict, event: gr.EventData):
        """The viewer at the quote's turn, the quote clicked marked apart and brought into view."""
        transcript, turn, n = event.transcript, int(event.turn), getattr(event, "n", None)
        picker = gr.Dropdown(choices=self.transcript_choices(False), value=transcript)
        return picker, *self.views(transcript, turn, session, int(n) if n else None), gr.Tabs(selected="transcript")

    def pick(self, transcript: str, session: dict):
        return self.views(transcript, None, session)

    def views(self, transcript_id: str | None, focus: int | None, session: dict | None, current: int | None = None):
        answer = _shown(session) if session else None
        return self.render(transcript_id, focus, answer.citations if answer else [], current)

    def render(self, transcript_id, focus, cited: list[Citation], current: int | None = None, found=None):
        """The timeline and the viewer of one transcript, the quotes of `cited` marked where they stand
        (`current` apart), or the spans a search `found`."""
        transcript = self.store.transcript(transcript_id) if transcript_id else None
        marks: dict[int, list] = {}
        for c in cited:
            if c.transcript_id == transcript_id:
                marks.setdefault(c.turn_index, []).append(c)
        shown = set(marks) | set(found or {})
        return timeline_svg(transcript, shown), transcript_html(transcript, focus, marks, current, found)

    def _title(self, transcript_id: str | None) -> str | None:
        if not transcript_id:
            return None
        return next((e.title for e in self.store.transcripts() if e.id == transcript_id), transcript_id)


def chat_messages(answer: Answer, index: int = 0) -> list[dict]:
    """The reply bubbles: a refusal labelled and styled as one; unsupported sentences in a bubble of their own."""
    text = answer_markdown(answer, index)
    if answer.refused:
        text = f"{label('refused', 'Not answered')}\n\n{text}"
    messages = [{"role": "assistant", "content": text}]
    if answer.unsupported:
        dropped = f"{label('unsupported', 'Unsupported, dropped')}\n\n{unsupported_markdown(answer)}"
        messages.append({"role": "assistant", "content": dropped})
    return messages


def export_html(session: dict) -> str:
    """The conversation's quotes as Markdown, CSV and JSON files (the same as POST /api/export), and as text
    to copy; nothing before the first answer."""
    answers = [Answer(**a) for a in session["answers"]]
    quotes = sum(len(a.citations) for a in answers)
    if not quotes:
        return ""
    files = [
        {"name": f"podium-quotes.{FORMATS[f][1]}", "type": FORMATS[f][0], "label": label_, "text": export(answers, f)}
        for f, label_ in EXPORTS
    ]
    return render("export.html", quotes=quotes, files=files, markdown=to_markdown(answers))


def label(kind: str, text: str) -> str:
    """A label the stylesheet colours, and through it the whole bubble (see .pod-label in the stylesheet)."""
    return render("label.html", kind=kind, text=text)


def describe_filters(title: str | None, speaker: str | None, date_from: str | None, date_to: str | None) -> str:
    parts = []
    if speaker:
        parts.append(f"speaker {speaker}")
    if title:
        parts.append(f"in {title}")
    if date_from or date_to:
        parts.append(f"dated {date_from or '…'} to {date_to or '…'}")
    return "Filtered: " + "; ".join(parts) if parts else ""


def _shown(session: dict) -> Answer | None:
    index = session.get("shown")
    return Answer(**session["answers"][index]) if index is not None else None


def value(choice: str | None) -> str | None:
    """A dropdown's value as a filter: None for "no filter"."""
    return None if not choice or choice == ALL else choice
