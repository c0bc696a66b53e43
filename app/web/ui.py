"""The newsroom UI (Gradio Blocks): ask with follow-ups and filters, read the sources, check a quote, see a
press conference's overview and timeline, open the transcript at a cited turn, upload transcripts.

It drives the same loaded engine as the JSON API: app.server mounts both on one app.
Modules: handlers (events), views (HTML), check and overview (those two tabs, events and HTML),
timeline (the SVG plot), style (CSS, scripts); the markup is in templates/, rendered by jinja.
"""

from __future__ import annotations

import gradio as gr

from ..settings import AppSettings
from .check import START, QuoteCheck
from .handlers import ALL, NO_FILTER, Handlers, new_session
from .jinja import render
from .overview import Outline
from .style import CSS, SOURCES_JS, TIMELINE_JS, VIEWER_JS
from .views import empty_html, sources_html, upload_html

__all__ = ["CSS", "build_ui"]

ASK_LIMIT = 16  # questions answered at once: several reporters never queue behind one another
VIEW_LIMIT = 32  # transcript views, lists
INGEST_LIMIT = 2  # uploads embed on the CPU: two at a time
QUIET = {"concurrency_limit": VIEW_LIMIT, "show_progress": "hidden"}
EXAMPLE = "What did Chen Shaobo say about talent?"
QUOTE_EXAMPLE = "e.g. To revitalize Heilongjiang, talent is the key. (or: Chen Shaobo said talent is the key…)"


def build_ui(engine, settings: AppSettings | None = None) -> gr.Blocks:
    ui = Handlers(engine, settings or AppSettings())
    with gr.Blocks(title="Podium", analytics_enabled=False) as blocks:
        session, checked = gr.State(new_session()), gr.State(None)
        gr.HTML(render("header.html"), js_on_load=None)
        with gr.Row(equal_height=False):
            with gr.Column(scale=5, min_width=420):
                filters = _filters()
                chat, question, ask, clear = _chat()
            with gr.Column(scale=6, min_width=420):
                tabs, sources, check, outline, picker, timeline, viewer, files, results = _panels()
        f_transcript, f_speaker, f_from, f_to, note = filters
        scope = [f_transcript, f_speaker, f_from, f_to]

        instant = {"concurrency_limit": None, "show_progress": "hidden"}  # no limit: they only touch the session
        blocks.load(ui.load, outputs=[f_transcript, f_speaker, picker, timeline, viewer, note], **QUIET)
        f_transcript.change(ui.filter_transcript, [f_transcript, f_speaker], f_speaker, **QUIET)
        for box in scope:
            box.change(ui.note, scope, note, **QUIET)

        for start in (question.submit, ask.click):
            echoed = start(ui.echo, [question, session, *scope], [chat, question, session], **instant)
            echoed.then(
                ui.answer, session, [chat, session, sources, tabs],
                concurrency_limit=ASK_LIMIT, concurrency_id="ask", show_progress="minimal", show_progress_on=sources,
            )  # fmt: skip
        chat.select(ui.select_message, [session], [session, sources, tabs], **QUIET)
        for reset in (clear.click, chat.clear):
            reset(ui.reset, outputs=[chat, session, sources], **instant)

        sources.cite(ui.open_citation, [session], [picker, timeline, viewer, tabs], **QUIET)
        picker.input(ui.pick, [picker, session], [timeline, viewer], **QUIET)
        uploaded = files.upload(
            ui.upload, [files, picker, *scope], [results, f_transcript, f_speaker, picker, note, timeline, viewer],
            concurrency_limit=INGEST_LIMIT, concurrency_id="ingest", show_progress_on=results,
        )  # fmt: skip

        opens = [picker, timeline, viewer, tabs]  # what opening a turn in the transcript viewer updates
        _wire_check(blocks, uploaded, QuoteCheck(ui), check, checked, opens)
        _wire_overview(Outline(ui), outline, uploaded, session, opens)
    blocks.queue(default_concurrency_limit=VIEW_LIMIT)
    return blocks


def _wire_check(blocks, uploaded, checks: QuoteCheck, check, checked, opens) -> None:
    quote, speaker, run, verdict = check
    blocks.load(checks.speakers, outputs=speaker, **QUIET)
    uploaded.then(checks.speakers, outputs=speaker, **QUIET)
    for start in (quote.submit, run.click):
        start(
            checks.run, [quote, speaker], [verdict, checked],
            concurrency_limit=ASK_LIMIT, concurrency_id="check", show_progress="minimal", show_progress_on=verdict,
        )  # fmt: skip
    verdict.cite(checks.open, [checked], opens, **QUIET)


