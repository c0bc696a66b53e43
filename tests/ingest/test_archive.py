"""The 2023 archive, the press conferences and the FOMC PDFs, parsed file by file (never the whole archive)."""

import pytest

from ingest import parse_file
from ingest.interpretation import interpreted_spans
from ingest.model import Transcript, Turn
from ingest.plausibility import plausibility_warnings

WH = "whitehouse_2023"
SAMS = f"{WH}/2023-01-23-on-the-record-press-call-by-white-house-spokesperson-ian-sams"
KJP_KIRBY = "press-briefing-by-press-secretary-karine-jean-pierre-and-nsc-coordinator-for-strategic-communications-john-kirby"
DUDA = "remarks-by-vice-president-harris-and-president-andrzej-duda-of-poland-in-joint-press-conference.md"
PC = "whitehouse_press_conferences"


@pytest.fixture(scope="module")
def parsed(corpus):
    cache: dict[str, Transcript] = {}

    def get(name: str) -> Transcript:
        if name not in cache:
            cache[name] = parse_file(corpus / name)
        return cache[name]

    return get


def _people(t: Transcript) -> dict[str, tuple[str, str | None]]:
    return {turn.label: (turn.speaker, turn.role) for turn in t.turns if turn.kind != "question"}


# -- ids and identity ------------------------------------------------------------------------------


def test_two_calls_under_one_title_get_two_ids(parsed):
    later, earlier = parsed(f"{SAMS}.md"), parsed(f"{SAMS}-2.md")
    assert later.title == earlier.title
    assert later.id != earlier.id
    # the "-2" page, posted on the 23rd, holds a call of January 17 ("(January 17, 2023)" before its first turn)
    assert (earlier.date, earlier.started_at) == ("2023-01-17", "12:38 P.M. EST")
    assert (later.date, later.started_at) == ("2023-01-23", "4:20 P.M. EST")
    assert later.id.endswith("-1620") and earlier.id.endswith("-1238")


def test_two_briefings_of_2023_10_31_get_two_ids(parsed):
    first = parsed(f"{WH}/2023-10-31-{KJP_KIRBY}-24.md")
    second = parsed(f"{WH}/2023-10-31-{KJP_KIRBY}-25.md")
    assert first.title == second.title and first.date == second.date == "2023-10-31"
    assert first.id != second.id
    # the "-24" page is the October 30 briefing posted again: the same turns, word for word
    original = parsed(f"{WH}/2023-10-30-{KJP_KIRBY}-24.md")
    assert [(t.label, t.text) for t in first.turns] == [(t.label, t.text) for t in original.turns]
    assert original.id != first.id  # told apart by date here; the store knows them for one (tests/index)


def test_a_briefing_posted_the_next_day_keeps_its_own_date(parsed):
    t = parsed(f"{WH}/2023-11-14-press-briefing-by-press-secretary-karine-jean-pierre-and-national-security-advisor-jake-sullivan-november-13-2023.md")
    assert t.date == "2023-11-13"  # the address says november-13-2023; front matter dates the posting


def test_corrected_twin_has_the_originals_id(parsed):
    original, corrected = parsed(f"{PC}/2022-03-10-{DUDA}"), parsed(f"{PC}/2022-03-10-corrected-{DUDA}")
    assert corrected.title.startswith("CORRECTED:")
    assert (corrected.corrected, original.corrected) == (True, False)
    assert corrected.id == original.id and "corrected" not in corrected.id
    assert (original.started_at, corrected.started_at) == ("12:57 P.M. CEST", "12:57 P.M. CET")


# -- the 2011 FOMC layout and the parse check -----------------------------------------------------------


