"""The quote check and the overview tabs in a real browser (Debian's chromium through Playwright), against the
one-process app on a free loopback port with a temporary store holding the sample transcript.

The app, the browser settings and the loopback-only request check are this folder's conftest; the helpers, browser.py.
Screenshots land in test-output/ui/.
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from .browser import pick, shot, upload

TALENT_KEY = "To revitalize Heilongjiang, talent is the key."
ALTERED = "Last year, the number of highly skilled talents in our province reached 900,000."
INVENTED = "Heilongjiang will build a nuclear fusion plant on the Moon by 2030."


def check(page: Page, quote: str, speaker: str | None = None, typed: bool = False) -> None:
    """Paste the quote, name the speaker (picked from the list, or typed), check, and wait for this verdict."""
    page.get_by_role("tab", name="Check a quote").click()
    page.locator("#pod-check-quote textarea").fill(quote)
    if speaker and typed:
        page.locator("#pod-check-speaker input").fill(speaker)
        page.locator("#pod-check-speaker input").press("Enter")
    elif speaker:
        pick(page, "#pod-check-speaker", re.compile(f"^{speaker}"))
    page.locator("#pod-check-run").click()
    expect(page.locator("#pod-check-result .pod-checked")).to_contain_text(quote, timeout=30_000)


def test_a_quote_moved_to_another_speaker_is_misattributed(ui: Page):
    check(ui, TALENT_KEY, "Yu Jian")
    verdict = ui.locator("#pod-check-result .pod-verdict")
    expect(verdict).to_have_attribute("data-verdict", "misattributed")
    expect(verdict.locator(".pod-verdict-label")).to_have_text("Misattributed")
    expect(verdict.locator(".pod-verdict-message")).to_have_text("Said by Chen Shaobo, not Yu Jian.")
    expect(verdict.locator(".pod-said")).to_contain_text("Said by Chen Shaobo, Executive Vice Governor at 10:27:15")
    expect(verdict.locator(".pod-checked")).to_contain_text("attributed to Yu Jian")
    card = ui.locator("#pod-check-result .pod-source")
    expect(card).to_have_count(1)
    expect(card.locator(".pod-context mark")).to_have_text(TALENT_KEY)
    shot(ui, "8-check-misattributed")

    card.get_by_role("button", name="Open in transcript").click()  # the turn, the checked quote marked in it
    focused = ui.locator("#pod-viewer .pod-turn.pod-focus")
    expect(focused).to_have_attribute("data-turn", "7")
    expect(focused.locator("mark")).to_contain_text(TALENT_KEY)
    expect(focused.locator("mark")).to_be_in_viewport()


def test_an_altered_quote_is_close_with_the_words_that_differ(ui: Page):
    check(ui, ALTERED, "Chen Shaobo", typed=True)  # a typed name counts as a picked one
    verdict = ui.locator("#pod-check-result .pod-verdict")
    expect(verdict).to_have_attribute("data-verdict", "close")
    expect(verdict.locator(".pod-checked")).to_contain_text("attributed to Chen Shaobo")
    expect(verdict.locator(".pod-said")).to_contain_text("Chen Shaobo")
    diff = ui.locator("#pod-check-result .pod-diff-text")
    expect(diff.locator("del")).to_have_text(["900,000."])
    expect(diff.locator("ins")).to_have_text(["825,000,"])
    expect(diff).to_contain_text("Last year, the number of highly skilled talents in our province reached")
    expect(ui.locator("#pod-check-result .pod-source .pod-context mark")).to_contain_text("825,000")
    shot(ui, "9-check-close")


def test_an_invented_quote_is_not_found_and_the_nearest_passages_are_shown(ui: Page):
    check(ui, INVENTED)
    verdict = ui.locator("#pod-check-result .pod-verdict")
    expect(verdict).to_have_attribute("data-verdict", "not_found")
    expect(verdict.locator(".pod-verdict-label")).to_have_text("Not found")
    expect(verdict.locator(".pod-said")).to_have_count(0)
    expect(ui.locator("#pod-check-result .pod-check-h")).to_contain_text("nearest passages")
    nearest = ui.locator("#pod-check-result .pod-source.pod-source-other")
    expect(nearest.first).to_be_visible()
    assert 1 <= nearest.count() <= 3
    expect(nearest.first.locator(".pod-meta")).to_contain_text("2024-04-26")
    shot(ui, "11-check-not-found")


def test_overview_lists_speakers_and_questions_and_opens_a_question(ui: Page):
    ui.get_by_role("tab", name="Overview").click()
    view = ui.locator("#pod-overview .pod-overview")
    expect(view.locator("h3")).to_have_text("State Council Information Office press conference")
    rows = view.locator(".pod-ov-speakers tbody tr")
    expect(rows).to_have_count(7)
    expect(rows.first).to_contain_text("Liang Huiling")
    expect(rows.first).to_contain_text("Governor")
    expect(view.locator(".pod-ov-speakers")).to_contain_text("Executive Vice Governor")
    questions = view.locator(".pod-ov-q")
    askers = ["CCTV reporter", "Southern Metropolis Daily reporter", "Xinhua News Agency reporter"]
    expect(questions.locator(".pod-ov-asker")).to_have_text([re.compile(a) for a in askers])
    expect(questions.locator(".pod-ov-answer")).to_have_text(
        [
            re.compile(r"^Answered by Liang Huiling · at 10:16:18"),
            re.compile(r"^Answered by Chen Shaobo \(with Liang Huiling\) · at 10:27:15"),
            re.compile(r"^Answered by Yu Jian \(with Liang Huiling\) · at 10:28:46"),
        ]
    )
    expect(questions.nth(1).locator(".pod-ov-question")).to_have_text(
        re.compile("^What changes has the introduction of these policies")
    )
    shot(ui, "10-overview")

    questions.nth(1).locator(".pod-ov-question").click()  # the question opens the transcript at its turn
    focused = ui.locator("#pod-viewer .pod-turn.pod-focus")
    expect(focused).to_have_attribute("data-turn", "5")
    expect(focused.locator(".pod-turn-head")).to_contain_text("Southern Metropolis Daily reporter")
    expect(focused).to_be_in_viewport()
    ui.get_by_role("tab", name="Overview").click()
    questions.nth(2).locator(".pod-ov-at").click()  # and the answer's time at the answer
    expect(focused).to_have_attribute("data-turn", "10")
    expect(focused.locator(".pod-turn-head")).to_contain_text("Yu Jian")


def test_overview_and_transcript_tab_follow_each_other(ui: Page, fixtures):
    """Last in the module: the upload stays in the module's store."""
    upload(ui, fixtures / "briefing.vtt")
    ui.get_by_role("tab", name="Overview").click()
    pick(ui, "#pod-ov-picker", re.compile("^briefing"))
    view = ui.locator("#pod-overview .pod-overview")
    expect(view.locator(".pod-ov-asker")).to_have_text([re.compile(r"Jane Doe \(Associated Press\)")])
    expect(view.locator(".pod-ov-speakers thead")).to_contain_text("Time")  # media offsets give each speaker a time
    shot(ui, "12-overview-media-offsets")
    ui.get_by_role("tab", name="Transcript & timeline").click()  # the transcript tab moved along
    expect(ui.locator("#pod-picker input")).to_have_value(re.compile("^briefing"))
    expect(ui.locator("#pod-viewer .pod-tr-head h3")).to_have_text(re.compile("^briefing"))
    pick(ui, "#pod-picker", re.compile("^State Council"))  # and back: the overview follows the transcript tab
    ui.get_by_role("tab", name="Overview").click()
    expect(ui.locator("#pod-ov-picker input")).to_have_value(re.compile("^State Council"))
    expect(view.locator(".pod-ov-q")).to_have_count(3)


# -- without a browser: the views -------------------------------------------------------------------


def test_the_diff_strikes_the_quotes_words_and_highlights_the_transcripts():
    from chat.check import word_diff
    from app.web.check import diff_html

    html = diff_html(word_diff("We strive to stabilize Liang's jobs.", "We are focusing on stabilizing Liang's jobs."))
    assert "We <del " in html and ">strive to stabilize</del> <ins " in html
    assert ">are focusing on stabilizing</ins> Liang" in html
    assert "Liang&#x27;s jobs." in html  # as written, escaped


def test_the_overview_shows_time_where_the_transcript_has_media_offsets(fixtures):
    from app.web.overview import overview_html
    from ingest import parse_file

    html = overview_html(parse_file(fixtures / "briefing.vtt"))
    assert '<th class="pod-num">Time</th>' in html and "Jane Doe (Associated Press)" in html
    assert "Answered by <strong class=\"pod-ov-by\">Secretary Alvarez</strong>" in html
    assert "http" not in html and "<script" not in html
