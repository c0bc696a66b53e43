"""The newsroom UI (Gradio Blocks): ask with follow-ups and filters, read the sources and export them, search
inside the transcripts, check a quote, see a press conference's overview and timeline, open the transcript at
a cited quote, upload and delete transcripts.

It drives the same loaded engine as the JSON API: app.server mounts both on one app.
Modules: layout (the components), handlers (asking, sources, viewer), finder (search), check and overview
(those tabs), library (uploads, the stored list), views (HTML), timeline (the SVG plot), dates (typed dates),
examples (from what is indexed), style (CSS and scripts, in assets/); the markup is in templates/.
"""

from __future__ import annotations

import gradio as gr

from ..settings import AppSettings
from .check import QuoteCheck
from .finder import Finder
from .handlers import Handlers, new_session
from .layout import page
from .library import Library
from .overview import Outline
from .style import CSS

__all__ = ["CSS", "build_ui"]

ASK_LIMIT = 16  # questions answered at once: several reporters never queue behind one another
VIEW_LIMIT = 32  # transcript views, lists, searches
INGEST_LIMIT = 2  # uploads embed on the CPU: two at a time
QUIET = {"concurrency_limit": VIEW_LIMIT, "show_progress": "hidden"}
INSTANT = {"concurrency_limit": None, "show_progress": "hidden"}  # no limit: they only touch the session


def build_ui(engine, settings: AppSettings | None = None) -> gr.Blocks:
    settings = settings or AppSettings()
    ui = Handlers(engine, settings.request_seconds)
    with gr.Blocks(title="Podium", analytics_enabled=False) as blocks:
        session, checked, found = gr.State(new_session()), gr.State(None), gr.State(None)
        p = page()
        blocks.load(ui.load, outputs=[p.f_transcript, p.f_speaker, p.picker, p.timeline, p.viewer, p.note], **QUIET)
        blocks.load(lambda: _examples(ui), outputs=[p.question, p.chat, p.c_quote], **QUIET)
        blocks.load(ui.pickers, outputs=[p.from_pick, p.to_pick], **QUIET)
        _wire_filters(ui, p)
        _wire_asking(ui, p, session)
        library = Library(ui, settings.max_upload_mb * 2**20)
        blocks.load(library.listing, outputs=p.library, **QUIET)
        refreshed = [p.f_transcript, p.f_speaker, p.picker, p.note, p.timeline, p.viewer, p.library]
        uploaded = p.files.upload(
            library.upload, [p.files, p.picker, *p.scope], [p.results, *refreshed, p.files],
            concurrency_limit=INGEST_LIMIT, concurrency_id="ingest", show_progress_on=p.results,
        )  # fmt: skip
        removed = p.library.remove(library.remove, [p.picker, *p.scope], [p.results, *refreshed], **QUIET)
        finder = Finder(ui)
        for start in (p.s_query.submit, p.s_run.click):
            start(finder.run, [p.s_query, *p.scope], [p.s_results, found], **QUIET | {"show_progress": "minimal"})
        p.s_results.cite(finder.open, [found], p.opens, **QUIET)
        p.find.submit(finder.find, [p.find, p.picker], [p.viewer, p.found], **QUIET)
        p.picker.change(lambda: ("", ""), outputs=[p.find, p.found], **INSTANT)  # a new transcript, a new search
        _wire_check(blocks, (uploaded, removed), QuoteCheck(ui), p, checked)
        _wire_overview(Outline(ui), p, (uploaded, removed), session)
    blocks.queue(default_concurrency_limit=VIEW_LIMIT)
    return blocks


def _examples(ui: Handlers):
    """The question box, the chat and the quote check show examples the index can answer."""
    found = ui.examples()
    if found is None:
        return gr.skip(), gr.skip(), gr.skip()
    hint = f"Ask a question below, e.g. “{found.question}”. Follow-ups build on earlier questions."
    return gr.Textbox(placeholder=found.question), gr.Chatbot(placeholder=hint), gr.Textbox(placeholder=f"e.g. {found.quote}")


def _wire_filters(ui: Handlers, p) -> None:
    p.f_transcript.change(ui.filter_transcript, [p.f_transcript, p.f_speaker], p.f_speaker, **QUIET)
    for box in (p.f_transcript, p.f_speaker):
        box.change(ui.note, p.scope, p.note, **QUIET)
    for box in (p.f_from, p.f_to):  # typed dates are read when the reporter is done typing, not at every key
        box.blur(ui.note, p.scope, p.note, **QUIET)
        box.submit(ui.note, p.scope, p.note, **QUIET)


def _wire_asking(ui: Handlers, p, session) -> None:
    for start in (p.question.submit, p.ask.click):
        echoed = start(ui.echo, [p.question, session, *p.scope], [p.chat, p.question, session, p.sources], **INSTANT)
        echoed.then(
            ui.answer, session, [p.chat, session, p.sources, p.tabs, p.export],
            concurrency_limit=ASK_LIMIT, concurrency_id="ask", show_progress="hidden",
        )  # fmt: skip
    p.chat.select(ui.select_message, [session], [session, p.sources, p.tabs], **QUIET)
    for reset in (p.clear.click, p.chat.clear):
        reset(ui.reset, outputs=[p.chat, session, p.sources, p.export], **INSTANT)
    p.sources.cite(ui.open_citation, [session], p.opens, **QUIET)
    p.picker.input(ui.pick, [p.picker, session], [p.timeline, p.viewer], **QUIET)


def _wire_check(blocks, changes, checks: QuoteCheck, p, checked) -> None:
    """The quote check's events; its speaker list again whenever the stored transcripts change."""
    blocks.load(checks.speakers, outputs=p.c_speaker, **QUIET)
    for changed in changes:
        changed.then(checks.speakers, outputs=p.c_speaker, **QUIET)
    for start in (p.c_quote.submit, p.c_run.click):
        start(
            checks.run, [p.c_quote, p.c_speaker], [p.c_verdict, checked],
            concurrency_limit=ASK_LIMIT, concurrency_id="check", show_progress="minimal", show_progress_on=p.c_verdict,
        )  # fmt: skip
    p.c_verdict.cite(checks.open, [checked], p.opens, **QUIET)


def _wire_overview(outline: Outline, p, changes, session) -> None:
    """The overview follows the transcript tab's press conference however that changes (load, pick, citation);
    picking one here moves the transcript tab, whose change brings the overview back here."""
    p.picker.change(outline.show, p.picker, [p.o_picker, p.o_view], **QUIET)
    for changed in changes:  # the new list, when the transcript stays
        changed.then(outline.show, p.picker, [p.o_picker, p.o_view], **QUIET)
    p.o_picker.input(outline.pick, [p.o_picker, session], p.opens[:3], **QUIET)
    p.o_view.cite(outline.ui.open_citation, [session], p.opens, **QUIET)  # a question opens the viewer at its turn
