"""The newsroom UI in a real browser: Debian's chromium, driven by Playwright, against the one-process app
(API + UI over one engine) on a free loopback port, with a temporary store holding the sample transcript.

Screenshots of each main view land in test-output/ui/. Every test also checks that the page requested
nothing off the loopback interface.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from .browser import SHOTS, ask, local, pick, shot, upload
TALENT = "What did Chen Shaobo say about talent?"
SCIO = "State Council Information Office press conference"
WH_FILE = "whitehouse_md/wh_2024-01-27_background_call_anon_official.md"


# -- the tests -------------------------------------------------------------------------------------


def test_answer_shows_speaker_time_and_quote_in_context(ui: Page):
    ask(ui, TALENT)
    first = ui.locator("#pod-sources .pod-source").first
    expect(first.locator(".pod-speaker")).to_have_text("Chen Shaobo, Executive Vice Governor")
    expect(first.locator(".pod-meta")).to_contain_text(f"{SCIO} · 2024-04-26 · 10:27:15")
    expect(first.locator(".pod-context mark")).not_to_be_empty()
    expect(ui.locator("#pod-chat")).to_contain_text("[1]")
    shot(ui, "1-answer-and-sources")

    first.get_by_role("button", name="Copy quote").click()
    expect(first.get_by_role("button", name="Copied ✓")).to_be_visible()
    copied = ui.evaluate("navigator.clipboard.readText()")
    quote = first.locator(".pod-context mark").inner_text()
    assert copied == f'"{quote}" — Chen Shaobo, Executive Vice Governor, {SCIO}, April 26, 2024, at 10:27:15.'


def test_follow_up_uses_the_earlier_question(ui: Page):
    ask(ui, "What did Chen Shaobo say about forests?")
    ask(ui, "And Yu Jian?")
    speakers = ui.locator("#pod-sources .pod-speaker").all_inner_texts()
    assert speakers and all(s.startswith("Yu Jian") for s in speakers), speakers
    expect(ui.locator("#pod-chat")).to_contain_text("And Yu Jian?")
    ui.locator("#pod-chat .bot.message").first.click()  # an earlier reply brings back its own sources
    expect(ui.locator("#pod-sources .pod-banner").first).to_contain_text("What did Chen Shaobo say about forests?")
    expect(ui.locator("#pod-sources .pod-speaker").first).not_to_contain_text("Yu Jian")


def test_citation_opens_the_transcript_at_its_turn(ui: Page):
    ask(ui, TALENT)
    ui.locator("#pod-sources .pod-source").first.get_by_role("button", name="Open in transcript").click()
    focused = ui.locator("#pod-viewer .pod-turn.pod-focus")
    expect(focused).to_have_attribute("data-turn", "7")
    expect(focused.locator(".pod-turn-head")).to_contain_text("Chen Shaobo")
    expect(focused.locator('mark[data-n="1"]')).to_be_in_viewport()  # the quote clicked, wherever it stands in the turn
    expect(ui.locator("#pod-viewer .pod-turn")).to_have_count(11)  # every turn, speaker by speaker
    bars = ui.locator("#pod-timeline .tl-bar[data-turn]")
    expect(bars).to_have_count(11)
    expect(ui.locator('#pod-timeline .tl-bar.tl-cited[data-turn="7"]')).to_have_count(1)
    shot(ui, "2-transcript-viewer")
    ui.locator("#pod-timeline .pod-timeline").screenshot(path=str(SHOTS / "3-timeline.png"))

    ui.locator('#pod-timeline .tl-bar[data-turn="10"]').click()  # a bar takes the reader to its turn
    expect(ui.locator("#podium-turn-10 .pod-turn-head")).to_be_in_viewport()


def test_upload_a_transcript_then_ask_about_it(ui: Page, corpus_file):
    upload(ui, corpus_file(WH_FILE))
    result = ui.locator("#pod-upload-results .pod-up-ok")
    expect(result).to_contain_text("wh_2024-01-27_background_call_anon_official.md")
    expect(result).to_contain_text("20 turns")
    shot(ui, "4-upload")

    ui.locator("#pod-speaker input").click()  # the speaker list now holds the new speakers
    expect(ui.get_by_role("option", name=re.compile("^Senior Administration Official"))).to_be_visible()
    ui.keyboard.press("Escape")
    ui.locator("#pod-transcript input").click()  # and so does the list of press conferences
    expect(ui.get_by_role("option", name=re.compile("^Background Press Call on APNSA"))).to_be_visible()
    ui.keyboard.press("Escape")
    ask(ui, "What did the senior administration official say about the Red Sea?")
    first = ui.locator("#pod-sources .pod-source").first
    expect(first.locator(".pod-speaker")).to_have_text("Senior Administration Official")
    expect(first.locator(".pod-meta")).to_contain_text("Background Press Call on APNSA Jake Sullivan")
    expect(first.locator(".pod-context")).to_contain_text("Red Sea")


def test_speaker_filter_applies_to_the_next_question(ui: Page):
    pick(ui, "#pod-speaker", re.compile("^Liang Huiling"))
    expect(ui.locator("#pod-filter-note")).to_contain_text("speaker Liang Huiling")
    ask(ui, "What was said about talent?")
    speakers = ui.locator("#pod-sources .pod-speaker").all_inner_texts()
    assert speakers and all(s.startswith("Liang Huiling") for s in speakers), speakers
    expect(ui.locator("#pod-chat")).to_contain_text("Filtered: speaker Liang Huiling")
    shot(ui, "5-speaker-filter")


def test_date_filter_and_refusal_are_shown_as_such(ui: Page):
    ui.locator("#pod-from input").fill("2025-01-01")
    ui.locator("#pod-from input").press("Enter")
    expect(ui.locator("#pod-filter-note")).to_contain_text("dated 2025-01-01")
    ask(ui, TALENT)
    expect(ui.locator("#pod-sources .pod-refused")).to_contain_text("Not answered")
    expect(ui.locator("#pod-sources .pod-source")).to_have_count(0)
    expect(ui.locator("#pod-chat")).to_contain_text("Not answered")
    shot(ui, "6-refusal")


def test_bad_files_get_a_plain_error_and_the_good_one_is_stored(ui: Page, tmp_path, fixtures):
    binary = tmp_path / "recording.txt"
    binary.write_bytes(b"\x00\x01\x02 not text")
    empty = tmp_path / "empty.md"
    empty.write_text("")
    upload(ui, binary, empty, fixtures / "briefing.vtt")
    errors = ui.locator("#pod-upload-results .pod-up-error")
    expect(errors).to_have_count(2)
    expect(errors.nth(0)).to_contain_text("recording.txt — not stored: binary file, not a text transcript")
    expect(errors.nth(1)).to_contain_text("empty.md — not stored: file is empty")
    expect(ui.locator("#pod-upload-results .pod-up-ok")).to_contain_text("briefing.vtt")
    shot(ui, "7-upload-errors")


def test_the_page_loads_nothing_from_outside(ui: Page, app_url):
    """The fixture checks the requests; here also the served page: no script, style or font from elsewhere."""
    html = ui.content()
    external = re.findall(r'(?:src|href)="(https?://[^"]+)"', html)
    assert all(local(url) for url in external), external
    shot(ui, "0-start")


# -- without a browser: what the views and the wiring promise ---------------------------------------


def test_every_event_runs_concurrently_and_the_ui_token_guards_the_page():
    from types import SimpleNamespace

    from fastapi.testclient import TestClient

    from app.server import build_app
    from app.settings import AppSettings
    from app.web.ui import build_ui

    blocks = build_ui(SimpleNamespace(store=None))
    limits = [fn.concurrency_limit for fn in blocks.fns.values() if fn.fn is not None]
    assert limits and all(limit is None or (limit != "default" and limit > 1) for limit in limits), limits

    client = TestClient(build_app(SimpleNamespace(store=None), AppSettings(api_token="s3cret")))
    assert client.get("/config").status_code == 401 and client.get("/api/transcripts").status_code == 401
    assert client.post("/login", data={"username": "desk", "password": "s3cret"}).status_code == 200
    assert client.get("/config").status_code == 200


def test_timeline_reads_stamps_as_entry_ends_offsets_and_word_counts(sample_path, fixtures, corpus_file):
    from app.web.timeline import spans, timeline_svg
    from ingest import parse_file

    sample = parse_file(sample_path)
    found, unit = spans(sample)
    assert unit == "clock"
    chen = next(s for s in found if s.turn.index == 7)  # stamped 10:27:15, after an entry stamped 10:26:57
    assert chen.end - chen.start == 18
    assert all(a.end <= b.start + 1e-6 for a, b in zip(found, found[1:]))
    found, unit = spans(parse_file(fixtures / "briefing.srt"))
    assert unit == "media" and (found[0].start, found[0].end) == (1.0, 5.0)
    untimed = sample.model_copy(update={"turns": [t.model_copy(update={"timestamp": None}) for t in sample.turns]})
    found, unit = spans(untimed)
    assert unit == "words" and found[-1].end == sum(len(t.text.split()) for t in sample.turns)
    found, unit = spans(parse_file(corpus_file(WH_FILE)))  # printed "10:31 A.M. EST" to "10:49 A.M. EST"
    assert unit == "estimated" and (found[0].start, found[-1].end) == (10 * 3600 + 31 * 60, 10 * 3600 + 49 * 60)
    svg = timeline_svg(sample, {7})
    assert svg.count('class="tl-bar kind-') == 11 + 4 and "tl-cited" in svg  # 11 turns and 4 legend keys
    assert "http" not in svg and "<script" not in svg


def test_copy_line_and_unsupported_sentences():
    from chat.contract import Answer, Citation
    from app.web.handlers import chat_messages
    from app.web.views import card

    cite = Citation(
        n=1, transcript_id="b", transcript_title="Daily briefing", date="2024-05-01", speaker="Ms. Rivera",
        role="Press Secretary", kind="answer", turn_index=2, timestamp=None, start=9.1, end=14.7, quote="We will.",
    )  # fmt: skip
    assert card(cite, None)["line"] == '"We will." — Ms. Rivera, Press Secretary, Daily briefing, May 1, 2024, at 0:09 into the recording.'
    text = 'Ms. Rivera: "We will." [1]'
    answer = Answer(question="q", answer=text, refused=False, unsupported=["It costs $5*2."], citations=[cite])
    first, dropped = chat_messages(answer, 3)
    assert r"[\[1\]](#pod-source-3-1)" in first["content"] and "pod-label" not in first["content"]
    assert "pod-label-unsupported" in dropped["content"] and r"~~It costs \$5\*2.~~" in dropped["content"]
