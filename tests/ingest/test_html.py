import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest import IngestError, parse_file, parse_source
from ingest.formats.html import parse_html
from ingest.speakers import asks
from ingest.reading import Source, read_source

PAGE = "whitehouse_html/wh_2020-03-16_covid_task_force.html"


def test_task_force_briefing(corpus):
    t = parse_file(corpus / PAGE)
    assert t.format == "html"
    assert t.title == (
        "Remarks by President Trump, Vice President Pence, and Members of the Coronavirus Task Force "
        "in Press Briefing"
    )
    assert (t.date, t.started_at, t.ended_at) == ("2020-03-16", "3:21 P.M. EDT", "4:15 P.M. EDT")
    # 213 labelled paragraphs; runs of Q paragraphs with no other label between them are one turn
    assert len(t.turns) == 206
    assert set(t.speakers()) == {
        # the title ("Remarks by President Trump, Vice President Pence, ...") says who THE PRESIDENT is
        "President Trump", "Dr. Birx", "Dr. Fauci", "Secretary Azar", "Vice President Pence",
        "Admiral Giroir", "Reporter",
    }


def test_questions_and_replies(corpus):
    t = parse_file(corpus / PAGE)
    questions = [x for x in t.turns if x.kind == "question"]
    assert len(questions) == 89 and {x.speaker for x in questions} == {"Reporter"}
    for turn in t.turns:
        if turn.kind == "answer":
            assert t.turns[turn.reply_to].kind == "question"
            # between them no other question: at most a reporter's interjection that asks nothing
            between = [t.turns[i] for i in range(turn.reply_to + 1, turn.index) if t.turns[i].kind == "question"]
            assert not any(asks(x.text) for x in between)
    assert any(t.turns[i].kind == "question" for a in t.turns if a.kind == "answer" for i in range(a.reply_to + 1, a.index))


def test_an_interjection_leaves_the_floor_with_the_question_before_it(corpus):
    """"Has he decided whether or not to run for reelection?" — "Oh, goodness." — "Now would be fine.
    (Laughter.)" — "You can tell us now." — the answer ("he has said that he intends to run") replies
    to the question, not to the interjections."""
    t = parse_file(corpus / "whitehouse_2023" / "2023-01-03-press-briefing-by-press-secretary-karine-jean-pierre-january-3-2023.md")
    answer = next(x for x in t.turns if "he has said that\nhe intends to run" in x.text or "he intends to run" in x.text)
    assert answer.kind == "answer" and "run for reelection?" in t.turns[answer.reply_to].text


def test_q_paragraph_count_matches_the_page(corpus):
    html = (corpus / PAGE).read_text(encoding="utf-8")
    printed = len(re.findall(r"<p>\s*Q\u00a0", html))
    t = parse_file(corpus / PAGE)
    paragraphs = sum(x.text.count("\n\n") + 1 for x in t.turns if x.kind == "question")
    assert printed == 96 and paragraphs >= printed


def test_misspelt_label_merged_into_one_speaker(corpus):
    t = parse_file(corpus / PAGE)
    giroir = [x for x in t.turns if "Giroir" in x.speaker]
    assert len(giroir) == 4 and {x.speaker for x in giroir} == {"Admiral Giroir"}
    assert Counter(x.label for x in giroir) == {"ADMIRAL GIROIR:": 3, "ADMIRAR GIROIR:": 1}
    assert any("Admirar Giroir" in w for w in t.warnings)


def test_navigation_and_end_are_not_text(corpus):
    t = parse_file(corpus / PAGE)
    text = "\n".join(x.text for x in t.turns)
    assert "Issued on" not in text and "Copy URL" not in text
    assert not any(p == "END" for x in t.turns for p in x.text.split("\n\n"))
    assert t.turns[0].text.startswith("Thank you very much. Thank you. So, I’m glad")
    assert t.turns[-1].text.endswith("Thank you all very much. Thank you. Thank you very much.")


def page(tmp_path: Path, html: str):
    path = tmp_path / "p.html"
    path.write_text(html, encoding="utf-8")
    return parse_file(path)


def test_small_page(tmp_path):
    t = page(
        tmp_path,
        "<html><head><title>Press Gaggle | The Site</title></head><body><nav><p>Menu</p></nav>"
        "<h1>The Site</h1><article><time datetime='2024-05-01'>May 1</time><p>10:00 A.M. EDT</p>"
        "<p>MS. LEE:&nbsp; Hello<br>there.</p><p>Q&nbsp;&nbsp; Why?</p>"
        "<p>MS. LEE:&nbsp; Because.<br>MR. ROE: No.</p><p>END</p><p>10:05 A.M. EDT</p></article>"
        "<footer><p>Contact us</p></footer></body></html>",
    )
    # a <br> breaks a line, not a paragraph, but a label after it starts a turn
    assert [(x.speaker, x.text) for x in t.turns] == [
        ("Ms. Lee", "Hello there."), ("Reporter", "Why?"), ("Ms. Lee", "Because."), ("Mr. Roe", "No.")
    ]
    assert (t.date, t.started_at, t.ended_at) == ("2024-05-01", "10:00 A.M. EDT", "10:05 A.M. EDT")
    assert t.title == "Press Gaggle"  # the <h1> names the site, not the briefing


def test_turns_in_separate_blocks(tmp_path):
    t = page(
        tmp_path,
        "<html><body><main><div><div class=turn><p>MR. KIM: One.</p><p>Two.</p></div>"
        "<div class=turn><p>Q  Three?</p></div></div><section><p>Related stories</p></section>"
        "</main></body></html>",
    )
    assert [(x.speaker, x.text) for x in t.turns] == [("Mr. Kim", "One.\n\nTwo."), ("Reporter", "Three?")]


def test_page_of_divs(tmp_path):
    t = page(
        tmp_path,
        "<html><body><header><div>MENU: Home</div></header><div class=x><div><b>MS. LEE:</b> Hel<em>lo</em>"
        "<br>again.</div><div>More.</div><ul><li>Q&nbsp;&nbsp; Why?</li></ul></div></body></html>",
    )
    assert [(x.speaker, x.text) for x in t.turns] == [("Ms. Lee", "Hello again.\n\nMore."), ("Reporter", "Why?")]


def test_page_without_labels_warns(tmp_path):
    t = page(tmp_path, "<html><body><p>Just some words.</p><p>More words.</p></body></html>")
    assert [x.speaker for x in t.turns] == ["Unknown speaker"] * 2 and t.warnings


def test_binary_named_html_is_an_ingest_error(tmp_path):
    path = tmp_path / "p.html"
    path.write_bytes(b"<html>\x00\x01\x02</html>")
    with pytest.raises(IngestError, match="binary"):
        parse_html(read_source(path))


_PIECES = ["<p>", "</p>", "<br>", "<h1>", "<time>", "<nav>", "Q", "&nbsp;", "MR. A:", " ", "x", "\n", "<title>",
           "END", "3:21 P.M.", "<", ">", '"']
_HTMLISH = st.lists(st.sampled_from(_PIECES), max_size=80)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(_HTMLISH.map("".join), st.text(max_size=300)))
def test_arbitrary_html_raises_only_ingest_error(text):
    try:
        parse_source(Source(Path("x.html"), text.encode("utf-8")), "html")
    except IngestError:
        pass