def test_2011_fomc_questions_are_their_own_turns(parsed):
    t = parsed("fomc_pdf/FOMCpresconf20110427.pdf")
    labels = [turn.label for turn in t.turns]
    assert (labels.count("CHAIRMAN BERNANKE."), labels.count("QUESTION.")) == (22, 21)
    assert all(turn.kind == "question" for turn in t.turns if turn.label == "QUESTION.")
    assert all(turn.speaker == "Chairman Bernanke" for turn in t.turns if turn.label == "CHAIRMAN BERNANKE.")
    asked = [(turn.speaker, turn.role) for turn in t.turns if turn.kind == "question"]
    assert ("Jon Hilsenrath", "The Wall Street Journal") in asked  # "Chairman, Jon Hilsenrath from the Wall Street Journal."
    assert ("Luca Di Leo", "Dow Jones") in asked  # "I’m Luca Di Leo from Dow Jones."
    assert ("Peter Barnes", "Fox Business Network") in asked  # "Peter Barnes, of Fox Business Network, Mr. Chairman."
    assert ("John Berry", None) in asked  # "Mr. Chairman, John Berry."
    assert not any(name in ("Ken Rogoff", "Carmen Reinhart") for name, _ in asked)  # a book's authors, not askers
    assert asked.count(("Reporter", None)) == 10  # no name given: no name made up
    assert (t.title, t.date) == ("Chairman Bernanke’s Press Conference", "2011-04-27")
    assert t.warnings == []


def test_parse_check_flags_a_press_conference_read_as_one_turn(parsed):
    t = parsed("fomc_pdf/FOMCpresconf20110427.pdf")
    one = Turn(index=0, speaker="Chairman Bernanke", label="CHAIRMAN BERNANKE.", text="\n\n".join(x.text for x in t.turns))
    warnings = plausibility_warnings(t.model_copy(update={"turns": [one]}))
    assert any("one turn ('Chairman Bernanke') holds the whole document" in w for w in warnings)
    assert any("no question turns" in w for w in warnings)


def test_parse_check_flags_questions_inside_an_officials_turns(parsed):
    """The layout of the 2011 PDF read without its QUESTION. labels: each question runs into an answer."""
    t = parsed("fomc_pdf/FOMCpresconf20110427.pdf")
    merged: list[Turn] = []
    for turn in t.turns:
        if merged and turn.kind == "question":
            merged[-1] = merged[-1].model_copy(update={"text": merged[-1].text + "\n\n" + turn.text})
        elif turn.kind != "question":
            merged.append(turn.model_copy(update={"kind": "answer"}))
    warnings = plausibility_warnings(t.model_copy(update={"turns": merged}))
    assert any("of 'Chairman Bernanke''s" in w and "question mark" in w for w in warnings)


@pytest.mark.parametrize("name", ["FOMCpresconf20151216.pdf", "FOMCpresconf20200315.pdf", "FOMCpresconf20220615.pdf"])
def test_the_other_fomc_pdfs_pass_the_parse_check(parsed, name):
    t = parsed(f"fomc_pdf/{name}")
    assert t.warnings == [] and sum(x.kind == "question" for x in t.turns) >= 19


# -- speakers as people -----------------------------------------------------------------------------------


def test_full_names_and_roles_from_titles_and_front_matter(parsed):
    briefing = _people(parsed(f"{WH}/2023-03-10-press-briefing-by-press-secretary-karine-jean-pierre-omb-director-shalanda-young-and-cea-chair-cecilia-rouse.md"))
    assert briefing["MS. JEAN-PIERRE:"] == ("Karine Jean-Pierre", "Press Secretary")
    assert briefing["DIRECTOR YOUNG:"] == ("Shalanda Young", "OMB Director")
    assert briefing["CHAIR ROUSE:"] == ("Cecilia Rouse", "CEA Chair")
    gaggle = _people(parsed(f"{WH}/2023-01-08-press-gaggle-by-press-secretary-karine-jean-pierre-and-secretary-of-homeland-security-alejandro-mayorkas-en-route-el-paso-texas.md"))
    assert gaggle["SECRETARY MAYORKAS:"] == ("Alejandro Mayorkas", "Secretary of Homeland Security")
    dalton = _people(parsed(f"{WH}/2023-01-19-press-gaggle-by-principal-deputy-press-secretary-olivia-dalton-and-fema-administrator-deanne-criswell-en-route-santa-clara-county-ca.md"))
    assert dalton["MS. DALTON:"] == ("Olivia Dalton", "Principal Deputy Press Secretary")
    assert dalton["ADMINISTRATOR CRISWELL:"] == ("Deanne Criswell", "FEMA Administrator")
    kirby = _people(parsed(f"{WH}/2023-10-31-{KJP_KIRBY}-25.md"))
    assert kirby["MR. KIRBY:"] == ("John Kirby", "NSC Coordinator for Strategic Communications")


