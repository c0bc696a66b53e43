"""The newsroom UI's event handlers over the shared engine; app.web.ui lays out the page and wires them."""

from __future__ import annotations

import logging
import re
from datetime import date
from pathlib import Path

import gradio as gr

from ..uploads import UploadResult, ingest_upload
from chat.formatting import short_role
from chat.contract import Answer, Citation
from ..settings import AppSettings
from .jinja import render
from .timeline import timeline_svg
from .views import answer_markdown, sources_html, transcript_html, unsupported_markdown, upload_html

log = logging.getLogger(__name__)

ALL = "*"  # the dropdowns' "no filter" choice (Gradio reserves None)
NO_FILTER = "No filter: every press conference, every speaker."  # until the page's load counts them


def new_session() -> dict:
    return {"messages": [], "owners": [], "questions": [], "answers": [], "scopes": [], "shown": None}


class Handlers:
    """The event handlers; each returns the new values of its outputs."""

    def __init__(self, engine, settings: AppSettings):
        self.engine = engine
        self.store = engine.store
        self.limit = settings.max_upload_mb * 2**20

    # -- lists for the dropdowns -------------------------------------------------------------------

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

    def note(self, transcript: str, speaker: str, date_from, date_to) -> str:
        described = describe_filters(self._title(_value(transcript)), _value(speaker), _text(date_from), _text(date_to))
        if described:
            return f"**{described}** (next question)"
        count = len(self.store.transcripts())
        return f"No filter: all {count} press conference{'s' if count != 1 else ''}, every speaker."

    def filter_transcript(self, transcript: str, speaker: str):
        choices = self.speaker_choices(_value(transcript))
        keep = speaker if speaker in {v for _, v in choices} else ALL
        return gr.Dropdown(choices=choices, value=keep)

    # -- asking ------------------------------------------------------------------------------------

    def echo(self, question: str, session: dict, transcript: str, speaker: str, date_from, date_to):
        """Show the question at once, with a pending reply; the filters are taken now, for the answer that follows."""
        question = (question or "").strip()
        if not question:
            return session["messages"], "", session
        asked = {"question": question, "transcript": _value(transcript), "speaker": _value(speaker)}
        asked |= {"date_from": _text(date_from), "date_to": _text(date_to)}
        title = self._title(asked["transcript"])
        asked["scope"] = describe_filters(title, asked["speaker"], asked["date_from"], asked["date_to"])
        session["messages"] += [
            {"role": "user", "content": question + (f"\n\n*{asked['scope']}*" if asked["scope"] else "")},
            {"role": "assistant", "content": "", "metadata": {"title": "Searching the transcripts…", "status": "pending"}},
        ]
        session["owners"] += [None, None]
        session["pending"] = asked
        return session["messages"], "", session

    def answer(self, session: dict):
        asked = session.pop("pending", None)
        if not asked:
            return session["messages"], session, gr.skip(), gr.skip()
        session["messages"], session["owners"] = session["messages"][:-1], session["owners"][:-1]
        try:
            answer = self._ask(asked, session["questions"])
        except ValueError as exc:  # a date that is not one
            return self._error(session, str(exc)), session, gr.skip(), gr.skip()
        except Exception:  # noqa: BLE001 - the reporter sees a message, the log the traceback
            log.exception("answering %r failed", asked["question"])
            text = "Something went wrong answering this; the server log has the details."
            return self._error(session, text), session, gr.skip(), gr.skip()
        session["questions"].append(asked["question"])
        session["answers"].append(answer.model_dump())
        session["scopes"].append(asked["scope"])
        session["shown"] = len(session["answers"]) - 1
        for message in chat_messages(answer):
            session["messages"].append(message)
            session["owners"].append(session["shown"])
        return session["messages"], session, self.sources(session), gr.Tabs(selected="sources")

    def _ask(self, asked: dict, history: list[str]) -> Answer:
        return self.engine.ask(
            asked["question"], speaker=asked["speaker"], transcript=asked["transcript"], history=list(history),
            date_from=_date(asked["date_from"], "From"), date_to=_date(asked["date_to"], "To"),
        )  # fmt: skip

    def _error(self, session: dict, text: str) -> list[dict]:
        session["messages"].append({"role": "assistant", "content": f"{label('error', 'Could not search')}\n\n{text}"})
        session["owners"].append(None)
        return session["messages"]

    def select_message(self, session: dict, event: gr.SelectData):
        """Clicking an earlier reply shows that reply's sources."""
        index = event.index if isinstance(event.index, int) else None
        owner = session["owners"][index] if index is not None and index < len(session["owners"]) else None
        if owner is None:
            return session, gr.skip(), gr.skip()
        session["shown"] = owner
        return session, self.sources(session), gr.Tabs(selected="sources")

    def reset(self):
        session = new_session()
        return [], session, sources_html(None, {})

    def sources(self, session: dict) -> str:
        answer = _shown(session)
        ids = {c.transcript_id for c in answer.citations} if answer else set()
        scope = session["scopes"][session["shown"]] if answer else ""
        return sources_html(answer, {i: self.store.transcript(i) for i in ids}, scope)

    # -- the transcript viewer ---------------------------------------------------------------------

    def open_citation(self, session: dict, event: gr.EventData):
        transcript, turn = event.transcript, int(event.turn)
        picker = gr.Dropdown(choices=self.transcript_choices(False), value=transcript)
        return picker, *self.views(transcript, turn, session), gr.Tabs(selected="transcript")

    def pick(self, transcript: str, session: dict):
        return self.views(transcript, None, session)

    def views(self, transcript_id: str | None, focus: int | None, session: dict | None) -> tuple[str, str]:
        answer = _shown(session) if session else None
        return self.render(transcript_id, focus, answer.citations if answer else [])

    def render(self, transcript_id: str | None, focus: int | None, cited: list[Citation]) -> tuple[str, str]:
        """The timeline and the viewer of one transcript, the quotes of `cited` marked where they stand."""
        transcript = self.store.transcript(transcript_id) if transcript_id else None
        marks: dict[int, list] = {}
        for c in cited:
            if c.transcript_id == transcript_id:
                marks.setdefault(c.turn_index, []).append(c)
        return timeline_svg(transcript, set(marks)), transcript_html(transcript, focus, marks)

    # -- uploads -----------------------------------------------------------------------------------

    def upload(self, paths: list[str] | None, viewing: str | None, *scope, progress=gr.Progress()):
        """Store each file, saying per file what was found; the lists update; an empty viewer shows the first new one."""
        results = []
        paths = paths or []
        for i, path in enumerate(paths):
            name = Path(path).name
            progress((i, len(paths)), desc=f"Reading {name}", unit="files")
            results.append(self._ingest_one(path, name))
        progress((len(paths), len(paths)), unit="files")
        stored = [r.transcript_id for r in results if r.ok]
        show = viewing or (stored[0] if stored else None)
        return (
            upload_html(results),
            gr.Dropdown(choices=self.transcript_choices(True)),
            gr.Dropdown(choices=self.speaker_choices(_value(scope[0]))),
            gr.Dropdown(choices=self.transcript_choices(False), value=show),
            self.note(*scope),
            *(self.views(show, None, None) if show != viewing else (gr.skip(), gr.skip())),
        )

    def _ingest_one(self, path: str, name: str) -> UploadResult:
        size = Path(path).stat().st_size
        if size > self.limit:
            return UploadResult(file=name, ok=False, error=f"over the {self.limit // 2**20} MB limit for one file")
        try:
            return ingest_upload(self.store, name, Path(path).read_bytes())
        except Exception:  # noqa: BLE001 - one bad file must not lose the others' results
            log.exception("storing %s failed", name)
            return UploadResult(file=name, ok=False, error="it could not be stored; the server log has the details")

    def _title(self, transcript_id: str | None) -> str | None:
        if not transcript_id:
            return None
        return next((e.title for e in self.store.transcripts() if e.id == transcript_id), transcript_id)


