"""The reporter's desk in a real browser (Debian's chromium through Playwright), against the one-process app on
a free loopback port with a store of the sample and the 2021-07-16 White House briefing: the copied line,
[n] links, the clicked quote in view, search and find, exports parsed back, the overview without greetings,
typed dates, the stored list with delete, and what is shown while an answer is computed.
"""

from __future__ import annotations

import csv
import io
import json
import re

from playwright.sync_api import Page, expect

from chat.contract import Answer
from ingest import parse_file
from ingest.sentences import sentences

from .browser import PSAKI, ask, pick, shot, upload

PSAKI_URL = "https://bidenwhitehouse.archives.gov/briefing-room/press-briefings/2021/07/16/press-briefing-by-press-secretary-jen-psaki-july-16-2021/"
PSAKI_TITLE = "Press Briefing by Press Secretary Jen Psaki, July 16, 2021"
FACEBOOK = "What did Ms. Psaki say about Facebook?"
TALENT = "What did Chen Shaobo say about talent?"


def test_the_copied_line_names_who_role_event_date_and_link(desk: Page):
    ask(desk, FACEBOOK)
    card = desk.locator("#pod-sources .pod-source").first
    expect(card.locator(".pod-meta")).to_contain_text(
        f"{PSAKI_TITLE} · 2021-07-16 · no time per turn; the event ran 1:20 P.M. EDT – 2:17 P.M. EDT"
    )
    expect(card.get_by_role("link", name="Publisher’s transcript")).to_have_attribute("href", PSAKI_URL)
    card.get_by_role("button", name="Copy quote").click()
    expect(card.get_by_role("button", name="Copied ✓")).to_be_visible()
    quote = card.locator(".pod-context mark").inner_text()
    assert desk.evaluate("navigator.clipboard.readText()") == f'"{quote}" — Jen Psaki, Press Secretary, {PSAKI_TITLE}. {PSAKI_URL}'
    shot(desk, "20-attribution")


def test_a_marker_in_the_chat_brings_its_source_card(desk: Page):
    ask(desk, FACEBOOK)
    ask(desk, TALENT)
    first_reply = desk.locator("#pod-chat .bot.message").first
    first_reply.get_by_role("link", name="[2]").click()  # of the first answer, while the second's sources show
    expect(desk.locator("#pod-sources .pod-banner").first).to_contain_text(FACEBOOK)
    card = desk.locator('#pod-sources .pod-source[data-n="2"]')
    expect(card).to_be_in_viewport()
    expect(card).to_be_focused()


def test_open_in_transcript_brings_the_clicked_quote_into_view_marked_apart(desk: Page):
    ask(desk, FACEBOOK)
    cards = desk.locator("#pod-sources .pod-source")
    last = cards.count()
    cards.nth(last - 1).get_by_role("button", name="Open in transcript").click()
    current = desk.locator("#pod-viewer .pod-turn.pod-focus mark.pod-current")
    expect(current).to_have_count(1)
    expect(current).to_have_attribute("data-n", str(last))
    expect(current).to_be_in_viewport()
    others = desk.locator("#pod-viewer mark[data-n]:not(.pod-current)")
    colour = "el => getComputedStyle(el).backgroundColor"
    assert others.count() and current.evaluate(colour) != others.first.evaluate(colour)
    shot(desk, "21-clicked-quote")


