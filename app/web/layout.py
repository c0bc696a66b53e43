"""The page's components, laid out: the filters, the chat and the question box on the left; the panels on the
right (sources, search, quote check, overview, transcript, uploads). app.web.ui wires their events.

Every input has a name a screen reader announces (a label, shown or not); on a phone the filters fold away
(the page script), so the question box is on the first screen."""

from __future__ import annotations

from types import SimpleNamespace

import gradio as gr

from .check import START as CHECK_START
from .finder import START as SEARCH_START
from .handlers import ALL, NO_FILTER
from .jinja import render
from .style import FIND_JS, PAGE_JS, PICKER_JS, SOURCES_JS, TIMELINE_JS, VIEWER_JS
from .views import empty_html, sources_html, upload_html

CHAT_HINT = "Ask a question below. Follow-ups (“And the governor?”) build on earlier questions."
DATE_HINT = "2024-04-26 or 26/04/2024"


def page() -> SimpleNamespace:
    """The components, by name; call inside gr.Blocks."""
    p = SimpleNamespace()
    gr.HTML(render("header.html"), js_on_load=PAGE_JS, elem_id="pod-header")
    with gr.Row(equal_height=False):
        with gr.Column(scale=5, min_width=360):
            _filters(p)
            _chat(p)
        with gr.Column(scale=6, min_width=360):
            _panels(p)
    p.scope = [p.f_transcript, p.f_speaker, p.f_from, p.f_to]
    p.opens = [p.picker, p.timeline, p.viewer, p.tabs]  # what opening a turn in the transcript viewer updates
    return p


def _filters(p) -> None:
    with gr.Accordion("Filters: they apply to the next question and search", open=True, elem_id="pod-filters"):
        with gr.Row():
            p.f_transcript = gr.Dropdown(
                label="Press conference", choices=[("All press conferences", ALL)], value=ALL, scale=1, elem_id="pod-transcript"
            )
            p.f_speaker = gr.Dropdown(label="Speaker", choices=[("Anyone", ALL)], value=ALL, scale=1, elem_id="pod-speaker")
        with gr.Row(equal_height=True):
            p.f_from = gr.Textbox(label="From (date)", max_lines=1, placeholder=DATE_HINT, scale=4, elem_id="pod-from")
            p.from_pick = gr.HTML(js_on_load=PICKER_JS, elem_id="pod-from-pick", scale=0, min_width=44)
            p.f_to = gr.Textbox(label="To (date)", max_lines=1, placeholder=DATE_HINT, scale=4, elem_id="pod-to")
            p.to_pick = gr.HTML(js_on_load=PICKER_JS, elem_id="pod-to-pick", scale=0, min_width=44)
        p.note = gr.Markdown(NO_FILTER, elem_id="pod-filter-note")


def _chat(p) -> None:
    p.chat = gr.Chatbot(
        label="Questions and quoted answers", height=440, latex_delimiters=[], feedback_options=None,
        buttons=[],  # the export bar copies the conversation with its sources; no "share": it posts to a hub
        placeholder=CHAT_HINT, elem_id="pod-chat",
    )  # fmt: skip
    with gr.Row(elem_id="pod-ask-row"):
        p.question = gr.Textbox(label="Your question", show_label=False, scale=6, elem_id="pod-question", autofocus=True)
        p.ask = gr.Button("Ask", variant="primary", scale=1, min_width=80, elem_id="pod-ask")
    p.clear = gr.Button("New conversation", size="sm", variant="secondary", elem_id="pod-new")


def _panels(p) -> None:
    with gr.Tabs(selected="sources") as p.tabs:
        with gr.Tab("Sources", id="sources"):
            p.export = gr.HTML("", js_on_load=SOURCES_JS, elem_id="pod-export")
            p.sources = gr.HTML(sources_html(None, {}), js_on_load=SOURCES_JS, elem_id="pod-sources")
        with gr.Tab("Search", id="search"):
            with gr.Row(equal_height=True):
                p.s_query = gr.Textbox(
                    label="Search the transcripts for", max_lines=1, scale=6, elem_id="pod-search-query",
                    placeholder="a word, a name, or a “phrase in quotes”",
                )  # fmt: skip
                p.s_run = gr.Button("Search", variant="primary", scale=1, min_width=80, elem_id="pod-search-run")
            p.s_results = gr.HTML(empty_html(SEARCH_START), js_on_load=SOURCES_JS, elem_id="pod-search-results")
        with gr.Tab("Check a quote", id="check"):
            _check(p)
        with gr.Tab("Overview", id="overview"):
            p.o_picker = gr.Dropdown(label="Press conference (overview)", choices=[], elem_id="pod-ov-picker")
            p.o_view = gr.HTML(js_on_load=SOURCES_JS, elem_id="pod-overview")
        with gr.Tab("Transcript & timeline", id="transcript"):
            p.picker = gr.Dropdown(label="Press conference (transcript)", choices=[], elem_id="pod-picker")
            p.find = gr.Textbox(
                label="Find in this transcript", max_lines=1, elem_id="pod-find",
                placeholder="a word, a name, or a “phrase in quotes”; Enter lists every mention",
            )  # fmt: skip
            p.found = gr.HTML("", js_on_load=FIND_JS, elem_id="pod-found")
            p.timeline = gr.HTML(js_on_load=TIMELINE_JS, elem_id="pod-timeline")
            p.viewer = gr.HTML(js_on_load=VIEWER_JS, elem_id="pod-viewer", max_height=620)
        with gr.Tab("Upload transcripts", id="upload"):
            p.files = gr.File(label="Transcript files", file_count="multiple", type="filepath", elem_id="pod-files")
            p.results = gr.HTML(upload_html([]), js_on_load=SOURCES_JS, elem_id="pod-upload-results", min_height=60)
            p.library = gr.HTML("", js_on_load=SOURCES_JS, elem_id="pod-library")


def _check(p) -> None:
    p.c_quote = gr.Textbox(
        label="Quote to check", lines=3, max_lines=8, elem_id="pod-check-quote",
        info="As you have it: misremembered or translated differently is fine.",
    )  # fmt: skip
    with gr.Row(equal_height=False):
        p.c_speaker = gr.Dropdown(
            label="Attributed to (optional)", choices=[], value=None, allow_custom_value=True, scale=3,
            info="Pick a speaker or type the name the quote is attributed to.", elem_id="pod-check-speaker",
        )  # fmt: skip
        p.c_run = gr.Button("Check", variant="primary", scale=1, min_width=80, elem_id="pod-check-run")
    p.c_verdict = gr.HTML(empty_html(CHECK_START), js_on_load=SOURCES_JS, elem_id="pod-check-result", min_height=140)