def chat_messages(answer: Answer) -> list[dict]:
    """The reply bubbles: a refusal labelled and styled as one; unsupported sentences in a bubble of their own."""
    text = answer_markdown(answer)
    if answer.refused:
        text = f"{label('refused', 'Not answered')}\n\n{text}"
    messages = [{"role": "assistant", "content": text}]
    if answer.unsupported:
        dropped = f"{label('unsupported', 'Unsupported, dropped')}\n\n{unsupported_markdown(answer)}"
        messages.append({"role": "assistant", "content": dropped})
    return messages


def label(kind: str, text: str) -> str:
    """A label the stylesheet colours, and through it the whole bubble (see .pod-label in style.py)."""
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


def _value(choice: str | None) -> str | None:
    return None if not choice or choice == ALL else choice


def _text(value) -> str | None:
    return str(value).strip() or None if value else None


def _date(text: str | None, which: str) -> str | None:
    """'2024-04-26' from what the date box holds; a ValueError in plain words for anything else."""
    if text is None:
        return None
    match = re.match(r"\d{4}-\d{2}-\d{2}", text)
    if not match:
        raise ValueError(f"The {which} date “{text}” is not a date: write it as YYYY-MM-DD.")
    try:
        date.fromisoformat(match.group())
    except ValueError:
        raise ValueError(f"The {which} date {match.group()} does not exist.") from None
    return match.group()