def test_introductions_name_guests_the_title_does_not(parsed):
    # the title says only "National Economic Council Director"; the press secretary introduces him
    t = _people(parsed(f"{WH}/2023-02-06-press-briefing-by-press-secretary-karine-jean-pierre-and-national-economic-council-director-february-6-2023.md"))
    assert t["MR. DEESE:"] == ("Brian Deese", "National Economic Council Director")


def test_title_and_honorific_labels_are_one_person(parsed):
    t = parsed(f"{WH}/2023-09-13-press-briefing-by-press-secretary-karine-jean-pierre-chair-of-the-council-of-economic-advisers-jared-bernstein-and-nsc-coordinator-for-strategic-communications-john-kirby.md")
    bernstein = {turn.label for turn in t.turns if turn.speaker == "Jared Bernstein"}
    assert bernstein == {"CHAIR BERNSTEIN:", "MR. BERNSTEIN:"}
    assert any("'Chair Bernstein' and 'Mr. Bernstein' are one person: Jared Bernstein" in w for w in t.warnings)


def test_the_same_person_under_a_title_in_one_briefing_and_an_honorific_in_another(parsed):
    titled = parsed(f"{WH}/2023-03-10-press-briefing-by-press-secretary-karine-jean-pierre-omb-director-shalanda-young-and-cea-chair-cecilia-rouse.md")
    honorific = parsed(f"{WH}/2023-05-04-press-briefing-by-press-secretary-karine-jean-pierre-nsc-coordinator-for-strategic-communications-john-kirby-and-omb-director-shalanda-young.md")
    assert {x.speaker for x in titled.turns if x.label == "DIRECTOR YOUNG:"} == {"Shalanda Young"}
    assert {x.speaker for x in honorific.turns if x.label == "MS. YOUNG:"} == {"Shalanda Young"}


def test_typo_labels_fold_into_the_person(parsed):
    t = parsed(f"{WH}/2023-07-09-press-gaggle-by-press-secretary-karine-jean-pierre-and-national-security-advisor-jake-sullivan-en-route-london-united-kingdom.md")
    assert {x.speaker for x in t.turns if x.label == "MR. SULLIAN:"} == {"Jake Sullivan"}


def test_the_president_is_the_one_the_title_names(parsed, corpus):
    solo = parsed(f"{PC}/2023-05-21-remarks-by-president-biden-in-a-press-conference.md")
    joint = parsed(f"{PC}/2022-12-21-remarks-by-president-biden-and-president-zelenskyy-of-ukraine-in-joint-press-conference.md")
    assert {x.speaker for x in solo.turns if x.label == "THE PRESIDENT:"} == {"President Biden"}
    assert {x.speaker for x in joint.turns if x.label == "PRESIDENT BIDEN:"} == {"President Biden"}
    trump = parse_file(corpus / "whitehouse_html/wh_2020-03-16_covid_task_force.html")
    assert {x.speaker for x in trump.turns if x.label == "THE PRESIDENT:"} == {"President Trump"}


def test_same_surname_different_people_stay_apart(parsed):
    treasury = parsed(f"{WH}/2023-09-08-press-gaggle-by-secretary-of-the-treasury-janet-yellen-ahead-of-the-g20-summit-in-india-new-delhi-india.md")
    fed = parsed("fomc_pdf/FOMCpresconf20151216.pdf")
    assert {(x.speaker, x.role) for x in treasury.turns if x.label == "SECRETARY YELLEN:"} == {("Janet Yellen", "Secretary of the Treasury")}
    assert {x.speaker for x in fed.turns if x.label == "CHAIR YELLEN."} == {"Chair Yellen"}


def test_foreign_leaders_full_names_and_roles(parsed):
    duda = _people(parsed(f"{PC}/2022-03-10-{DUDA}"))
    assert duda["PRESIDENT DUDA:"] == ("Andrzej Duda", "President of Poland")
    camp_david = _people(parsed(f"{PC}/2023-08-18-remarks-by-president-biden-president-yoon-suk-yeol-of-the-republic-of-korea-and-prime-minister-kishida-fumio-of-japan-in-joint-press-conference-camp-david-md.md"))
    assert camp_david["PRESIDENT YOON:"] == ("Yoon Suk Yeol", "President of the Republic of Korea")  # surname first
    assert camp_david["PRIME MINISTER KISHIDA:"] == ("Kishida Fumio", "Prime Minister of Japan")


