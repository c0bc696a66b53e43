"""The newsroom UI (Gradio Blocks): ask with follow-ups and filters, read the sources, open the transcript
at the cited turn, see the press conference's timeline, upload transcripts.

It drives the same loaded engine as the JSON API: chat.server mounts both on one app.
Modules: ui_handlers (events), ui_views (HTML), ui_timeline (the SVG plot), ui_style (CSS, scripts).
"""

from __future__ import annotations

import gradio as gr

from .settings import ChatSettings
from .ui_handlers import ALL, NO_FILTER, Handlers, new_session
from .ui_style import CSS, SOURCES_JS, TIMELINE_JS, VIEWER_JS
from .ui_views import sources_html, upload_html

__all__ = ["CSS", "build_ui"]

ASK_LIMIT = 16  # questions answered at once: several reporters never queue behind one another
VIEW_LIMIT = 32  # transcript views, lists
INGEST_LIMIT = 2  # uploads embed on the CPU: two at a time
HEADER = (
    '<div class="pod-header"><h1>Podium</h1><p>Ask the press conferences a question: the answer is verbatim quotes, '
    "each with its speaker and the time it was said. Open a source to read it in its transcript.</p></div>"
)
EXAMPLE = "What did Chen Shaobo say about talent?"


def build_ui(engine, settings: ChatSettings | None = None) -> gr.Blocks:
    ui = Handlers(engine, settings or ChatSettings())
    with gr.Blocks(title="Podium", analytics_enabled=False) as blocks:
        session = gr.State(new_session())
        gr.HTML(HEADER, js_on_load=None)
        with gr.Row(equal_height=False):
            with gr.Column(scale=5, min_width=420):
                filters = _filters()
                chat, question, ask, clear = _chat()
            with gr.Column(scale=6, min_width=420):
                tabs, sources, picker, timeline, viewer, files, results = _panels()
        f_transcript, f_speaker, f_from, f_to, note = filters
        scope = [f_transcript, f_speaker, f_from, f_to]

        quiet = {"concurrency_limit": VIEW_LIMIT, "show_progress": "hidden"}
        instant = {"concurrency_limit": None, "show_progress": "hidden"}  # no limit: they only touch the session
        blocks.load(ui.load, outputs=[f_transcript, f_speaker, picker, timeline, viewer, note], **quiet)
        f_transcript.change(ui.filter_transcript, [f_transcript, f_speaker], f_speaker, **quiet)
        for box in scope:
            box.change(ui.note, scope, note, **quiet)

        for start in (question.submit, ask.click):
            echoed = start(ui.echo, [question, session, *scope], [chat, question, session], **instant)
            echoed.then(
                ui.answer, session, [chat, session, sources, tabs],
                concurrency_limit=ASK_LIMIT, concurrency_id="ask", show_progress="minimal", show_progress_on=sources,
            )  # fmt: skip
        chat.select(ui.select_message, [session], [session, sources, tabs], **quiet)
        for reset in (clear.click, chat.clear):
            reset(ui.reset, outputs=[chat, session, sources], **instant)

        sources.cite(ui.open_citation, [session], [picker, timeline, viewer, tabs], **quiet)
        picker.input(ui.pick, [picker, session], [timeline, viewer], **quiet)
        files.upload(
            ui.upload, [files, picker, *scope], [results, f_transcript, f_speaker, picker, note, timeline, viewer],
            concurrency_limit=INGEST_LIMIT, concurrency_id="ingest", show_progress_on=results,
        )  # fmt: skip
    blocks.queue(default_concurrency_limit=VIEW_LIMIT)
    return blocks


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
        with gr.Tab("Transcript & timeline", id="transcript"):
            picker = gr.Dropdown(label="Press conference", choices=[], elem_id="pod-picker")
            timeline = gr.HTML(js_on_load=TIMELINE_JS, elem_id="pod-timeline")
            viewer = gr.HTML(js_on_load=VIEWER_JS, elem_id="pod-viewer", max_height=620)
        with gr.Tab("Upload transcripts", id="upload"):
            files = gr.File(label="Transcript files", file_count="multiple", type="filepath", elem_id="pod-files")
            results = gr.HTML(upload_html([]), js_on_load=None, elem_id="pod-upload-results", min_height=140)
    return tabs, sources, picker, timeline, viewer, files, results