def test_search_lists_every_mention_and_opens_each(desk: Page, corpus):
    desk.get_by_role("tab", name="Search").click()
    desk.get_by_label("Search the transcripts for").fill("Facebook")
    desk.get_by_label("Search the transcripts for").press("Enter")
    banner = desk.locator("#pod-search-results .pod-banner")
    psaki = parse_file(corpus / PSAKI)
    mentions = sum(len(re.findall(r"\bFacebook", t.text)) for t in psaki.turns)  # counted without the index
    expect(banner).to_contain_text(f"{mentions} mentions of “Facebook”")
    hits = desk.locator("#pod-search-results .pod-hit-item")
    every = {s for t in psaki.turns for s in sentences(t.text)}
    assert hits.count() > 3 and all(q in every for q in hits.locator(".pod-context").all_inner_texts())
    third = hits.nth(2)
    said = third.locator(".pod-context").inner_text()
    third.get_by_role("button", name="Open in transcript").click()
    current = desk.locator("#pod-viewer .pod-turn.pod-focus mark.pod-current")
    expect(current).to_contain_text(said)
    expect(current).to_be_in_viewport()
    shot(desk, "22-search")

    desk.get_by_label("Find in this transcript").fill("Facebook")  # within the transcript now shown
    desk.get_by_label("Find in this transcript").press("Enter")
    expect(desk.locator("#pod-found .pod-find-count")).to_contain_text(f"{mentions} mentions")
    expect(desk.locator("#pod-viewer mark.pod-hit")).to_have_count(mentions)
    desk.locator("#pod-found .pod-find-hit").nth(5).click()
    here = desk.locator("#pod-viewer mark.pod-hit.pod-here")
    expect(here).to_have_count(1)
    expect(here).to_be_in_viewport()
    expect(here).to_have_text(re.compile("^Facebook", re.I))


def test_the_conversation_exports_as_markdown_csv_and_json(desk: Page):
    ask(desk, FACEBOOK)
    ask(desk, TALENT)
    bar = desk.locator("#pod-export")
    files = {}
    for label in ("Markdown", "CSV", "JSON"):
        with desk.expect_download() as download:
            bar.get_by_role("button", name=label, exact=True).click()
        files[label] = download.value.path().read_text(encoding="utf-8")
        assert download.value.suggested_filename.startswith("podium-quotes.")
    answers = [Answer(**a) for a in json.loads(files["JSON"])["answers"]]
    assert [a.question for a in answers] == [FACEBOOK, TALENT]
    cites = [c for a in answers for c in a.citations]
    assert any(c.source_url == PSAKI_URL for c in cites)
    rows = list(csv.DictReader(io.StringIO(files["CSV"])))
    assert [(r["question"], r["quote"], r["attribution"]) for r in rows] == [
        (a.question, c.quote, c.attribution) for a in answers for c in a.citations
    ]
    listed = [re.sub(r"\\(.)", r"\1", line) for line in re.findall(r"^\d+\. (.+)$", files["Markdown"], re.M)]
    assert listed == [c.attribution for c in cites]
    bar.get_by_role("button", name="Copy as Markdown").click()
    expect(bar.get_by_role("button", name="Copied ✓")).to_be_visible()
    assert desk.evaluate("navigator.clipboard.readText()") == files["Markdown"]
    copied = desk.locator("#pod-sources .pod-copy").first.get_attribute("data-copy")
    assert copied in [c.attribution for c in answers[1].citations]  # the cards copy the same line


def test_the_overview_leaves_greetings_out_and_flags_an_officials_words(desk: Page):
    desk.get_by_role("tab", name="Overview").click()
    pick(desk, "#pod-ov-picker", re.compile("^Press Briefing by Press Secretary"))
    view = desk.locator("#pod-overview .pod-overview")
    expect(view.locator(".pod-tr-head .pod-meta")).to_contain_text("94 questions")
    asked = view.locator(".pod-ov-question").all_inner_texts()
    assert not {"Hello.", "Happy Friday.", "Thanks.", "Yeah.", "(Cross-talk.)", "Jen —"} & set(asked)
    expect(view.locator(".pod-ov-left-out")).to_contain_text("Left out: 14 turns")
    flagged = view.locator(".pod-ov-q", has=desk.locator(".pod-ov-flag"))
    expect(flagged).to_have_count(1)
    expect(flagged.locator(".pod-ov-flag")).to_contain_text("“Go ahead.”")
    expect(flagged).to_have_attribute("data-turn", "149")
    shot(desk, "23-overview-psaki")


