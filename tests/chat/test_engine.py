"""The quote answerer on the sample: verbatim quotes, attribution, timestamps, refusals."""

import re

import pytest

from chat.engine import Engine
from index.settings import Settings
from index.store import Store
from ingest import parse_file


@pytest.fixture(scope="module")
def sample(sample_path):
    return parse_file(sample_path)


@pytest.fixture(scope="module")
def engine(tmp_path_factory, embedder, sample):
    store = Store(Settings(store=tmp_path_factory.mktemp("engine"), refresh_seconds=0), embedder)
    store.ingest(sample)
    return Engine(store)


def _assert_grounded(answer, sample):
    """Every quoted span in the answer is a citation's quote, and every quote is verbatim in its turn."""
    quotes = {c.n: c.quote for c in answer.citations}
    for quoted, n in re.findall(r'"(.+?)" \[(\d+)\]', answer.answer, re.S):
        assert quotes[int(n)] == quoted
    for citation in answer.citations:
        turn = sample.turns[citation.turn_index]
        assert citation.quote in turn.text
        assert (citation.speaker, citation.timestamp, citation.kind) == (turn.speaker, turn.timestamp, turn.kind)


def test_what_did_chen_shaobo_say_about_talent(engine, sample):
    answer = engine.ask("What did Chen Shaobo say about talent?")
    assert not answer.refused and answer.citations
    assert {c.speaker for c in answer.citations} == {"Chen Shaobo"}
    assert answer.citations[0].timestamp == "2024-04-26T10:27:15"
    assert answer.citations[0].role.endswith("Executive Vice Governor")
    assert answer.answer.startswith("Chen Shaobo, Executive Vice Governor, at 10:27:15:")
    assert all("talent" in c.quote.lower() for c in answer.citations)
    _assert_grounded(answer, sample)


def test_figure_question_cites_the_figure(engine, sample):
    answer = engine.ask("How many highly skilled talents does the province have?")
    assert "825,000" in answer.citations[0].quote
    _assert_grounded(answer, sample)


def test_attribution_trap_refuses_and_names_who_did(engine, sample):
    answer = engine.ask("What did Xie Yingjun say about grain output?")
    assert answer.refused
    assert answer.answer.startswith(
        "Xie Yingjun did not talk about grain output in the indexed transcripts; Liang Huiling did:"
    )
    assert {c.speaker for c in answer.citations} == {"Liang Huiling"}
    assert any("grain output" in c.quote for c in answer.citations)
    _assert_grounded(answer, sample)


@pytest.mark.parametrize(
    "question",
    [
        "What is the GDP growth of Shanghai?", "What did they say about the space station on the Moon?",
        "What did President Biden say about tariffs?",
        # the transcript gives no count of tourists: a figure beside the topic counts something else
        "Roughly how many people visited for ice and snow tourism?",
    ],
)
def test_unanswerable_questions_are_refused(engine, question):
    answer = engine.ask(question)
    assert answer.refused and not answer.citations


def test_who_asked_cites_the_question_turn(engine, sample):
    answer = engine.ask("Who asked about talent?")
    assert [c.speaker for c in answer.citations] == ["Southern Metropolis Daily reporter"]
    assert answer.citations[0].kind == "question" and answer.citations[0].timestamp == "2024-04-26T10:26:44"
    _assert_grounded(answer, sample)


def test_who_answered_cites_the_answering_turn(engine, sample):
    answer = engine.ask("Who answered the question about the ecological environment?")
    assert answer.citations[0].speaker == "Yu Jian" and answer.citations[0].kind == "answer"
    assert answer.answer.startswith("Yu Jian, Vice Governor, answered at 10:28:46:")
    _assert_grounded(answer, sample)


def test_follow_up_questions(engine, sample):
    first = "What did Chen Shaobo say about talent?"
    again = engine.ask("What else did he say?", history=[first])
    assert {c.speaker for c in again.citations} == {"Chen Shaobo"}
    other = engine.ask("And Liang Huiling?", history=[first])
    assert {c.speaker for c in other.citations} == {"Liang Huiling"}
    _assert_grounded(other, sample)


def test_speaker_and_transcript_options(engine, sample):
    answer = engine.ask("What was said about the ecology?", speaker="Yu Jian", transcript=sample.id)
    assert answer.citations and {c.speaker for c in answer.citations} == {"Yu Jian"}
    nothing = engine.ask("What was said about the ecology?", transcript="no-such-transcript")
    assert nothing.refused


def test_questions_from_the_overview(engine, sample):
    answer = engine.ask("What questions were asked?")
    assert [c.speaker for c in answer.citations] == [
        "CCTV reporter", "Southern Metropolis Daily reporter", "Xinhua News Agency reporter"
    ]
    assert all(c.kind == "question" for c in answer.citations)
    _assert_grounded(answer, sample)
    yu = engine.ask("Which questions did Yu Jian answer?")
    assert [c.turn_index for c in yu.citations] == [8]


def test_who_was_asked_is_who_answered(engine, sample):
    answer = engine.ask("Who was asked about the ecological environment?")
    assert answer.citations[0].speaker == "Yu Jian" and answer.citations[0].kind == "answer"
    fielded = engine.ask("Which official fielded the question about the ecological environment?")
    assert [c.turn_index for c in fielded.citations] == [c.turn_index for c in answer.citations]


def test_a_request_is_answered_as_the_question_it_makes(engine, sample):
    asked = engine.ask("What did Chen Shaobo say about talent?")
    for request in ("Show me what Chen Shaobo said regarding talent", "Chen Shaobo talent quote"):
        answer = engine.ask(request)
        assert not answer.refused and {c.speaker for c in answer.citations} == {"Chen Shaobo"}
        assert {c.quote for c in answer.citations} & {c.quote for c in asked.citations}