def _wire_overview(outline: Outline, view, uploaded, session, opens) -> None:
    """The overview follows the transcript tab's press conference however that changes (load, pick, citation);
    picking one here moves the transcript tab, whose change brings the overview back here."""
    picker, (o_picker, o_view) = opens[0], view
    picker.change(outline.show, picker, [o_picker, o_view], **QUIET)
    uploaded.then(outline.show, picker, [o_picker, o_view], **QUIET)  # the new list, when the transcript stays
    o_picker.input(outline.pick, [o_picker, session], opens[:3], **QUIET)
    o_view.cite(outline.ui.open_citation, [session], opens, **QUIET)  # a question opens the viewer at its turn


def _filters():
    with gr.Accordion("Filters: they apply to the next question", open=True):
        with gr.Row():
            transcript = gr.Dropdown(
                label="Press conference", choices=[("All press conferences", ALL)], value=ALL, scale=1, elem_id="pod-transcript"
            )
            speaker = gr.Dropdown(label="Speaker", choices=[("Anyone", ALL)], value=ALL, scale=1, elem_id="pod-speaker")
        with gr.Row():
            date_from = gr.DateTime(label="From (date)", include_time=False, type="string", elem_id="pod-from")
            date_to = gr.DateTime(label="To (date)", include_time=False, type="string", elem_id="pod-to")
        note = gr.Markdown(NO_FILTER, elem_id="pod-filter-note")
    return transcript, speaker, date_from, date_to, note


def _chat():
    chat = gr.Chatbot(
        label="Questions and quoted answers", height=440, latex_delimiters=[], feedback_options=None,
        buttons=["copy", "copy_all"],  # no "share": it posts to a hub
        placeholder=f"Ask a question below, e.g. “{EXAMPLE}”. Follow-ups (“And Yu Jian?”) build on earlier questions.",
        elem_id="pod-chat",
    )  # fmt: skip
    with gr.Row():
        question = gr.Textbox(placeholder=EXAMPLE, show_label=False, scale=6, elem_id="pod-question", autofocus=True)
        ask = gr.Button("Ask", variant="primary", scale=1, min_width=80, elem_id="pod-ask")
    clear = gr.Button("New conversation", size="sm", variant="secondary")
    return chat, question, ask, clear


def _panels():
    with gr.Tabs(selected="sources") as tabs:
        with gr.Tab("Sources", id="sources"):
            sources = gr.HTML(sources_html(None, {}), js_on_load=SOURCES_JS, elem_id="pod-sources")
        with gr.Tab("Check a quote", id="check"):
            check = _check()
        with gr.Tab("Overview", id="overview"):
            o_picker = gr.Dropdown(label="Press conference", choices=[], elem_id="pod-ov-picker")
            outline = o_picker, gr.HTML(js_on_load=SOURCES_JS, elem_id="pod-overview")
        with gr.Tab("Transcript & timeline", id="transcript"):
            picker = gr.Dropdown(label="Press conference", choices=[], elem_id="pod-picker")
            timeline = gr.HTML(js_on_load=TIMELINE_JS, elem_id="pod-timeline")
            viewer = gr.HTML(js_on_load=VIEWER_JS, elem_id="pod-viewer", max_height=620)
        with gr.Tab("Upload transcripts", id="upload"):
            files = gr.File(label="Transcript files", file_count="multiple", type="filepath", elem_id="pod-files")
            results = gr.HTML(upload_html([]), js_on_load=None, elem_id="pod-upload-results", min_height=140)
    return tabs, sources, check, outline, picker, timeline, viewer, files, results


def _check():
    quote = gr.Textbox(
        label="Quote to check", lines=3, max_lines=8, placeholder=QUOTE_EXAMPLE, elem_id="pod-check-quote",
        info="As you have it: misremembered or translated differently is fine.",
    )  # fmt: skip
    with gr.Row(equal_height=False):
        speaker = gr.Dropdown(
            label="Attributed to (optional)", choices=[], value=None, allow_custom_value=True, scale=3,
            info="Pick a speaker or type the name the quote is attributed to.", elem_id="pod-check-speaker",
        )  # fmt: skip
        run = gr.Button("Check", variant="primary", scale=1, min_width=80, elem_id="pod-check-run")
    verdict = gr.HTML(empty_html(START), js_on_load=SOURCES_JS, elem_id="pod-check-result", min_height=140)
    return quote, speaker, run, verdict