def test_typed_dates_are_read_or_refused_and_the_calendar_opens_on_the_archive(desk: Page):
    box = desk.get_by_label("From (date)")
    box.fill("26/04/2024")
    box.press("Enter")
    expect(desk.locator("#pod-filter-note")).to_contain_text("dated 2024-04-26 to …")
    box.fill("04/05/2024")
    box.press("Enter")
    expect(desk.locator("#pod-filter-note")).to_contain_text("could be 4 May or 5 April")
    ask_text = "What did Chen Shaobo say about talent?"
    desk.locator("#pod-question textarea").fill(ask_text)
    desk.locator("#pod-ask").click()
    expect(desk.locator("#pod-chat .bot.message").last).to_contain_text("Could not search")
    box.fill("")
    box.press("Enter")
    expect(desk.locator("#pod-filter-note")).to_contain_text("No filter")

    calendar = desk.locator("#pod-to-pick input.pod-date")  # the archive: 2021-07-16 to 2024-04-26
    assert (calendar.get_attribute("min"), calendar.get_attribute("max")) == ("2021-07-16", "2024-04-26")
    desk.get_by_role("button", name="Pick the To date from a calendar").click()
    assert calendar.input_value() == "2024-04-26"  # it opens on the archive's last date, not today
    desk.keyboard.press("Escape")
    calendar.fill("2021-07-16")  # a date picked in the calendar lands in the box
    expect(desk.get_by_label("To (date)")).to_have_value("2021-07-16")
    expect(desk.locator("#pod-filter-note")).to_contain_text("dated … to 2021-07-16")


def test_what_is_searched_shows_while_the_answer_is_computed(desk: Page):
    desk.evaluate("""() => { window.podSeen = [];
        new MutationObserver(() => window.podSeen.push(document.querySelector('#pod-sources').innerText))
          .observe(document.querySelector('#pod-sources'), {childList: true, subtree: true, characterData: true}); }""")
    ask(desk, TALENT)
    seen = desk.evaluate("window.podSeen.join('\\n')")
    assert f"Searching 2 press conferences for “{TALENT}”…" in seen


def test_the_examples_come_from_what_is_indexed_and_work(desk: Page):
    question = desk.locator("#pod-question textarea")
    expect(question).to_have_attribute("placeholder", re.compile(r"^What did .+ say about \w+\?$"))
    example = question.get_attribute("placeholder")
    ask(desk, example)
    expect(desk.locator("#pod-sources .pod-answered")).to_be_visible()  # answered, not refused
    speaker = re.match(r"What did (.+) say about", example)[1]
    assert speaker in desk.locator("#pod-sources .pod-speaker").first.inner_text()
    desk.get_by_role("tab", name="Check a quote").click()
    quote = desk.get_by_label("Quote to check").get_attribute("placeholder").removeprefix("e.g. ")
    desk.get_by_label("Quote to check").fill(quote)
    desk.locator("#pod-check-run").click()
    expect(desk.locator("#pod-check-result .pod-verdict")).to_have_attribute("data-verdict", "verbatim", timeout=30_000)


def test_the_stored_list_deletes_and_the_upload_box_starts_empty(desk: Page, fixtures, corpus):
    """Last in the module: it changes the module's store."""
    upload(desk, fixtures / "briefing.vtt")
    library = desk.locator("#pod-library")
    titles = library.locator(".pod-lib-title")
    expect(titles).to_have_count(3)  # the sample, the briefing, and the file just uploaded
    expect(titles.filter(has_text=re.compile("^briefing"))).to_have_count(1)
    expect(desk.locator("#pod-files .file-preview, #pod-files table")).to_have_count(0)  # the box let go of it
    desk.locator("#pod-files input[type=file]").set_input_files([str(fixtures / "briefing.srt")])
    expect(desk.locator("#pod-upload-results .pod-up-ok")).to_contain_text("briefing.srt", timeout=120_000)
    expect(desk.locator("#pod-upload-results .pod-uploads .pod-meta")).to_have_text("1 of 1 file(s) stored.")
    before = titles.count()
    desk.once("dialog", lambda dialog: dialog.accept())
    library.locator("li", has_text=PSAKI_TITLE).get_by_role("button", name=f"Delete {PSAKI_TITLE}").click()
    expect(desk.locator("#pod-upload-results")).to_contain_text(f"Deleted “{PSAKI_TITLE}”")
    expect(library.locator("li", has_text=PSAKI_TITLE)).to_have_count(0)
    expect(titles).to_have_count(before - 1)
    desk.locator("#pod-transcript input").click()
    expect(desk.get_by_role("option", name=re.compile("^Press Briefing by"))).to_have_count(0)
    desk.keyboard.press("Escape")
    shot(desk, "24-library")

