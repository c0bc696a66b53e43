"""The overview of a press conference: speakers and the questions in order with who answered."""

import pytest

from chat.overview import official_words, overview, pleasantry
from ingest import parse_file


def test_overview_of_the_sample(sample_path):
    view = overview(parse_file(sample_path))
    assert sum(s.turns for s in view.speakers) == 11
    assert [q.outlet for q in view.questions] == ["CCTV", "Southern Metropolis Daily", "Xinhua News Agency"]
    assert [q.answered_by for q in view.questions] == [
        ["Liang Huiling"], ["Liang Huiling", "Chen Shaobo"], ["Liang Huiling", "Yu Jian"]
    ]
    assert [q.answer_timestamp for q in view.questions] == [
        "2024-04-26T10:16:18", "2024-04-26T10:27:15", "2024-04-26T10:28:46"
    ]
    assert view.questions[1].question.startswith("What changes has the introduction of these policies")
    assert view.speakers[0].speaker == "Liang Huiling" and view.speakers[0].seconds is None


def test_overview_with_media_offsets(fixtures):
    view = overview(parse_file(fixtures / "briefing.vtt"))
    assert all(s.seconds and s.seconds > 0 for s in view.speakers)
    assert view.questions and view.questions[0].answered_by


def test_overview_of_a_white_house_briefing(corpus_file):
    view = overview(parse_file(corpus_file("whitehouse_md/wh_2023-12-04_jean-pierre_sullivan.md")))
    assert len(view.questions) == 58  # of 68 Q turns: "Hello. Happy Monday.", "Thank you, Karine.", "Jake —" and 7 more are not
    assert len(view.pleasantries) == 10
    answerers = {name for q in view.questions for name in q.answered_by}
    assert {"Karine Jean-Pierre", "Jake Sullivan"} <= answerers


def test_greetings_and_interjections_are_not_questions(corpus_file):
    psaki = parse_file(corpus_file("whitehouse_md/wh_2021-07-16_psaki.md"))
    view = overview(psaki)
    text = {t.index: t.text for t in psaki.turns}
    asked = [text[q.turn_index] for q in view.questions]
    assert not {"Hello.", "Happy Friday.", "Thanks.", "Yeah.", "(Cross-talk.)", "Jen —"} & set(asked)
    assert [text[i] for i in view.pleasantries][:3] == ["Hello.", "Happy Friday.", "But —"]
    assert len(view.questions) + len(view.pleasantries) == 108
    assert "Voting rights, Jen? Voting rights?" in asked  # a name and a question mark: a question
    lines = {q.question for q in view.questions}  # a question's line is not its greeting ("Jen, thank you. I have…")
    assert not {"Thanks.", "Jen, thank you.", "Thank you, Jen."} & lines
    for said in ["Thank you, Karine.", "Good afternoon!", "Okay. Thanks.", "(Inaudible.) (Laughter.)", "Hello.\n\nHappy Monday."]:
        assert pleasantry(said), said
    for asked in ["Thanks, Jen. Does the President plan to reappoint the Fed Chairman?", "On voting rights —", "Oklahoma."]:
        assert not pleasantry(asked), asked


def test_an_officials_words_in_a_reporters_turn_are_flagged(corpus_file):
    psaki = overview(parse_file(corpus_file("whitehouse_md/wh_2021-07-16_psaki.md")))
    flagged = {q.turn_index: q.flag for q in psaki.questions if q.flag}
    assert list(flagged) == [149] and "“Go ahead.”" in flagged[149]  # "Jen —\n\nGo ahead.\n\nHi, Jen. I'm curious…"
    kirby = "2023-02-13-press-briefing-by-press-secretary-karine-jean-pierre-and-national-security-council-coordinator-for-strategic-communications-john-kirby-february-13-2023.md"
    view = overview(parse_file(corpus_file(f"whitehouse_2023/{kirby}")))  # "Q    MR. KIRBY:  So, two thoughts here."
    assert [q.turn_index for q in view.questions if q.flag] == [27]
    assert official_words("And my question is: What is next?\n\nThe first: who?") is None  # a reporter's colon is no label


def test_reporters_who_name_themselves_are_named(corpus_file):
    spyware = corpus_file("whitehouse_2023/2023-03-27-background-press-call-on-the-presidents-executive-order-on-commercial-spyware.md")
    askers = {(q.asked_by, q.outlet) for q in overview(parse_file(spyware)).questions}
    assert ("Tonya Riley", "CyberScoop") in askers
