"""The overview of a press conference: speakers and the questions in order with who answered."""

from chat.overview import overview
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
    assert len(view.questions) == 68
    answerers = {name for q in view.questions for name in q.answered_by}
    assert {"Karine Jean-Pierre", "Jake Sullivan"} <= answerers