def test_reporters_named_from_their_own_introduction(parsed):
    t = parsed(f"{WH}/2023-03-27-background-press-call-on-the-presidents-executive-order-on-commercial-spyware.md")
    riley = [x for x in t.turns if x.speaker == "Tonya Riley"]
    assert riley and riley[0].label == "Q" and riley[0].role == "CyberScoop"  # "Hi, it’s Tonya Riley with CyberScoop."


def test_a_quoted_headline_is_not_a_speaker(parsed):
    t = parsed(f"{WH}/2023-02-01-press-briefing-by-press-secretary-karine-jean-pierre-14.md")
    assert "Cbs" not in t.speakers() and "CBS" not in t.speakers()
    turn = next(x for x in t.turns if "CBS: “Republicans want to push Social Security" in x.text)
    assert turn.speaker == "Karine Jean-Pierre"


# -- interpreted speech -----------------------------------------------------------------------------------


def _interpreted(turn: Turn) -> list[str]:
    return [turn.text[a:b] for a, b in turn.interpreted]


def test_interpreted_after_the_label(parsed):
    t = parsed(f"{PC}/2022-03-10-{DUDA}")
    first = next(x for x in t.turns if x.label == "PRESIDENT DUDA:")
    assert first.text.startswith("(As interpreted.) Your Excellency")
    assert _interpreted(first) == [first.text[len("(As interpreted.) ") :]]
    assert all(not x.interpreted for x in t.turns if x.label == "VICE PRESIDENT HARRIS:")


def test_interpreted_mid_sentence(parsed):
    t = parsed(f"{PC}/2022-03-10-{DUDA}")
    turn = next(x for x in t.turns if "Okay, so this time — (as interpreted) — Madam" in x.text)
    (span,) = _interpreted(turn)
    assert span.startswith("Madam, the situation is very complex.")
    assert "Okay, so this time" not in span  # his own English


def test_interpreted_from_a_later_paragraph_and_back_to_english(parsed):
    t = parsed(f"{PC}/2022-12-21-remarks-by-president-biden-and-president-zelenskyy-of-ukraine-in-joint-press-conference.md")
    first = next(x for x in t.turns if x.label == "PRESIDENT ZELENSKYY:")
    assert first.text.startswith("Thank you so much. Thank you.")
    assert first.interpreted[0][0] > 0 and _interpreted(first)[0].startswith("Dear Mr. President")
    back = next(x for x in t.turns if x.text.startswith("(Speaks English.) That is our life."))
    (span,) = _interpreted(back)
    assert span.startswith("As to President Putin") and "That is our life" not in span
    biden = [x for x in t.turns if x.label == "PRESIDENT BIDEN:"]
    assert not any(x.interpreted for x in biden)  # "(Translation audio is fed over English line.)" marks no words


def test_french_passages_alternate_with_english(parsed):
    t = parsed(f"{PC}/2023-01-10-remarks-by-president-biden-prime-minister-trudeau-and-president-lopez-obrador-in-joint-press-conference.md")
    trudeau = next(x for x in t.turns if x.label == "PRIME MINISTER TRUDEAU:" and "(Speaks French.)" in x.text)
    spans = _interpreted(trudeau)
    assert len(spans) >= 4
    assert spans[0].startswith("During these 30 years")
    assert all("Free trade through NAFTA" not in s for s in spans)  # after (Speaks English.)


def test_spans_of_plain_text():
    text = "Okay. (Speaks French.) (As interpreted.) Bonjour means hello. (Speaks English.) Thanks."
    assert [text[a:b] for a, b in interpreted_spans(text)] == ["Bonjour means hello."]
    assert interpreted_spans("(Speaks Ukrainian.) (No translation provided.)") == []


def test_a_long_label_with_a_typo_folds_into_the_usual_one(parsed, corpus):
    name = next(p.name for p in (corpus / WH).glob("*preview-the-presidents-engagements-at-unga*"))
    t = parsed(f"{WH}/{name}")
    assert {x.speaker for x in t.turns if x.label == "SENIOR ADMINISTRIVE OFFICIAL:"} == {"Senior Administration Official"}
