from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest import IngestError, parse_file, parse_source
from ingest.draft import UNKNOWN_SPEAKER
from ingest.formats.script import match_label
from ingest.reading import Source
from ingest.speakers import asks

MD = "whitehouse_md"


def md(corpus_file, name: str):
    return parse_file(corpus_file(f"{MD}/{name}"))


def script(tmp_path: Path, text: str, name: str = "t.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return parse_file(path)


@pytest.mark.parametrize(
    "name, turns, questions, speakers, start, end",
    [
        ("wh_2021-07-16_psaki.md", 217, 108, {"Jen Psaki", "Reporter"}, "1:20 P.M. EDT", "2:17 P.M. EDT"),
        (
            "wh_2023-12-04_jean-pierre_sullivan.md", 137, 68,
            {"Karine Jean-Pierre", "Jake Sullivan", "Reporter"}, "2:15 P.M. EST", "3:08 P.M. EST",
        ),
        (
            "wh_2024-01-27_background_call_anon_official.md", 20, 6,
            {"Moderator", "Senior Administration Official", "Reporter"}, "10:31 A.M. EST", "10:49 A.M. EST",
        ),
        (
            "wh_2024-07-29_kirby_gaggle_teleconf.md", 71, 26,
            {"Moderator", "John Kirby", "Reporter"}, "11:03 A.M. EDT", "11:37 A.M. EDT",
        ),
    ],
)
def test_markdown_briefings(corpus_file, name, turns, questions, speakers, start, end):
    t = md(corpus_file, name)
    assert t.format == "script"
    assert (len(t.turns), set(t.speakers())) == (turns, speakers)
    assert sum(turn.kind == "question" for turn in t.turns) == questions
    assert all(turn.speaker == "Reporter" for turn in t.turns if turn.kind == "question")
    assert (t.started_at, t.ended_at) == (start, end)
    assert not any(turn.text.endswith(end) for turn in t.turns)
    assert t.warnings == []


def test_answers_reply_to_the_question_before(corpus_file):
    t = md(corpus_file, "wh_2021-07-16_psaki.md")
    for turn in t.turns[1:]:
        if turn.speaker == "Jen Psaki":
            assert turn.kind == "answer"
            assert t.turns[turn.reply_to].kind == "question"
            # the question before it, or the last that asked before a reporter's interjection ("It’s
            # public.", "(Cross-talk.)"), which asks nothing of its own
            between = [x for x in t.turns[turn.reply_to + 1 : turn.index] if x.kind == "question"]
            assert turn.reply_to == turn.index - 1 or (between and not any(asks(x.text) for x in between))


def test_front_matter_gives_title_and_date(corpus_file):
    t = md(corpus_file, "wh_2021-07-16_psaki.md")
    assert (t.title, t.date) == ("Press Briefing by Press Secretary Jen Psaki, July 16, 2021", "2021-07-16")
    assert t.id.startswith("2021-07-16-press-briefing")
    assert "Brady" not in t.turns[0].text  # the location line is preamble
    assert t.turns[0].text == "Hi, everyone."


def test_quickly_is_prose_not_a_question(corpus_file):
    t = md(corpus_file, "wh_2024-01-27_background_call_anon_official.md")
    assert not any(turn.text.startswith("Quickly") for turn in t.turns if turn.kind == "question")
    assert "\n\nQuickly, to go over ground rules" in t.turns[0].text
    assert t.turns[0].kind == "moderator"


def test_qatar_at_a_line_start_stays_in_its_paragraph(corpus_file):
    t = md(corpus_file, "wh_2023-12-04_jean-pierre_sullivan.md")
    assert any(x.text.startswith("There are still intensive discussions among us, Israel, Qatar, and Egypt")
               for x in t.turns if x.speaker == "Jake Sullivan")


def test_markdown_escapes_tags_and_wrapping(corpus_file):
    t = md(corpus_file, "wh_2024-01-27_background_call_anon_official.md")
    text = t.turns[0].text
    assert "joining us on today’s call is [senior administration official]. And with that" in text
    assert "\\" not in "".join(x.text for x in t.turns)
    jp = "".join(x.text for x in md(corpus_file, "wh_2023-12-04_jean-pierre_sullivan.md").turns)
    assert "guns violence made" in jp and "<s>" not in jp


def test_stage_notes(corpus_file):
    psaki = md(corpus_file, "wh_2021-07-16_psaki.md").turns
    assert "Now is the moment. (Laughter.)" in psaki[188].text  # inline: kept verbatim
    assert [x.text for x in psaki if x.text == "(Laughs.)"] == ["(Laughs.)"]  # the whole turn: kept
    kirby = md(corpus_file, "wh_2024-07-29_kirby_gaggle_teleconf.md").turns
    assert any("just shut up about it. (Laughter.)" in x.text for x in kirby)


def test_paragraphs_kept(corpus_file):
    t = md(corpus_file, "wh_2024-07-29_kirby_gaggle_teleconf.md")
    first = t.turns[1]
    assert (first.speaker, first.label, first.role) == (
        "John Kirby", "MR. KIRBY:", "White House National Security Communications Advisor"
    )  # the title names him
    assert first.text.startswith("Thank you, Sean. And just because payback is payback, Happy Birthday")
    assert "everybody.\n\nOkay. Good morning" in first.text


def test_labels_are_general_and_not_prose():
    assert match_label("MS. JEAN-PIERRE:\u00a0 Hey.").speaker == "MS. JEAN-PIERRE"
    assert match_label("SENIOR ADMINISTRATION OFFICIAL: Thanks").speaker == "SENIOR ADMINISTRATION OFFICIAL"
    assert match_label("CHAIR POWELL.  Good afternoon.").label == "CHAIR POWELL."
    assert match_label("NANCY MARSHALL-GENZER.  Hi").speaker == "NANCY MARSHALL-GENZER"
    assert match_label("DR. O’BRIEN. Yes.").speaker == "DR. O’BRIEN"
    assert match_label("Q\u00a0 \u00a0 Hello.").question
    assert match_label("Q    Hello.", starts_paragraph=False).question
    prose = (
        "U.S. policy is clear.", "COVID-19 is here.", "END", "Quickly, to go", "Qatar, and", "OK. So",
        "FOMC participants expect", "Look: this is", "Mr. Smith: hello", "10:31 A.M. EST", "WASHINGTON",
    )
    for line in prose:
        assert match_label(line) is None, line
    assert match_label("Q and A session", starts_paragraph=False) is None


def test_plain_text_without_blank_lines(tmp_path):
    t = script(tmp_path, "Intro line.\nMODERATOR: Welcome.\nQ: Why?\nDR. SMITH: Because\nit is.\n")
    assert [(x.speaker, x.kind, x.text) for x in t.turns] == [
        ("Moderator", "moderator", "Welcome."),
        ("Reporter", "question", "Why?"),
        ("Dr. Smith", "answer", "Because it is."),
    ]
    assert t.turns[2].reply_to == 1


def test_bold_markdown_labels(tmp_path):
    t = script(tmp_path, "# Briefing\n\n**MS. LEE:** Hi, **all**.\n\n**Q** Why?\n", "t.md")
    assert [(x.speaker, x.text) for x in t.turns] == [("Ms. Lee", "Hi, all."), ("Reporter", "Why?")]


def test_consecutive_q_paragraphs_are_one_turn(tmp_path):
    text = "MR. A:  Go ahead.\n\nQ    First.\n\nQ    (Cross-talk.)\n\nQ    Second.\n\nMR. A:  Yes.\n"
    t = script(tmp_path, text)
    assert [x.text for x in t.turns] == ["Go ahead.", "First.\n\nSecond.", "Yes."]
    assert t.turns[2].reply_to == 1


def test_no_labels_gives_unknown_speaker_paragraphs(tmp_path):
    text = "10:00 A.M. EST\n\nSomething was said\nover two lines.\n\nAnd more.\n\n10:30 A.M. EST\n"
    t = script(tmp_path, text)
    assert [x.text for x in t.turns] == ["Something was said over two lines.", "And more."]
    assert {x.speaker for x in t.turns} == {UNKNOWN_SPEAKER}
    assert (t.started_at, t.ended_at) == ("10:00 A.M. EST", "10:30 A.M. EST")
    assert t.warnings and "no speaker labels" in t.warnings[0]


def test_bad_front_matter_names_the_line(tmp_path):
    with pytest.raises(IngestError) as err:
        script(tmp_path, "---\ntitle: ok\ndate: [unclosed\n---\nMR. A: hi\n", "t.md")
    assert err.value.line is not None and "front matter" in err.value.reason


def test_front_matter_with_a_bad_date_is_no_crash(tmp_path):
    t = script(tmp_path, "---\ntitle: A briefing\ndate: 2021-13-45\n---\nMR. A: hi\n", "t.md")
    assert (t.title, t.date, t.turns[0].text) == ("A briefing", None, "hi")


def test_speaker_label_counts_match_the_source(corpus_file):
    text = corpus_file(f"{MD}/wh_2024-07-29_kirby_gaggle_teleconf.md").read_text(encoding="utf-8")
    labels = ("MR. KIRBY:", "MODERATOR:")
    printed = Counter(line.split(":")[0] for line in text.split("\n") if line.startswith(labels))
    t = md(corpus_file, "wh_2024-07-29_kirby_gaggle_teleconf.md")
    labels = Counter(x.label.rstrip(":") for x in t.turns if x.speaker != "Reporter")
    assert labels == printed


_SCRIPTISH = st.text(alphabet=st.sampled_from("QABMRS:. \n\u00a0-—()<>\\[]#x1:END"), max_size=300)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(_SCRIPTISH, st.text(max_size=300), _SCRIPTISH.map(lambda t: "---\n" + t)))
def test_arbitrary_text_raises_only_ingest_error(text):
    try:
        parse_source(Source(Path("x.md"), text.encode("utf-8")), "script")
    except IngestError:
        pass
