"""Accessibility in a real browser (Debian's chromium through Playwright): the contrast of every text colour,
measured from the rendered styles in the light and the dark theme on every panel; an accessible name on every
input and button, found by Playwright's get_by_label; the question box on a phone's first screen."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from .a11y import NAMES_JS, low_contrast
from .browser import SHOTS, ask, shot

PANELS = ["Sources", "Search", "Check a quote", "Overview", "Transcript & timeline", "Upload transcripts"]


def _fill_every_panel(page: Page) -> None:
    """Content in each panel, so that each kind of text is on the page: an answer, a search, a verdict."""
    ask(page, "What did Ms. Psaki say about Facebook?")
    page.get_by_role("tab", name="Search").click()
    page.get_by_label("Search the transcripts for").fill("talent")
    page.get_by_label("Search the transcripts for").press("Enter")
    expect(page.locator("#pod-search-results .pod-hit-item").first).to_be_visible()
    page.get_by_role("tab", name="Check a quote").click()
    page.get_by_label("Quote to check").fill("To revitalize Heilongjiang, talent is the key.")
    page.locator("#pod-check-run").click()
    expect(page.locator("#pod-check-result .pod-verdict")).to_be_visible(timeout=30_000)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_text_colour_has_contrast_in_both_themes(page: Page, desk_url, theme):
    page.goto(f"{desk_url}?__theme={theme}")
    expect(page.locator("#pod-filter-note")).to_contain_text("No filter: all", timeout=30_000)
    assert page.evaluate("document.body.classList.contains('dark') || document.documentElement.classList.contains('dark')") == (theme == "dark")
    _fill_every_panel(page)
    measured = 0
    for panel in PANELS:
        page.get_by_role("tab", name=panel).click()
        page.wait_for_timeout(600)  # Gradio fades a panel in
        low = low_contrast(page)
        assert not low, f"{panel}, {theme}: {low}"
        measured += 1
    page.mouse.move(0, 0)
    shot(page, f"25-contrast-{theme}")
    assert measured == len(PANELS)


def test_every_input_and_button_has_a_name_get_by_label_finds(desk: Page):
    checked = 0
    for panel in PANELS:  # a panel's inputs are on the page once it has been shown
        desk.get_by_role("tab", name=panel).click()
        desk.wait_for_timeout(300)
        named = desk.evaluate(NAMES_JS)
        unnamed = [n for n in named if not n["name"]]
        assert not unnamed, (panel, unnamed)
        for control in named:
            if control["tag"] == "BUTTON":
                continue  # a button's name is its text or its aria-label: get_by_role finds it by that
            found = desk.get_by_label(control["name"], exact=True)
            assert found.evaluate_all(
                "(els, check) => els.some(el => el.dataset.podCheck === check)", control["check"]
            ), (panel, control)  # fmt: skip
            checked += 1
    assert checked > 15
    for label in ["Your question", "From (date)", "To (date)", "Press conference", "Speaker", "Transcript files"]:
        expect(desk.get_by_label(label, exact=True)).to_have_count(1)
    expect(desk.get_by_role("button", name="Pick the From date from a calendar")).to_have_count(1)


def test_a_phone_shows_the_question_box_without_scrolling(browser: Browser, desk_url):
    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = phone.new_page()
    page.goto(desk_url)
    expect(page.locator("#pod-filter-note")).to_be_attached(timeout=30_000)
    question = page.get_by_label("Your question")
    expect(question).to_be_visible(timeout=30_000)
    expect(page.locator("#pod-filters > button.label-wrap")).not_to_have_class("open")  # the filters folded away
    page.wait_for_timeout(500)
    box = question.bounding_box()
    assert page.evaluate("window.scrollY") == 0 and box["y"] >= 0 and box["y"] + box["height"] <= 844, box
    expect(page.locator("#pod-ask")).to_be_in_viewport(ratio=1)
    question.fill("What did Chen Shaobo say about talent?")
    page.locator("#pod-ask").click()
    expect(page.locator("#pod-sources .pod-source").first).to_be_attached(timeout=30_000)
    page.screenshot(path=str(SHOTS / "26-phone.png"))
    phone.close()
